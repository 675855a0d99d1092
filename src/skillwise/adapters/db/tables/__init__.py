"""All tables share one MetaData; each subject keeps its own module."""

from skillwise.adapters.db.tables import accounts, catalog, core, learning, payments  # noqa: F401
from skillwise.adapters.db.tables.base import metadata

__all__ = ["metadata"]
