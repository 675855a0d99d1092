"""UpdateCourse: edit a course's details, publish, archive or unpublish it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess, existing_detail
from skillwise.application.catalog.currencies import AcceptedCurrencies, ensure_some_gateway_charges
from skillwise.application.catalog.ports import CourseQueries
from skillwise.application.catalog.views import CourseDetail
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.application.wishlist.price_drops import PriceDrop, tell_wishers
from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus, clean_title
from skillwise.domain.identity import Actor
from skillwise.domain.money import Money

EDITABLE_COURSE_FIELDS = frozenset(
    {
        "title",
        "subtitle",
        "description",
        "category",
        "level",
        "language",
        "price",
        "currency",
        "thumbnail_url",
        "status",
    }
)


class UpdateCourse:
    """Applies the given changes (keys of EDITABLE_COURSE_FIELDS) for the owner or an admin.

    `status` moves the course: "published" needs at least one lesson, "archived" takes it out
    of the catalog for new students, "draft" unpublishes it. A new price must be in a currency
    a configured gateway charges in. The slug never changes. A lower price tells the students
    who wish for the course, in the same transaction.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        queries: CourseQueries,
        accepted_currencies: AcceptedCurrencies,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._queries = queries
        self._accepted_currencies = accepted_currencies

    def __call__(self, actor: Actor, course_id: UUID, changes: Mapping[str, Any]) -> CourseDetail:
        now = self._clock.now()
        with self._uow as uow:
            course = CatalogAccess(uow, actor).editable_course(
                uow.courses.get_for_update(course_id)
            )
            price_before = course.price
            _apply_details(course, changes)
            if "price" in changes or "currency" in changes:
                ensure_some_gateway_charges(course.price, self._accepted_currencies)
            if "status" in changes:
                status = CourseStatus(changes["status"])
                publishing = status is CourseStatus.PUBLISHED and not course.is_published
                lessons = uow.lessons.count_for_course(course.id) if publishing else 0
                course.move_to_status(status, now=now, lesson_count=lessons)
            course.updated_at = now
            uow.courses.save(course)
            uow.after_commit(CourseChanged(course.id))
            drop = PriceDrop.between(price_before, course.price)
            if drop is not None:
                tell_wishers(uow, course=course, drop=drop, now=now)
            uow.commit()
        return existing_detail(self._queries, course.id)


def _apply_details(course: Course, changes: Mapping[str, Any]) -> None:
    if "title" in changes:
        course.title = clean_title(changes["title"])
    for name in ("subtitle", "description", "category", "language", "thumbnail_url"):
        if name in changes:
            setattr(course, name, changes[name])
    if "level" in changes:
        course.level = CourseLevel(changes["level"])
    if "price" in changes or "currency" in changes:
        course.change_price(
            Money(
                changes.get("price", course.price.amount_minor),
                changes.get("currency", course.price.currency),
            )
        )
