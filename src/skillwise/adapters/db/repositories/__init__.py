"""SQL repositories by the attribute the unit of work exposes them under.

The attributes are the `UnitOfWork` port's; each repository registers itself under the port
it implements, so this package only has to import the modules that define them.
"""

from skillwise.adapters.db.repositories import (  # noqa: F401  (registers the repositories)
    accounts,
    catalog,
    certificates,
    coupons,
    courses,
    devices,
    disputes,
    earnings,
    enrollments,
    invoices,
    learning,
    notifications,
    outbox,
    payment_events,
    payments,
    refund_requests,
    refunds,
    uploads,
    users,
    wishlist,
)
from skillwise.adapters.db.repositories.base import SqlRepository
from skillwise.application.shared.unit_of_work import UnitOfWork

REPOSITORIES: dict[str, type] = SqlRepository.registry.for_unit_of_work(UnitOfWork)
