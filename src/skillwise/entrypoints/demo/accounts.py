"""The demo accounts and their passwords (`skillwise seed-demo` prints them)."""

from __future__ import annotations

from dataclasses import dataclass

from skillwise.domain.identity import Role


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    full_name: str
    role: Role
    bio: str = ""


STUDENT = DemoAccount("student@skillwise.local", "student-pass-123", "Sam Student", Role.STUDENT)
INSTRUCTOR = DemoAccount(
    "instructor@skillwise.local",
    "instructor-pass-123",
    "Ivy Instructor",
    Role.INSTRUCTOR,
    "Full-stack developer who has taught web development for ten years.",
)
ADMIN = DemoAccount("admin@skillwise.local", "admin-pass-123", "Ada Admin", Role.ADMIN)
DEMO_ACCOUNTS = (STUDENT, INSTRUCTOR, ADMIN)

# Five more teachers; they share the demo instructor's password.
GUEST_TEACHERS = (
    ("Amara Okafor", "amara.okafor", "Data scientist and former statistics lecturer."),
    ("Ravi Menon", "ravi.menon", "Product designer who has shipped apps used by millions."),
    ("Sofia Lindqvist", "sofia.lindqvist", "Photographer and music producer based in Malmö."),
    ("Tanvir Rahman", "tanvir.rahman", "Marketing lead and startup adviser in Dhaka."),
    ("Mei Chen", "mei.chen", "Polyglot teacher of languages and business communication."),
)


def guest_teacher_accounts() -> tuple[DemoAccount, ...]:
    return tuple(
        DemoAccount(f"{handle}@skillwise.local", INSTRUCTOR.password, name, Role.INSTRUCTOR, bio)
        for name, handle, bio in GUEST_TEACHERS
    )
