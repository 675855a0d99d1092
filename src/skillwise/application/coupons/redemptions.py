"""A coupon's use by a payment that succeeds after it had stopped counting."""

from __future__ import annotations

from skillwise.application.shared.unit_of_work import UnitOfWork
from skillwise.domain.coupons import CouponRefused
from skillwise.domain.payments import Payment


def redeem_late(uow: UnitOfWork, payment: Payment) -> str | None:
    """A payment that failed, was canceled or expired gave its coupon use back, and others may
    have taken it. When it succeeds after all (a declined card retried, a checkout the gateway
    could not close, a webhook racing the expiry), its use is taken again under the coupon's
    row lock if `max_redemptions` and `per_user_limit` still leave one, whatever the coupon's
    dates (the discount was given while it was valid). If they do not, the buyer still gets
    what they paid for, at the price they paid, and the payment is marked beyond the limit so
    it never counts as a use: the limits hold, and no money is turned away or refunded.

    Call it with the payment locked and before its success is saved, so it is not among the
    uses counted. Returns what to record in the audit trail; None without a coupon.
    """
    if payment.coupon_id is None:
        return None
    coupon = uow.coupons.get(payment.coupon_id, lock=True)
    assert coupon is not None, "a payment's coupon is never deleted"
    uses = uow.payments.coupon_uses(coupon.id).total
    mine = uow.payments.coupon_uses(coupon.id, user_id=payment.user_id).total
    try:
        coupon.ensure_uses_left(uses=uses, uses_by_buyer=mine)
    except CouponRefused as refused:
        payment.coupon_beyond_limit = True
        return f"coupon {coupon.code} honoured beyond its limit ({refused.code}), not counted"
    return f"coupon {coupon.code} counted again"
