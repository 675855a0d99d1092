"""In-memory repositories of the foundation's ports."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from skillwise.application.accounts.users import UserQuery, UserRepository
from skillwise.application.catalog.courses import CourseRepository
from skillwise.application.learning.enrollments import EnrollmentRepository
from skillwise.application.notifications.ports import NotificationRepository
from skillwise.application.shared.outbox import OutboxMessage, OutboxRepository
from skillwise.application.shared.pagination import Page, PageRequest
from skillwise.domain.catalog.course import Course
from skillwise.domain.catalog.slugs import SlugTaken
from skillwise.domain.email_address import Email
from skillwise.domain.enrollments import DuplicateEnrollment, Enrollment, EnrollmentStatus
from skillwise.domain.notifications import Notification
from skillwise.domain.users import User, email_already_registered
from tests.fakes.base import FakeRepository


class FakeUserRepository(FakeRepository, implements=UserRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, User] = {}

    def add(self, user: User) -> None:
        self.rows[user.id] = user

    def get(self, user_id: UUID) -> User | None:
        return self.rows.get(user_id)

    def get_by_email(self, email: Email) -> User | None:
        return next((u for u in self.rows.values() if u.email == email), None)

    def save(self, user: User) -> None:
        self.rows[user.id] = user

    def add_unless_email_taken(self, user: User) -> None:
        if self.get_by_email(user.email) is not None:
            raise email_already_registered()
        self.add(user)

    def search(self, query: UserQuery, page: PageRequest) -> Page[User]:
        term = (query.search or "").strip().lower()
        found = [
            u
            for u in self.rows.values()
            if (query.role is None or u.role is query.role)
            and (query.is_active is None or u.is_active is query.is_active)
            and (term in u.email.value or term in u.full_name.lower())
        ]
        found.sort(key=lambda u: (-u.date_joined.timestamp(), str(u.id)))
        return Page(
            items=found[page.offset : page.offset + page.page_size], total=len(found), request=page
        )


class FakeOutboxRepository(FakeRepository, implements=OutboxRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, OutboxMessage] = {}

    def add(self, message: OutboxMessage) -> None:
        self.rows[message.id] = message

    def get_for_update(self, message_id: UUID) -> OutboxMessage | None:
        return self.rows.get(message_id)

    def save(self, message: OutboxMessage) -> None:
        self.rows[message.id] = message

    def undelivered_ids(self, created_before: datetime, limit: int) -> list[UUID]:
        pending = sorted(
            (m for m in self.rows.values() if m.delivered_at is None),
            key=lambda m: m.created_at,
        )
        return [m.id for m in pending if m.created_at < created_before][:limit]

    def topics(self) -> list[str]:
        return [message.topic for message in self.rows.values()]


class FakeCourseRepository(FakeRepository, implements=CourseRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Course] = {}
        # Courses that rows of other subjects (payments ...) refer to: deleting them fails.
        self.referenced: set[UUID] = set()

    def add(self, course: Course) -> None:
        if any(c.slug == course.slug and c.id != course.id for c in self.rows.values()):
            raise SlugTaken(f"The slug {course.slug!r} is taken.")
        self.rows[course.id] = course

    def get(self, course_id: UUID) -> Course | None:
        return self.rows.get(course_id)

    def get_for_update(self, course_id: UUID) -> Course | None:
        return self.rows.get(course_id)

    def save(self, course: Course) -> None:
        self.rows[course.id] = course

    def add_many(self, courses: list[Course]) -> None:
        for course in courses:
            self.rows[course.id] = course

    def slugs_starting_with(self, base: str) -> set[str]:
        return {
            c.slug for c in self.rows.values() if c.slug == base or c.slug.startswith(f"{base}-")
        }

    def delete(self, course_id: UUID) -> bool:
        if course_id in self.referenced:
            return False
        self.rows.pop(course_id, None)
        return True


class FakeEnrollmentRepository(FakeRepository, implements=EnrollmentRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Enrollment] = {}

    def add(self, enrollment: Enrollment) -> None:
        if self.get_for(enrollment.user_id, enrollment.course_id) is not None:
            raise DuplicateEnrollment()
        self.rows[enrollment.id] = enrollment

    def get(self, enrollment_id: UUID) -> Enrollment | None:
        return self.rows.get(enrollment_id)

    def get_for_update(self, enrollment_id: UUID) -> Enrollment | None:
        return self.rows.get(enrollment_id)

    def get_for(self, user_id: UUID, course_id: UUID) -> Enrollment | None:
        return next(
            (e for e in self.rows.values() if e.user_id == user_id and e.course_id == course_id),
            None,
        )

    def save(self, enrollment: Enrollment) -> None:
        self.rows[enrollment.id] = enrollment

    def student_ids_of(self, course_id: UUID) -> list[UUID]:
        return [
            e.user_id
            for e in sorted(self.rows.values(), key=lambda e: e.started_at)
            if e.course_id == course_id and e.status is not EnrollmentStatus.REFUNDED
        ]


class FakeNotificationRepository(FakeRepository, implements=NotificationRepository):
    def __init__(self) -> None:
        self.rows: dict[UUID, Notification] = {}

    def add(self, notification: Notification) -> None:
        self.rows[notification.id] = notification

    def add_many(self, notifications: list[Notification]) -> None:
        for notification in notifications:
            self.add(notification)

    def get(self, notification_id: UUID) -> Notification | None:
        return self.rows.get(notification_id)

    def save(self, notification: Notification) -> None:
        self.rows[notification.id] = notification

    def for_user(self, user_id: UUID) -> list[Notification]:
        return [n for n in self.rows.values() if n.user_id == user_id]

    def page_for(
        self, user_id: UUID, request: PageRequest, *, unread_only: bool = False
    ) -> Page[Notification]:
        mine = sorted(
            (n for n in self.for_user(user_id) if not (unread_only and n.is_read)),
            key=lambda n: n.created_at,
            reverse=True,
        )
        return Page(
            items=mine[request.offset : request.offset + request.page_size],
            total=len(mine),
            request=request,
        )

    def unread_count(self, user_id: UUID) -> int:
        return sum(1 for n in self.for_user(user_id) if not n.is_read)

    def mark_all_read(self, user_id: UUID, now: datetime) -> int:
        unread = [n for n in self.for_user(user_id) if not n.is_read]
        for notification in unread:
            notification.read_at = now
        return len(unread)
