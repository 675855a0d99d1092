"""CreateCoupon: a code that takes money off one course, or off every course."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from skillwise.application.catalog.access import CatalogAccess
from skillwise.application.coupons.announcements import announce_coupon
from skillwise.application.coupons.views import CouponListing
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.coupons import Coupon, CouponKind, CouponUses
from skillwise.domain.errors import Conflict
from skillwise.domain.identity import Actor


@dataclass(frozen=True, slots=True)
class CouponDraft:
    code: str
    kind: CouponKind
    value: int
    currency: str | None = None
    course_id: UUID | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    max_redemptions: int | None = None
    per_user_limit: int | None = None


class CreateCoupon:
    """Instructors make coupons for their own courses, admins for any course or site-wide.

    Codes are unique whatever their case (the database decides between concurrent twins). A
    fixed course coupon is in the course's currency. The students wishing for a course the
    coupon lowers hear of it in the same transaction, or, for a coupon that starts later,
    when it starts (AnnounceStartedCoupons).
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, actor: Actor, draft: CouponDraft) -> CouponListing:
        with self._uow as uow:
            now = self._clock.now()
            course = None
            if draft.course_id is None:
                actor.ensure_is_admin("create site-wide coupons")
            else:
                course = CatalogAccess(uow, actor).editable_course(uow.courses.get(draft.course_id))
            coupon = Coupon(
                code=draft.code,
                kind=draft.kind,
                value=draft.value,
                currency=draft.currency,
                course_id=draft.course_id,
                starts_at=draft.starts_at,
                ends_at=draft.ends_at,
                max_redemptions=draft.max_redemptions,
                per_user_limit=draft.per_user_limit,
                created_by=actor.user_id,
                created_at=now,
                updated_at=now,
            )
            if coupon.has_started(now):
                coupon.announced_at = now
            if course is not None:
                coupon.ensure_fits(course)
            if not uow.coupons.add(coupon):
                raise Conflict(f"The code {coupon.code} is taken.", code="coupon_code_taken")
            if coupon.announced_at is not None:
                announce_coupon(uow, coupon, course, now)
            uow.commit()
        return CouponListing(coupon, CouponUses())
