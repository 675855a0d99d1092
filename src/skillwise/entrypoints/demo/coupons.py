"""The demo coupons: one for every course, and one for a course of the demo instructor.

Added through the same rules as POST /coupons/, so the demo student, who wishes for paid
courses, hears of them; seeding again finds the codes taken and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID, uuid5

from skillwise.application.coupons.announcements import announce_coupon
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.catalog.course import Course
from skillwise.domain.coupons import Coupon, CouponKind
from skillwise.domain.users import User

SITE_WIDE_CODE = "WELCOME10"
COURSE_CODE = "LAUNCH50"


def seed_coupons(
    uow: UnitOfWork,
    *,
    namespace: UUID,
    admin: User,
    instructor: User,
    paid_course_ids: Iterable[UUID],
    now: datetime,
) -> None:
    welcome = Coupon(
        id=uuid5(namespace, SITE_WIDE_CODE),
        code=SITE_WIDE_CODE,
        kind=CouponKind.PERCENT,
        value=10,
        created_by=admin.id,
        created_at=now,
        updated_at=now,
    )
    _add(uow, welcome, None, now)
    courses = (uow.courses.get(course_id) for course_id in paid_course_ids)
    own = next((c for c in courses if c is not None and c.instructor_id == instructor.id), None)
    if own is None:
        return
    launch = Coupon(
        id=uuid5(namespace, COURSE_CODE),
        code=COURSE_CODE,
        kind=CouponKind.PERCENT,
        value=50,
        course_id=own.id,
        max_redemptions=100,
        per_user_limit=1,
        created_by=instructor.id,
        created_at=now,
        updated_at=now,
    )
    _add(uow, launch, own, now)


def _add(uow: UnitOfWork, coupon: Coupon, course: Course | None, now: datetime) -> None:
    if uow.coupons.add(coupon):
        announce_coupon(uow, coupon, course, now)
