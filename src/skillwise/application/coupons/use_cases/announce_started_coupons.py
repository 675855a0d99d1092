"""AnnounceStartedCoupons: tell wishers of coupons that started after they were created."""

from __future__ import annotations

from uuid import UUID

from skillwise.application.coupons.announcements import announce_coupon
from skillwise.application.shared.clock import Clock
from skillwise.application.shared.unit_of_work import UnitOfWork


class AnnounceStartedCoupons:
    """A coupon made with a `starts_at` still to come is not news when it is made; the worker
    runs this every few minutes to announce each one that has started since, by the rules a
    new coupon is announced with (`announce_coupon`).

    Each coupon is claimed and announced in one transaction of its own: `mark_announced` sets
    `announced_at` only where it is still empty, so of two runs at once (two workers, or a
    run overlapping the next) one claims it and the other, after waiting for its commit,
    finds it claimed. A run that fails before committing leaves the coupon for the next.
    """

    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def __call__(self, *, limit: int = 200) -> list[UUID]:
        """The ids of the coupons announced by this run."""
        with self._uow as uow:
            due = uow.coupons.unannounced_started(self._clock.now(), limit)
        announced = []
        for candidate in due:
            with self._uow as uow:
                now = self._clock.now()
                if not uow.coupons.mark_announced(candidate.id, now):
                    continue
                # Read again under the claim: it may have changed since it was listed.
                coupon = uow.coupons.get(candidate.id)
                assert coupon is not None, "a claimed coupon exists"
                course = uow.courses.get(coupon.course_id) if coupon.course_id else None
                if coupon.course_id is None or course is not None:
                    announce_coupon(uow, coupon, course, now)
                uow.commit()
            announced.append(candidate.id)
        return announced
