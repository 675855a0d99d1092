"""Admin management of user accounts."""

from __future__ import annotations

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView

from skillwise.application.accounts.users import UserQuery
from skillwise.containers import Container
from skillwise.domain.identity import Role
from skillwise.entrypoints.http.access import current_actor, roles
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation
from skillwise.entrypoints.http.schemas.accounts import (
    AdminUserSchema,
    AdminUserUpdateSchema,
    UserListArgs,
)
from skillwise.entrypoints.http.schemas.common import page_body, page_of, page_request

blp = Blueprint("users", __name__, description="User accounts (admins)")


@blp.route("/admin/users/")
class AdminUsers(MethodView):
    @roles(Role.ADMIN)
    @operation("listUsers")
    @blp.arguments(UserListArgs, location="query")
    @blp.response(200, page_of(AdminUserSchema))
    @fails(422, "A filter or the page is not valid", "unprocessable_entity")
    @inject
    def get(self, args, list_users=Provide[Container.accounts.list_users]):
        """Every account, newest first; filter by role, is_active, and search (email or name)."""
        query = UserQuery(
            role=args.get("role"), is_active=args.get("is_active"), search=args.get("search")
        )
        return page_body(list_users(current_actor(), query, page_request(args)))


@blp.route("/users/<uuid:user_id>/")
class AdminUser(MethodView):
    @roles(Role.ADMIN)
    @operation("getUser")
    @blp.response(200, AdminUserSchema)
    @fails(404, "No such user", "user_not_found")
    @inject
    def get(self, user_id, get_user=Provide[Container.accounts.get_user]):
        """One account, deactivated ones included."""
        return get_user(current_actor(), user_id)

    @roles(Role.ADMIN)
    @operation("updateUser")
    @blp.arguments(AdminUserUpdateSchema)
    @blp.response(200, AdminUserSchema)
    @fails(404, "No such user", "user_not_found")
    @fails(
        422,
        "Invalid values, or demoting or deactivating yourself",
        "unprocessable_entity",
        "invalid_name",
        "invalid_bio",
        "invalid_avatar_url",
        "cannot_change_own_role",
        "cannot_deactivate_self",
    )
    @inject
    def patch(self, changes, user_id, update_user=Provide[Container.accounts.update_user]):
        """Change an account's profile, role (promote or demote, admin included), is_active or
        email_verified. A role change or deactivation ends the user's current access tokens."""
        return update_user(current_actor(), user_id, changes)

    @roles(Role.ADMIN)
    @operation("deleteUser")
    @blp.response(204)
    @fails(404, "No such user", "user_not_found")
    @fails(422, "Admins cannot delete themselves", "cannot_delete_self")
    @inject
    def delete(self, user_id, delete_user=Provide[Container.accounts.delete_user]):
        """Delete an account: it is deactivated and anonymised (email, name, bio, avatar and
        password removed); its payments and invoices stay, and it can no longer sign in."""
        delete_user(current_actor(), user_id)
