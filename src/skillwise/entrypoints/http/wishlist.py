"""The caller's wishlist: courses kept to take later."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.common import (
    PaginationArgs,
    page_body,
    page_of,
    page_request,
)
from skillwise.entrypoints.http.schemas.wishlist import WishlistAddSchema, WishlistItemSchema

blp = Blueprint("wishlist", __name__, url_prefix="/wishlist", description="Courses kept for later")

NOT_SIGNED_IN = (
    "Not signed in, or a bad, expired or revoked token (`authentication_required`, "
    "`invalid_token`, `token_expired`, `token_revoked`)"
)


@blp.route("/")
class Wishlist(MethodView):
    @signed_in
    @operation("listWishlist")
    @blp.arguments(PaginationArgs, location="query")
    @blp.response(200, page_of(WishlistItemSchema))
    @fails(422, "A bad page or page size", "unprocessable_entity")
    @inject
    def get(self, args, list_wishlist=Provide[Container.wishlist.list_wishlist]):
        """My wishlist, latest first, each with its course summary.

        A course taken out of the catalog (unpublished, archived) is left out while it is.
        """
        return page_body(list_wishlist(current_actor(), page_request(args)))

    @signed_in
    @operation("addToWishlist")
    @blp.arguments(WishlistAddSchema)
    @blp.response(201, WishlistItemSchema, description="Added now")
    @blp.alt_response(200, schema=WishlistItemSchema, description="Already in the wishlist")
    @fails(404, "No such course", "course_not_found")
    @fails(422, "Not a valid id, or a course not in the catalog", "course_not_published")
    @inject
    def post(self, body, add_to_wishlist=Provide[Container.wishlist.add_to_wishlist]):
        """Keep a published course for later.

        When its price goes down, I get a `price_drop` notification. Adding it again
        answers the item already there with 200.
        """
        item, added = add_to_wishlist(current_actor(), body["course_id"])
        return item, 201 if added else 200


@blp.route("/<uuid:course_id>/")
class WishlistItem(MethodView):
    @signed_in
    @operation("removeFromWishlist")
    @blp.response(204, description="Removed")
    @fails(404, "The course is not in my wishlist", "not_in_wishlist")
    @inject
    def delete(
        self, course_id, remove_from_wishlist=Provide[Container.wishlist.remove_from_wishlist]
    ):
        """Remove a course from my wishlist."""
        remove_from_wishlist(current_actor(), course_id)
