"""In-memory fakes of the wishlist's ports (queries answered from a FakeUnitOfWork's rows)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.application.wishlist.ports import WishedCourse, WishlistRepository
from skillwise.domain.wishlist import WishlistItem
from tests.fakes.base import FakeRepository
from tests.fakes.catalog import FakeCourseQueries


class FakeWishlistRepository(FakeRepository, implements=WishlistRepository):
    """`holders` stands in for the join with enrollments the SQL adapter makes: the (user,
    course) pairs whose enrollment gives access."""

    def __init__(self) -> None:
        self.rows: dict[tuple[UUID, UUID], WishlistItem] = {}
        self.holders: set[tuple[UUID, UUID]] = set()

    def add(self, item: WishlistItem) -> bool:
        key = (item.user_id, item.course_id)
        if key in self.rows:
            return False
        self.rows[key] = item
        return True

    def remove(self, user_id: UUID, course_id: UUID) -> bool:
        return self.rows.pop((user_id, course_id), None) is not None

    def wishers_to_tell(self, course_id: UUID) -> list[UUID]:
        wishers = sorted(
            (item for item in self.rows.values() if item.course_id == course_id),
            key=lambda item: item.added_at,
        )
        return [item.user_id for item in wishers if (item.user_id, course_id) not in self.holders]

    def wished_course_ids(self) -> list[UUID]:
        return sorted({course_id for _, course_id in self.rows}, key=str)


class FakeWishlistQueries:
    def __init__(self, uow: Any) -> None:
        self._uow = uow
        self._courses = FakeCourseQueries(uow)

    def wishlist_of(self, user_id: UUID, request: PageRequest) -> Page[WishedCourse]:
        mine = [
            item
            for (owner, course_id), item in self._uow.wishlist.rows.items()
            if owner == user_id and self._uow.courses.rows[course_id].is_published
        ]
        mine.sort(key=lambda item: item.added_at, reverse=True)
        window = mine[request.offset : request.offset + request.page_size]
        return Page(items=[self._wished(item) for item in window], total=len(mine), request=request)

    def wished_course(self, user_id: UUID, course_id: UUID) -> WishedCourse | None:
        item = self._uow.wishlist.rows.get((user_id, course_id))
        return self._wished(item) if item else None

    def _wished(self, item: WishlistItem) -> WishedCourse:
        course = self._uow.courses.rows[item.course_id]
        return WishedCourse(course=self._courses.summary_of(course), added_at=item.added_at)
