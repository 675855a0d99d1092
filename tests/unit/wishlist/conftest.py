"""Students, courses and wishlists in a FakeUnitOfWork."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from skillwise.application.catalog.use_cases.update_course import UpdateCourse
from skillwise.application.wishlist.use_cases.add_to_wishlist import AddToWishlist
from skillwise.domain.catalog.course import Course
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User
from tests.factories import a_course, a_user
from tests.fakes.basics import FixedClock
from tests.fakes.catalog import AcceptedCurrencyList, FakeCourseQueries
from tests.fakes.unit_of_work import FakeUnitOfWork
from tests.fakes.wishlist import FakeWishlistQueries


@dataclass
class Wishes:
    uow: FakeUnitOfWork
    clock: FixedClock
    queries: FakeWishlistQueries

    def user(self, role: Role = Role.STUDENT) -> User:
        user = a_user(role)
        self.uow.users.rows[user.id] = user
        return user

    def course(
        self, price: Money | None = None, *, published: bool = True, owner: User | None = None
    ) -> Course:
        course = a_course(
            owner or self.user(Role.INSTRUCTOR),
            price=price or Money(4999, "USD"),
            published=published,
        )
        self.uow.courses.rows[course.id] = course
        return course

    def add(self, student: User, course: Course) -> None:
        AddToWishlist(self.uow, self.clock, self.queries)(student.as_actor(), course.id)
        self.clock.advance(minutes=1)

    def update(self, course: Course, **changes) -> None:
        owner = self.uow.users.rows[course.instructor_id]
        UpdateCourse(
            self.uow,
            self.clock,
            FakeCourseQueries(self.uow),
            AcceptedCurrencyList("USD", "EUR", "BDT"),
        )(owner.as_actor(), course.id, changes)

    def price_drops_of(self, user: User) -> list:
        return [n for n in self.uow.notifications.for_user(user.id) if n.kind == "price_drop"]


@pytest.fixture
def wishes() -> Wishes:
    uow = FakeUnitOfWork()
    return Wishes(uow=uow, clock=FixedClock(), queries=FakeWishlistQueries(uow))
