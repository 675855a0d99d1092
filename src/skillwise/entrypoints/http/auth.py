"""Sign-up, email verification, sessions (login, refresh, logout) and password reset."""

from __future__ import annotations

from datetime import UTC, datetime

from dependency_injector.wiring import Provide, inject
from flask.views import MethodView
from flask_jwt_extended import get_jwt

from skillwise.containers import Container
from skillwise.entrypoints.http.access import (
    current_actor,
    optional_actor,
    public,
    public_or_signed_in,
    signed_in,
)
from skillwise.entrypoints.http.api_blueprint import Blueprint
from skillwise.entrypoints.http.api_docs import fails, operation, rate_limited
from skillwise.entrypoints.http.examples import LOGIN_REQUEST, REGISTER_REQUEST, SESSION, USER
from skillwise.entrypoints.http.schemas.accounts import (
    AcceptedSchema,
    EmailSchema,
    LoginSchema,
    LogoutSchema,
    PasswordResetConfirmSchema,
    RefreshSchema,
    RegisterSchema,
    ResendVerificationSchema,
    SessionSchema,
    TokenPairSchema,
    TokenSchema,
    UserSchema,
)

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Sign-up, sessions and passwords")


@blp.route("/register/")
class Register(MethodView):
    @public
    @operation("register")
    @blp.arguments(RegisterSchema, example=REGISTER_REQUEST)
    @blp.response(201, UserSchema, example=USER)
    @fails(409, "An account with this email exists", "email_taken")
    @fails(
        422,
        "Not valid (see `errors`), a weak password, or a role other than student/instructor",
        "unprocessable_entity",
        "weak_password",
        "invalid_email",
        "invalid_name",
        "role_not_allowed",
    )
    @rate_limited("More than 5 sign-ups a minute from this address")
    @inject
    def post(self, form, register_user=Provide[Container.accounts.register_user]):
        """Create an account.

        The role is `student` (default) or `instructor`; admin is never self-assigned. A
        verification link is emailed; unverified users may sign in and browse but not buy.
        """
        return register_user(**form), 201


@blp.route("/verify-email/")
class VerifyEmail(MethodView):
    @public
    @operation("verifyEmail")
    @blp.arguments(TokenSchema)
    @blp.response(200, UserSchema)
    @fails(
        422,
        "No token, or an unknown, spent or expired one",
        "unprocessable_entity",
        "invalid_token",
        "token_used",
        "token_expired",
    )
    @inject
    def post(self, form, verify_email=Provide[Container.accounts.verify_email]):
        """Verify an email address with the token of the emailed link (valid 48 hours, once)."""
        return verify_email(form["token"])


@blp.route("/verify-email/resend/")
class ResendVerification(MethodView):
    @public_or_signed_in
    @operation("resendVerificationEmail")
    @blp.arguments(ResendVerificationSchema)
    @blp.response(202, AcceptedSchema)
    @fails(409, "The signed-in caller is verified already", "email_already_verified")
    @fails(422, "Not an email address", "unprocessable_entity")
    @rate_limited("More than 5 requests a minute from this address")
    @inject
    def post(
        self, form, resend_verification_email=Provide[Container.accounts.resend_verification_email]
    ):
        """Email a fresh verification link; earlier links stop working.

        Signed in: for the caller. As a guest: for `email`, answering 202 whether or not such
        an unverified account exists.
        """
        resend_verification_email(actor=optional_actor(), email=form["email"])
        return {"message": "If the account exists and is unverified, a new link is on its way."}


@blp.route("/login/")
class Login(MethodView):
    @public
    @operation("login")
    @blp.arguments(LoginSchema, example=LOGIN_REQUEST)
    @blp.response(200, SessionSchema, example=SESSION)
    @fails(401, "Wrong email or password, or a deactivated account", "invalid_credentials")
    @fails(422, "Email or password missing", "unprocessable_entity")
    @rate_limited("More than 10 attempts a minute per address or email")
    @inject
    def post(self, form, log_in=Provide[Container.accounts.log_in]):
        """Sign in: an access token (15 minutes) and a refresh token (30 days, single use)."""
        return log_in(email=form["email"], password=form["password"])


@blp.route("/refresh/")
class Refresh(MethodView):
    @public
    @operation("refreshSession")
    @blp.arguments(RefreshSchema)
    @blp.response(200, TokenPairSchema)
    @fails(
        401,
        "Invalid, expired or revoked; a reused token ends its whole family",
        "invalid_token",
        "token_expired",
        "token_revoked",
        "refresh_token_reused",
    )
    @fails(422, "No refresh token", "unprocessable_entity")
    @inject
    def post(self, form, refresh_session=Provide[Container.accounts.refresh_session]):
        """Trade a refresh token for a new access and refresh token.

        The presented token is spent. Presenting a spent token again revokes every token
        descended from the same login, and the user must sign in again.
        """
        return refresh_session(form["refresh"])


@blp.route("/logout/")
class Logout(MethodView):
    @signed_in
    @operation("logout")
    @blp.arguments(LogoutSchema)
    @blp.response(204)
    @inject
    def post(self, form, log_out=Provide[Container.accounts.log_out]):
        """End the session: the access token is refused from now on, and the given refresh
        token (if it is the caller's) is revoked with its family."""
        claims = get_jwt()
        log_out(
            current_actor(),
            access_jti=claims["jti"],
            access_expires_at=datetime.fromtimestamp(claims["exp"], UTC),
            refresh_token=form["refresh"],
            device_token=form["device_token"],
        )


@blp.route("/password-reset/")
class PasswordReset(MethodView):
    @public
    @operation("requestPasswordReset")
    @blp.arguments(EmailSchema)
    @blp.response(202, AcceptedSchema)
    @fails(422, "Not an email address", "unprocessable_entity")
    @rate_limited("More than 5 requests a minute from this address")
    @inject
    def post(self, form, request_password_reset=Provide[Container.accounts.request_password_reset]):
        """Email a password reset link (valid 1 hour, once) if an account has this address.

        The answer is the same either way, so it reveals nothing about who has an account.
        """
        request_password_reset(form["email"])
        return {"message": "If an account uses this address, a reset link is on its way."}


@blp.route("/password-reset/confirm/")
class PasswordResetConfirm(MethodView):
    @public
    @operation("confirmPasswordReset")
    @blp.arguments(PasswordResetConfirmSchema)
    @blp.response(200, AcceptedSchema)
    @fails(
        422,
        "A weak password; or an unknown, spent or expired token",
        "unprocessable_entity",
        "weak_password",
        "invalid_token",
        "token_used",
        "token_expired",
    )
    @inject
    def post(self, form, confirm_password_reset=Provide[Container.accounts.confirm_password_reset]):
        """Set a new password with the token of the emailed link.

        Every session of the account ends (refresh tokens revoked, earlier access tokens
        refused) and an email confirms the change.
        """
        confirm_password_reset(token=form["token"], new_password=form["new_password"])
        return {"message": "Your password was changed; sign in again."}
