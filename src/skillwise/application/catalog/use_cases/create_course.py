"""CreateCourse: a new draft owned by the caller."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.application.catalog.access import existing_detail
from skillwise.application.catalog.currencies import AcceptedCurrencies, ensure_some_gateway_charges
from skillwise.application.catalog.ports import CourseQueries
from skillwise.application.catalog.views import CourseDetail
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course, CourseLevel, clean_title
from skillwise.domain.catalog.pricing import ensure_price_is_valid
from skillwise.domain.catalog.slugs import SlugTaken, first_free_slug, slugify
from skillwise.domain.errors import PermissionDenied
from skillwise.domain.identity import Actor
from skillwise.domain.money import Money

SLUG_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class NewCourse:
    title: str
    description: str
    category: str
    level: CourseLevel
    language: str
    price: int
    currency: str
    subtitle: str = ""
    thumbnail_url: str | None = None


class CreateCourse:
    """Creates a draft course taught by the calling instructor or admin.

    The price must be in an ISO 4217 currency that a configured gateway charges in. The slug
    comes from the title; when it is taken, `-2`, `-3` ... is appended. It stays as
    first given when the title changes later, so shared links keep working.
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

    def __call__(self, actor: Actor, new: NewCourse) -> CourseDetail:
        if not actor.can_teach:
            raise PermissionDenied(
                "Only instructors and admins create courses.", code="role_not_allowed"
            )
        title = clean_title(new.title)
        price = Money(new.price, new.currency)
        ensure_price_is_valid(price)
        ensure_some_gateway_charges(price, self._accepted_currencies)
        now = self._clock.now()
        course = Course(
            instructor_id=actor.user_id,
            title=title,
            slug="",
            subtitle=new.subtitle,
            description=new.description,
            category=new.category,
            level=new.level,
            language=new.language,
            price=price,
            thumbnail_url=new.thumbnail_url,
            created_at=now,
            updated_at=now,
        )
        for attempt in range(1, SLUG_ATTEMPTS + 1):
            try:
                self._add(course)
                break
            except SlugTaken:
                # A concurrent creation took the slug first: look again for a free one.
                if attempt == SLUG_ATTEMPTS:
                    raise
        return existing_detail(self._queries, course.id)

    def _add(self, course: Course) -> None:
        with self._uow as uow:
            base = slugify(course.title)
            course.slug = first_free_slug(base, uow.courses.slugs_starting_with(base))
            uow.courses.add(course)
            uow.after_commit(CourseChanged(course.id))
            uow.commit()
