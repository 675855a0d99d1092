"""The categories of the published catalog, counted in one GROUP BY."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.errors import read_session
from skillwise.adapters.db.tables.core import courses
from skillwise.application.catalog.categories import Category
from skillwise.domain.catalog.course import CourseStatus


class SqlCategoryQueries:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def published_categories(self) -> list[Category]:
        with read_session(self._session_factory) as session:
            rows = session.execute(
                select(courses.c.category, func.count().label("course_count"))
                .where(courses.c.status == CourseStatus.PUBLISHED.value)
                .group_by(courses.c.category)
                .order_by(courses.c.category)
            ).all()
        return [Category(slug=row.category, course_count=row.course_count) for row in rows]
