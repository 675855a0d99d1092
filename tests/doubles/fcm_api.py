"""A local double of Google's OAuth2 token endpoint and FCM's HTTP v1 send API, from their docs.

The token endpoint takes a service account's JWT-bearer assertion (RFC 7523) only when it is
signed with RS256 by the account's key and names the account as issuer, Google's token URL
as audience and the Firebase Messaging scope, and hands out access tokens that expire. The
send endpoint checks those tokens and the message the way FCM does, and answers its errors
in the documented shape: a google.rpc status with FcmError and BadRequest details.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.wrappers import Request, Response

from tests.doubles import HttpDouble, ReceivedRequest, json_response

TOKEN_PATH = "/token"
JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
# Google's documented audience for service account assertions, whatever token_uri says.
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"
FIREBASE_MESSAGING_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"

FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest"

_SEND_PATH = re.compile(r"/v1/projects/(?P<project>[^/]+)/messages:send")
# Registration tokens are long URL-safe strings, often with a colon after the instance id.
_REGISTRATION_TOKEN = re.compile(r"[A-Za-z0-9_\-]+(:[A-Za-z0-9_\-]+)?")
_RESERVED_DATA_KEYS = {"from", "gcm", "message_type"}
_ANDROID_PRIORITIES = {"NORMAL", "HIGH"}
_CANONICAL_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
_FCM_CODE_FOR_STATUS = {429: "QUOTA_EXCEEDED", 500: "INTERNAL", 503: "UNAVAILABLE"}
_SCRIPTED_MESSAGES = {
    401: "Auth error from APNS or Web Push Service",
    429: "Quota exceeded for quota metric 'Send requests'.",
    500: "Internal error encountered.",
}


def new_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def pem(private_key: rsa.RSAPrivateKey) -> str:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def fcm_error(
    http_status: int,
    message: str,
    *,
    error_code: str | None = None,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    details: list[dict[str, Any]] = []
    if error_code:
        details.append({"@type": FCM_ERROR, "errorCode": error_code})
    if field:
        details.append(
            {"@type": BAD_REQUEST, "fieldViolations": [{"field": field, "description": message}]}
        )
    error: dict[str, Any] = {
        "code": http_status,
        "message": message,
        "status": _CANONICAL_STATUS.get(http_status, "UNKNOWN"),
    }
    if details:
        error["details"] = details
    response = json_response({"error": error}, http_status)
    response.headers.extend(headers or {})
    return response


@dataclass(frozen=True, slots=True)
class ScriptedAnswer:
    status: int
    error_code: str | None
    retry_after: str | None


class FcmApiDouble(HttpDouble):
    """One Firebase project with one service account, its access tokens and sent messages."""

    def __init__(
        self,
        project_id: str = "skillwise-push-test",
        client_email: str = "fcm-sender@skillwise-push-test.iam.gserviceaccount.com",
        token_lifetime_seconds: int = 3599,
    ) -> None:
        super().__init__()
        self.project_id = project_id
        self.client_email = client_email
        self.token_lifetime_seconds = token_lifetime_seconds
        self.private_key = new_private_key()
        self.private_key_id = secrets.token_hex(20)
        self.assertions: list[dict[str, Any]] = []
        self.messages: list[dict[str, Any]] = []
        self.unregistered: set[str] = set()
        self.refuse_every_access_token = False
        self._access_tokens: dict[str, float] = {}
        self._scripted: list[ScriptedAnswer] = []

    @property
    def send_path(self) -> str:
        return f"/v1/projects/{self.project_id}/messages:send"

    def service_account_info(self, private_key: rsa.RSAPrivateKey | None = None) -> dict[str, str]:
        """The JSON Google issues for a service account key, its token_uri pointing here."""
        return {
            "type": "service_account",
            "project_id": self.project_id,
            "private_key_id": self.private_key_id,
            "private_key": pem(private_key or self.private_key),
            "client_email": self.client_email,
            "client_id": "104906241987263125874",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": f"{self.base_url}{TOKEN_PATH}",
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "universe_domain": "googleapis.com",
        }

    def write_service_account(self, path: Path, **changes: Any) -> Path:
        info = self.service_account_info(changes.pop("private_key", None))
        info.update(changes)
        path.write_text(json.dumps(info))
        return path

    def unregister(self, registration_token: str) -> None:
        """The app was uninstalled: FCM answers UNREGISTERED for this token from now on."""
        self.unregistered.add(registration_token)

    def expire_access_tokens(self) -> None:
        """Every access token handed out so far stops working, as if its hour had passed."""
        self._access_tokens.clear()

    def answer_next(
        self,
        status: int,
        *,
        count: int = 1,
        error_code: str | None = None,
        retry_after: str | None = None,
    ) -> None:
        """The next `count` well-authenticated sends fail with `status`, as in an outage."""
        code = error_code or _FCM_CODE_FOR_STATUS.get(status)
        self._scripted.extend([ScriptedAnswer(status, code, retry_after)] * count)

    def token_requests(self) -> list[ReceivedRequest]:
        return self.requests_to(TOKEN_PATH)

    def send_requests(self) -> list[ReceivedRequest]:
        return self.requests_to(self.send_path)

    def handle(self, request: Request, received: ReceivedRequest) -> Response:
        if received.method == "POST" and received.path == TOKEN_PATH:
            return self._grant_access_token(received)
        match = _SEND_PATH.fullmatch(received.path)
        if received.method == "POST" and match:
            return self._send(request, received, match.group("project"))
        return fcm_error(404, "Requested entity was not found.")

    def _grant_access_token(self, received: ReceivedRequest) -> Response:
        if received.form.get("grant_type") != JWT_BEARER_GRANT:
            return self._oauth_error("unsupported_grant_type", "Invalid grant_type.")
        assertion = received.form.get("assertion", "")
        try:
            header = jwt.get_unverified_header(assertion)
            claims = jwt.decode(
                assertion,
                self.private_key.public_key(),
                algorithms=["RS256"],
                audience=GOOGLE_TOKEN_AUDIENCE,
                issuer=self.client_email,
                options={"require": ["iss", "aud", "iat", "exp", "scope"]},
                leeway=5,
            )
        except jwt.InvalidSignatureError:
            return self._oauth_error("invalid_grant", "Invalid JWT Signature.")
        except jwt.PyJWTError as error:
            return self._oauth_error("invalid_grant", f"Invalid JWT: {error}")
        if header.get("kid") != self.private_key_id:
            return self._oauth_error("invalid_grant", "Invalid JWT Signature.")
        if claims["exp"] - claims["iat"] > 3600:
            return self._oauth_error("invalid_grant", "Invalid JWT: lifetime over one hour.")
        if FIREBASE_MESSAGING_SCOPE not in str(claims["scope"]).split():
            return self._oauth_error("invalid_scope", "The scope does not cover FCM.")
        self.assertions.append(claims)
        access_token = f"ya29.{secrets.token_urlsafe(32)}"
        self._access_tokens[access_token] = time.time() + self.token_lifetime_seconds
        return json_response(
            {
                "access_token": access_token,
                "expires_in": self.token_lifetime_seconds,
                "token_type": "Bearer",
            }
        )

    @staticmethod
    def _oauth_error(error: str, description: str) -> Response:
        return json_response({"error": error, "error_description": description}, 400)

    def _send(self, request: Request, received: ReceivedRequest, project: str) -> Response:
        if not self._authorised(received.headers.get("authorization", "")):
            return fcm_error(
                401,
                "Request had invalid authentication credentials. Expected OAuth 2 access "
                "token, login cookie or other valid authentication credential.",
            )
        if project != self.project_id:
            return fcm_error(403, f"Permission denied on resource project {project}.")
        if self._scripted:
            answer = self._scripted.pop(0)
            headers = {"Retry-After": answer.retry_after} if answer.retry_after else None
            return fcm_error(
                answer.status,
                _SCRIPTED_MESSAGES.get(answer.status, "The service is currently unavailable."),
                error_code=answer.error_code,
                headers=headers,
            )
        body = request.get_json(silent=True)
        message = body.get("message") if isinstance(body, dict) else None
        if not isinstance(message, dict):
            return fcm_error(400, "Invalid JSON payload received.", field="message")
        refusal = self._refusal(message)
        if refusal is not None:
            return refusal
        self.messages.append(message)
        return json_response(
            {"name": f"projects/{project}/messages/0:{len(self.messages)}%{secrets.token_hex(8)}"}
        )

    def _authorised(self, authorization: str) -> bool:
        scheme, _, access_token = authorization.partition(" ")
        expiry = self._access_tokens.get(access_token)
        return (
            scheme == "Bearer"
            and not self.refuse_every_access_token
            and expiry is not None
            and expiry > time.time()
        )

    def _refusal(self, message: dict[str, Any]) -> Response | None:
        token = message.get("token")
        if not isinstance(token, str) or not _REGISTRATION_TOKEN.fullmatch(token):
            return fcm_error(
                400,
                "The registration token is not a valid FCM registration token",
                error_code="INVALID_ARGUMENT",
            )
        data = message.get("data", {})
        if not isinstance(data, dict):
            return fcm_error(400, "Invalid value at 'message.data'", field="message.data")
        for index, (key, value) in enumerate(data.items()):
            if not isinstance(value, str):
                return fcm_error(
                    400,
                    f"Invalid value at 'message.data[{index}].value' (TYPE_STRING), {value}",
                    field=f"message.data[{index}].value",
                )
            if key in _RESERVED_DATA_KEYS or key.startswith("google"):
                return fcm_error(
                    400,
                    f"Invalid data payload key: {key}",
                    error_code="INVALID_ARGUMENT",
                    field="message.data",
                )
        priority = message.get("android", {}).get("priority", "NORMAL")
        if priority not in _ANDROID_PRIORITIES:
            return fcm_error(
                400,
                f"Invalid value at 'message.android.priority' (TYPE_ENUM), {priority!r}",
                field="message.android.priority",
            )
        notification = message.get("notification", {})
        if not all(isinstance(value, str) for value in notification.values()):
            return fcm_error(400, "Invalid value at 'message.notification'", field="message")
        if token in self.unregistered:
            return fcm_error(404, "Requested entity was not found.", error_code="UNREGISTERED")
        return None
