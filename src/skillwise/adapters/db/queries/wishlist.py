"""The wishlist's read side: four statements a page, whatever its size.

The count, the page of items, then the catalog's two for the courses' summaries.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, sessionmaker

from skillwise.adapters.db.queries.catalog import course_summaries
from skillwise.adapters.db.tables.core import courses
from skillwise.adapters.db.tables.wishlist import wishlist_items
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.wishlist.ports import WishedCourse
from skillwise.domain.catalog.course import CourseStatus

_in_the_catalog = and_(
    courses.c.id == wishlist_items.c.course_id,
    courses.c.status == CourseStatus.PUBLISHED.value,
)


class SqlWishlistQueries:
    """Each call reads in a short session of its own."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._session_factory = session_factory

    def wishlist_of(self, user_id: UUID, request: PageRequest) -> Page[WishedCourse]:
        mine = wishlist_items.c.user_id == user_id
        with self._session_factory() as session:
            total = session.execute(
                select(func.count())
                .select_from(wishlist_items)
                .join(courses, _in_the_catalog)
                .where(mine)
            ).scalar_one()
            rows = session.execute(
                select(wishlist_items.c.course_id, wishlist_items.c.added_at)
                .join(courses, _in_the_catalog)
                .where(mine)
                .order_by(wishlist_items.c.added_at.desc(), wishlist_items.c.id.desc())
                .limit(request.page_size)
                .offset(request.offset)
            ).all()
            summaries = course_summaries(session, [row.course_id for row in rows])
        items = [
            WishedCourse(course=summaries[row.course_id], added_at=row.added_at)
            for row in rows
            if row.course_id in summaries
        ]
        return Page(items=items, total=total, request=request)

    def wished_course(self, user_id: UUID, course_id: UUID) -> WishedCourse | None:
        with self._session_factory() as session:
            added_at = session.execute(
                select(wishlist_items.c.added_at).where(
                    wishlist_items.c.user_id == user_id, wishlist_items.c.course_id == course_id
                )
            ).scalar_one_or_none()
            if added_at is None:
                return None
            summary = course_summaries(session, [course_id]).get(course_id)
        return WishedCourse(course=summary, added_at=added_at) if summary else None
