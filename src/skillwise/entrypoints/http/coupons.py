"""Coupons: instructors and admins make them; anyone may ask what a course costs with one."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask import jsonify
from flask.views import MethodView

from skillwise.application.coupons.use_cases.create_coupon import CouponDraft
from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public_or_signed_in,
    roles,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.coupons import (
    CouponCreateSchema,
    CouponSchema,
    CouponUpdateSchema,
    QuoteArgs,
    QuoteSchema,
)

blp = Blueprint("coupons", __name__, description="Coupons and quotes")

COUPON_INVALID = (
    "unprocessable_entity",
    "invalid_coupon",
    "invalid_coupon_code",
    "invalid_date_range",
    "validation_error",
)
COUPON_REFUSED = (
    "coupon_not_found",
    "coupon_expired",
    "coupon_not_yet_valid",
    "coupon_used_up",
    "coupon_not_for_this_course",
    "coupon_limit_reached_for_you",
)


@blp.route("/coupons/")
class Coupons(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("listCoupons")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(CouponSchema))
    @fails(422, "A bad page or page size", "unprocessable_entity")
    @inject
    def get(self, args, list_coupons=Provide[Container.coupons.list_coupons]):
        """The coupons I made (every coupon for an admin), newest first, each with how often
        it was redeemed and how many open payments hold a use of it."""
        return page_body(list_coupons(current_actor(), page_request(args)))

    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("createCoupon")
    @blp.arguments(CouponCreateSchema)
    @blp.response(201, CouponSchema)
    @fails(403, "A site-wide coupon by an instructor", "admin_only")
    @fails(403, "A coupon for a course I do not teach", "not_course_owner")
    @fails(404, "No such course", "course_not_found")
    @fails(409, "The code is taken (in any case)", "coupon_code_taken")
    @fails(
        422,
        "Not valid: a percent outside 1-100, a fixed coupon without its currency, dates "
        "out of order, or a currency other than the course's",
        *COUPON_INVALID,
        "currency_mismatch",
    )
    @inject
    def post(self, body, create_coupon=Provide[Container.coupons.create_coupon]):
        """Make a coupon: for one of my courses, or (admins) for any course or site-wide.

        `percent` takes `value` percent off, rounded half up to the minor unit; `fixed` takes
        `value` minor units of `currency` off, never more than the price. The students
        wishing for a course the coupon makes cheaper get a `price_drop` notification.
        """
        return create_coupon(current_actor(), CouponDraft(**body))


@blp.route("/coupons/<uuid:coupon_id>/")
class CouponById(MethodView):
    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("updateCoupon")
    @blp.arguments(CouponUpdateSchema)
    @blp.response(200, CouponSchema)
    @fails(404, "No such coupon of mine", "coupon_not_found")
    @fails(422, "Not valid", *COUPON_INVALID)
    @inject
    def patch(self, changes, coupon_id, update_coupon=Provide[Container.coupons.update_coupon]):
        """Change a coupon's value, dates or limits, or switch it off and on. Its code, kind,
        currency and course stay; payments opened already keep their discount."""
        return update_coupon(current_actor(), coupon_id, changes)

    @roles(Role.INSTRUCTOR, Role.ADMIN)
    @operation("deleteCoupon")
    @blp.response(204, description="Deleted: no payment ever used it")
    @blp.alt_response(
        200,
        schema=CouponSchema,
        description="Payments used it, so it was deactivated instead",
        success=True,
    )
    @fails(404, "No such coupon of mine", "coupon_not_found")
    @inject
    def delete(self, coupon_id, delete_coupon=Provide[Container.coupons.delete_coupon]):
        """Take a coupon away. One that payments used is kept, deactivated, and answered."""
        deactivated = delete_coupon(current_actor(), coupon_id)
        if deactivated is not None:
            return jsonify(CouponSchema().dump(deactivated))
        return None


@blp.route("/courses/<uuid:course_id>/quote/")
class CourseQuote(MethodView):
    @public_or_signed_in
    @operation("quoteCourse")
    @blp.arguments(QuoteArgs, location="query")
    @blp.response(200, QuoteSchema)
    @fails(404, "No such course, or a draft or archived one not mine", "course_not_found")
    @fails(422, "The coupon cannot be used here (the reason says why)", *COUPON_REFUSED)
    @inject
    def get(self, args, course_id, quote_course=Provide[Container.coupons.quote_course]):
        """What the course costs with a coupon: `price`, `discount` and `total` in minor units.

        The same rules as paying with it (`POST /payments/create/` with `coupon`). Signed
        in, the quote also checks my own uses of the coupon.
        """
        return quote_course(optional_actor(), course_id, args["coupon"])
