"""The unit of work: one transaction per use-case call."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from skillwise.application.accounts.ports import OneTimeTokenRepository, RefreshTokenRepository
from skillwise.application.accounts.users import UserRepository
from skillwise.application.catalog.courses import CourseRepository
from skillwise.application.catalog.ports import (
    AttachmentRepository,
    LessonRepository,
    ModuleRepository,
)
from skillwise.application.catalog.uploads import UploadRepository
from skillwise.application.certificates.ports import CertificateRepository
from skillwise.application.coupons.ports import CouponRepository
from skillwise.application.learning.enrollments import EnrollmentRepository
from skillwise.application.learning.ports import (
    LessonProgressRepository,
    ReportRepository,
    ReviewRepository,
)
from skillwise.application.notifications.ports import (
    DeviceRepository,
    NotificationPreferenceRepository,
    NotificationRepository,
    PushDeliveryRepository,
)
from skillwise.application.payments.ports import (
    DisputeRepository,
    EarningRepository,
    InvoiceRepository,
    PaymentEventRepository,
    PaymentRepository,
    RefundRepository,
    RefundRequestRepository,
)
from skillwise.application.shared.effects import Effect
from skillwise.application.shared.outbox import OutboxRepository
from skillwise.application.wishlist.ports import WishlistRepository


class UnitOfWork(Protocol):
    """`with uow:` opens a transaction; only an explicit `commit()` keeps its changes.

    Effects declared with `after_commit` (cache invalidation, outbox hand-off) run once the
    transaction has committed, and are dropped if it rolls back.
    """

    users: UserRepository
    courses: CourseRepository
    enrollments: EnrollmentRepository
    notifications: NotificationRepository
    outbox: OutboxRepository
    one_time_tokens: OneTimeTokenRepository
    refresh_tokens: RefreshTokenRepository
    payments: PaymentRepository
    payment_events: PaymentEventRepository
    invoices: InvoiceRepository
    earnings: EarningRepository
    refunds: RefundRepository
    disputes: DisputeRepository
    refund_requests: RefundRequestRepository
    lesson_progress: LessonProgressRepository
    reviews: ReviewRepository
    reports: ReportRepository
    modules: ModuleRepository
    lessons: LessonRepository
    attachments: AttachmentRepository
    devices: DeviceRepository
    notification_preferences: NotificationPreferenceRepository
    push_deliveries: PushDeliveryRepository
    wishlist: WishlistRepository
    certificates: CertificateRepository
    uploads: UploadRepository
    coupons: CouponRepository

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def after_commit(self, effect: Effect) -> None:
        """Run `effect` after this transaction commits; a rollback drops it."""
        ...
