"""The signed-in user's own profile."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.containers import Container
from skillwise.entrypoints.http.access import current_actor, signed_in
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.accounts import ProfileUpdateSchema, UserSchema

blp = Blueprint("profile", __name__, url_prefix="/profile", description="My profile")


@blp.route("/")
class Profile(MethodView):
    @signed_in
    @operation("getProfile")
    @blp.response(200, UserSchema)
    @fails(404, "The account was deleted", "account_not_found")
    @inject
    def get(self, get_profile=Provide[Container.accounts.get_profile]):
        """My account."""
        return get_profile(current_actor())

    @signed_in
    @operation("updateProfile")
    @blp.arguments(ProfileUpdateSchema)
    @blp.response(200, UserSchema)
    @fails(404, "The account was deleted", "account_not_found")
    @fails(
        422,
        "An empty name, a too long bio or a non-http(s) avatar",
        "unprocessable_entity",
        "invalid_name",
        "invalid_bio",
        "invalid_avatar_url",
    )
    @inject
    def patch(self, changes, update_profile=Provide[Container.accounts.update_profile]):
        """Change my full_name, bio or avatar_url.

        Every other field (role, email, email_verified, unknown ones) is ignored.
        """
        return update_profile(current_actor(), changes)
