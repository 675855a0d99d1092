"""Writes the demo accounts and courses that are missing, in one transaction.

Everything is derived from fixed seeds: course number i always has the same id, title,
outline and price, whatever --courses says. A run adds what is missing and leaves what is
there, so running it twice changes nothing and a larger --courses only adds courses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID, uuid5

from skillwise.application.accounts.ports import PasswordHasher
from skillwise.application.learning.enrollment_grants import grant_enrollment
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.effects import CourseChanged
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.catalog.slugs import first_free_slug, slugify
from skillwise.domain.email_address import Email
from skillwise.domain.users import User
from skillwise.entrypoints.demo.accounts import (
    ADMIN,
    DEMO_ACCOUNTS,
    INSTRUCTOR,
    STUDENT,
    DemoAccount,
    guest_teacher_accounts,
)
from skillwise.entrypoints.demo.coupons import seed_coupons
from skillwise.entrypoints.demo.courses import demo_course
from skillwise.entrypoints.demo.progress import finish_course, wish_for

DEFAULT_COURSES = 60
NAMESPACE = UUID("6f1c35c2-38a4-4a8e-9a57-5b3f0a3c2d11")


@dataclass
class SeedReport:
    accounts_created: list[str] = field(default_factory=list)
    courses_created: int = 0
    lessons_created: int = 0
    courses_total: int = 0


class DemoSeeder:
    """Creates the demo accounts and the first `courses` demo courses that are missing."""

    def __init__(
        self,
        uow_factory: Callable[[], UnitOfWork],
        hasher: PasswordHasher,
        clock: Clock,
    ) -> None:
        self._uow_factory = uow_factory
        self._hasher = hasher
        self._clock = clock

    def __call__(self, courses: int = DEFAULT_COURSES) -> SeedReport:
        now = self._clock.now()
        report = SeedReport(courses_total=courses)
        new_courses: list[Course] = []
        with self._uow_factory() as uow:
            accounts = {
                account.email: self._account(uow, account, now, report) for account in DEMO_ACCOUNTS
            }
            teachers = [accounts[INSTRUCTOR.email]] + [
                self._account(uow, account, now, report) for account in guest_teacher_accounts()
            ]
            modules: list[Module] = []
            lessons: list[Lesson] = []
            slugs_taken: set[str] = set()
            free_courses: list[UUID] = []
            paid_courses: list[UUID] = []
            for number in range(courses):
                course_id = uuid5(NAMESPACE, f"course-{number}")
                course, outline = demo_course(number, course_id, teachers, now)
                if course.is_free and course.is_published:
                    free_courses.append(course_id)
                elif course.is_published:
                    paid_courses.append(course_id)
                if uow.courses.get(course_id) is not None:
                    continue
                base = slugify(course.title)
                course.slug = first_free_slug(
                    base, uow.courses.slugs_starting_with(base) | slugs_taken
                )
                slugs_taken.add(course.slug)
                new_courses.append(course)
                modules += outline
                lessons += [lesson for module in outline for lesson in module.lessons]
            uow.courses.add_many(new_courses)
            uow.modules.add_many(modules)
            uow.lessons.add_many(lessons)
            student = accounts[STUDENT.email]
            for course_id in free_courses[:2]:
                course = uow.courses.get_for_update(course_id)
                if course is not None:
                    grant_enrollment(uow, user_id=student.id, course=course, now=now)
            for course_id in free_courses[:1]:
                finish_course(uow, user_id=student.id, course_id=course_id, now=now)
            wish_for(uow, user_id=student.id, course_ids=paid_courses[:2], now=now)
            seed_coupons(
                uow,
                namespace=NAMESPACE,
                admin=accounts[ADMIN.email],
                instructor=accounts[INSTRUCTOR.email],
                paid_course_ids=paid_courses,
                now=now,
            )
            for course in new_courses:
                uow.after_commit(CourseChanged(course.id))
            uow.commit()
        report.courses_created = len(new_courses)
        report.lessons_created = len(lessons)
        return report

    def _account(
        self, uow: UnitOfWork, account: DemoAccount, now: datetime, report: SeedReport
    ) -> User:
        existing = uow.users.get_by_email(Email(account.email))
        if existing is not None:
            return existing
        user = User(
            id=uuid5(NAMESPACE, account.email),
            email=Email(account.email),
            full_name=account.full_name,
            password_hash=self._hasher.hash(account.password),
            date_joined=now,
            role=account.role,
            email_verified=True,
            bio=account.bio,
        )
        uow.users.add(user)
        report.accounts_created.append(account.email)
        return user
