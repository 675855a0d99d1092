"""Coupons: a code that takes a percentage or a fixed amount off one course or every course."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from uuid import UUID, uuid4

from skillwise.domain.catalog.course import Course
from skillwise.domain.errors import DomainValidationError, NotFound
from skillwise.domain.money import Money

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{2,39}$")


class CouponKind(StrEnum):
    PERCENT = "percent"
    FIXED = "fixed"


class CouponNotFound(NotFound):
    """No such coupon of yours."""

    code = "coupon_not_found"


class CouponRefused(DomainValidationError):
    """This coupon cannot be used here."""


class UnknownCoupon(CouponRefused):
    """There is no coupon with this code."""

    code = "coupon_not_found"


class CouponExpired(CouponRefused):
    """This coupon has ended or was switched off."""

    code = "coupon_expired"


class CouponNotYetValid(CouponRefused):
    """This coupon cannot be used yet."""

    code = "coupon_not_yet_valid"


class CouponUsedUp(CouponRefused):
    """This coupon has been used as many times as it may be."""

    code = "coupon_used_up"


class CouponNotForThisCourse(CouponRefused):
    """This coupon is for another course or currency."""

    code = "coupon_not_for_this_course"


class CouponLimitReachedForYou(CouponRefused):
    """You have used this coupon as many times as one person may."""

    code = "coupon_limit_reached_for_you"


def normalize_code(code: str) -> str:
    """Codes are case-insensitive: kept and compared upper-cased."""
    return code.strip().upper()


def _invalid(message: str) -> DomainValidationError:
    return DomainValidationError(message, code="invalid_coupon")


@dataclass(eq=False)
class Coupon:
    """`value` is a percentage (1-100) for a percent coupon and minor units of `currency` for
    a fixed one. Without `course_id` it is site-wide, which only admins may create."""

    code: str
    kind: CouponKind
    value: int
    created_by: UUID
    created_at: datetime
    updated_at: datetime
    currency: str | None = None
    course_id: UUID | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    max_redemptions: int | None = None
    per_user_limit: int | None = None
    is_active: bool = True
    # When its wishers were told of it: at creation once started, else when it starts.
    announced_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    def __post_init__(self) -> None:
        self.code = normalize_code(self.code)
        self.ensure_valid()

    def ensure_valid(self) -> None:
        if not _CODE.match(self.code):
            raise DomainValidationError(
                "A code is 3 to 40 letters, digits, '-' or '_', starting with a letter or digit.",
                code="invalid_coupon_code",
            )
        if self.kind is CouponKind.PERCENT:
            if not 1 <= self.value <= 100:
                raise _invalid("A percent coupon takes 1 to 100 percent off.")
            self.currency = None
        else:
            if self.value < 1:
                raise _invalid("A fixed coupon takes at least one minor unit off.")
            if self.currency is None:
                raise _invalid("A fixed coupon needs the currency of its amount.")
            Money(self.value, self.currency)  # refuses a currency that is not ISO 4217
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise DomainValidationError("A coupon ends after it starts.", code="invalid_date_range")
        for limit in (self.max_redemptions, self.per_user_limit):
            if limit is not None and limit < 1:
                raise _invalid("A redemption limit is at least 1.")

    def has_started(self, now: datetime) -> bool:
        return self.starts_at is None or self.starts_at <= now

    @property
    def is_site_wide(self) -> bool:
        return self.course_id is None

    def ensure_fits(self, course: Course) -> None:
        """A fixed course coupon takes its amount off in the course's own currency."""
        if self.currency is not None and self.currency != course.price.currency:
            raise DomainValidationError(
                f"This course is sold in {course.price.currency}, not {self.currency}.",
                code="currency_mismatch",
            )

    def ensure_usable(self, course: Course, now: datetime) -> None:
        """Every rule that does not count uses: switched on, in its dates, for this course."""
        if not self.is_active or (self.ends_at is not None and now >= self.ends_at):
            raise CouponExpired()
        if self.starts_at is not None and now < self.starts_at:
            raise CouponNotYetValid()
        if self.course_id is not None and self.course_id != course.id:
            raise CouponNotForThisCourse()
        if self.currency is not None and self.currency != course.price.currency:
            raise CouponNotForThisCourse()

    def is_usable(self, course: Course, now: datetime) -> bool:
        try:
            self.ensure_usable(course, now)
        except CouponRefused:
            return False
        return True

    def ensure_uses_left(self, *, uses: int, uses_by_buyer: int) -> None:
        """`uses` counts succeeded and reserved (pending) payments with this coupon."""
        if self.max_redemptions is not None and uses >= self.max_redemptions:
            raise CouponUsedUp()
        if self.per_user_limit is not None and uses_by_buyer >= self.per_user_limit:
            raise CouponLimitReachedForYou()

    def discount_on(self, price: Money) -> Money:
        """What comes off `price`: a percentage rounded half up to the minor unit, a fixed
        amount at most the whole price, so the total is never below zero."""
        if self.kind is CouponKind.PERCENT:
            off = (price.amount_minor * self.value + 50) // 100
        else:
            off = self.value
        return Money(min(off, price.amount_minor), price.currency)


@dataclass(frozen=True, slots=True)
class CouponUses:
    """How often a coupon has been used: paid for, and reserved by payments still open."""

    redeemed: int = 0
    reserved: int = 0

    @property
    def total(self) -> int:
        return self.redeemed + self.reserved
