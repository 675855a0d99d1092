"""Repository classes by the attribute name the unit of work exposes them under.

Each takes `(session, uow)`; subjects add their repositories here.
"""

from skillwise.adapters.db.repositories.accounts import (
    SqlOneTimeTokenRepository,
    SqlRefreshTokenRepository,
)
from skillwise.adapters.db.repositories.catalog import (
    SqlAttachmentRepository,
    SqlLessonRepository,
    SqlModuleRepository,
)
from skillwise.adapters.db.repositories.courses import SqlCourseRepository
from skillwise.adapters.db.repositories.enrollments import SqlEnrollmentRepository
from skillwise.adapters.db.repositories.learning import (
    SqlLessonProgressRepository,
    SqlReportRepository,
    SqlReviewRepository,
)
from skillwise.adapters.db.repositories.notifications import SqlNotificationRepository
from skillwise.adapters.db.repositories.outbox import SqlOutboxRepository
from skillwise.adapters.db.repositories.payments import (
    SqlEarningRepository,
    SqlInvoiceRepository,
    SqlPaymentEventRepository,
    SqlPaymentRepository,
)
from skillwise.adapters.db.repositories.users import SqlUserRepository

REPOSITORIES: dict[str, type] = {
    "users": SqlUserRepository,
    "courses": SqlCourseRepository,
    "enrollments": SqlEnrollmentRepository,
    "notifications": SqlNotificationRepository,
    "outbox": SqlOutboxRepository,
    "one_time_tokens": SqlOneTimeTokenRepository,
    "refresh_tokens": SqlRefreshTokenRepository,
    "payments": SqlPaymentRepository,
    "payment_events": SqlPaymentEventRepository,
    "invoices": SqlInvoiceRepository,
    "earnings": SqlEarningRepository,
    "lesson_progress": SqlLessonProgressRepository,
    "reviews": SqlReviewRepository,
    "reports": SqlReportRepository,
    "modules": SqlModuleRepository,
    "lessons": SqlLessonRepository,
    "attachments": SqlAttachmentRepository,
}
