"""All tables share one MetaData; each subject keeps its own module."""

from skillwise.adapters.db.tables import (  # noqa: F401
    accounts,
    catalog,
    certificates,
    core,
    coupons,
    learning,
    notifications,
    payments,
    uploads,
    wishlist,
)
from skillwise.adapters.db.tables.base import metadata

__all__ = ["metadata"]
