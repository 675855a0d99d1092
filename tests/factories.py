"""Small factories for tests: users, courses with lessons, and tokens for them.

They write through the same repositories the use cases use.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from flask import Flask
from flask_jwt_extended import create_access_token

from skillwise.domain.catalog.course import Course, CourseLevel, CourseStatus
from skillwise.domain.catalog.outline import Lesson, Module
from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.money import Money
from skillwise.domain.users import User

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def a_user(role: Role = Role.STUDENT, *, email: str | None = None, verified: bool = True) -> User:
    return User(
        email=Email(email or f"{role.value}-{uuid4().hex[:8]}@example.com"),
        full_name=f"Test {role.value.title()}",
        password_hash="not-a-real-hash",
        date_joined=NOW,
        role=role,
        email_verified=verified,
    )


def a_course(
    instructor: User,
    *,
    price: Money | None = None,
    published: bool = True,
    title: str | None = None,
) -> Course:
    title = title or f"Course {uuid4().hex[:8]}"
    return Course(
        instructor_id=instructor.id,
        title=title,
        slug=title.lower().replace(" ", "-"),
        category="programming",
        level=CourseLevel.BEGINNER,
        language="en",
        price=price or Money(0, "USD"),
        created_at=NOW,
        updated_at=NOW,
        status=CourseStatus.PUBLISHED if published else CourseStatus.DRAFT,
        published_at=NOW if published else None,
    )


def an_outline(course: Course, *, modules: int = 1, lessons_per_module: int = 2) -> list[Module]:
    outline = []
    for m in range(modules):
        module = Module(course_id=course.id, title=f"Module {m + 1}", position=m + 1)
        module.lessons = [
            Lesson(
                module_id=module.id,
                course_id=course.id,
                title=f"Lesson {m + 1}.{n + 1}",
                position=n + 1,
                created_at=NOW,
                updated_at=NOW,
                duration_seconds=300,
                is_preview=(m == 0 and n == 0),
            )
            for n in range(lessons_per_module)
        ]
        outline.append(module)
    return outline


def bearer(app: Flask, user: User) -> dict[str, str]:
    """An Authorization header for `user`, as login would issue it."""
    with app.app_context():
        token = create_access_token(
            identity=str(user.id), additional_claims={"role": user.role.value}
        )
    return {"Authorization": f"Bearer {token}"}
