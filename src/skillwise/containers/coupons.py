"""Coupons: codes that take money off a course, and the quotes they give."""

from __future__ import annotations

from dependency_injector import containers, providers

from skillwise.adapters.db.queries.coupons import SqlCouponQueries
from skillwise.application.coupons.use_cases.announce_started_coupons import (
    AnnounceStartedCoupons,
)
from skillwise.application.coupons.use_cases.create_coupon import CreateCoupon
from skillwise.application.coupons.use_cases.delete_coupon import DeleteCoupon
from skillwise.application.coupons.use_cases.list_coupons import ListCoupons
from skillwise.application.coupons.use_cases.quote_course import QuoteCourse
from skillwise.application.coupons.use_cases.update_coupon import UpdateCoupon


class CouponsContainer(containers.DeclarativeContainer):
    infra = providers.DependenciesContainer()

    coupon_queries = providers.Factory(SqlCouponQueries, session_factory=infra.session_factory)
    create_coupon = providers.Factory(CreateCoupon, uow=infra.uow, clock=infra.clock)
    list_coupons = providers.Factory(ListCoupons, queries=coupon_queries)
    update_coupon = providers.Factory(UpdateCoupon, uow=infra.uow, clock=infra.clock)
    delete_coupon = providers.Factory(DeleteCoupon, uow=infra.uow, clock=infra.clock)
    quote_course = providers.Factory(QuoteCourse, uow=infra.uow, clock=infra.clock)
    announce_started_coupons = providers.Factory(
        AnnounceStartedCoupons, uow=infra.uow, clock=infra.clock
    )
