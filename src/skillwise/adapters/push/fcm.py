"""PushSender adapter for Firebase Cloud Messaging's HTTP v1 API."""

from __future__ import annotations

import email.utils
import functools
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import google.auth.exceptions
import requests
from google.auth.transport.requests import Request as GoogleAuthRequest
from google.oauth2 import service_account

from skillwise.application.notifications.push import (
    Delivered,
    PushMessage,
    PushRejected,
    PushResult,
    RetryLater,
    TokenInvalid,
)

FCM_API_BASE = "https://fcm.googleapis.com"
FIREBASE_MESSAGING_SCOPE = "https://www.googleapis.com/auth/firebase.messaging"

_FCM_ERROR_TYPE = "type.googleapis.com/google.firebase.fcm.v1.FcmError"
_BAD_REQUEST_TYPE = "type.googleapis.com/google.rpc.BadRequest"
_TOKEN_FIELD = "message.token"

# FCM's advice for QUOTA_EXCEEDED without a Retry-After: back off for at least a minute.
_QUOTA_BACKOFF_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class _FcmError:
    """An error answer of the HTTP v1 API, as its error-codes page lays it out."""

    http_status: int
    status: str
    error_code: str
    message: str
    field_violations: tuple[str, ...]

    @classmethod
    def from_response(cls, response: requests.Response) -> _FcmError:
        try:
            error = response.json().get("error", {})
        except (ValueError, AttributeError):
            error = {}
        if not isinstance(error, dict):
            error = {}
        error_code = ""
        fields: list[str] = []
        for detail in error.get("details") or []:
            if not isinstance(detail, dict):
                continue
            if detail.get("@type") == _FCM_ERROR_TYPE:
                error_code = str(detail.get("errorCode", ""))
            elif detail.get("@type") == _BAD_REQUEST_TYPE:
                fields.extend(
                    str(violation.get("field", ""))
                    for violation in detail.get("fieldViolations") or []
                    if isinstance(violation, dict)
                )
        return cls(
            http_status=response.status_code,
            status=str(error.get("status", "")),
            error_code=error_code,
            message=str(error.get("message", "")) or response.reason or "",
            field_violations=tuple(fields),
        )

    @property
    def token_is_dead(self) -> bool:
        """The token itself is what FCM refuses, so this device can never be reached.

        A 404 without UNREGISTERED (an unknown project, say) is not taken as a dead token:
        that would forget every device on a configuration mistake. An INVALID_ARGUMENT counts
        only when it points at the token: a bad data key or an oversized payload is ours.
        """
        if self.error_code == "UNREGISTERED":
            return True
        if "INVALID_ARGUMENT" not in (self.error_code, self.status):
            return False
        if self.field_violations:
            return _TOKEN_FIELD in self.field_violations
        return "registration token" in self.message.lower()

    @property
    def transient(self) -> bool:
        return self.http_status == 429 or self.http_status >= 500

    @property
    def access_token_refused(self) -> bool:
        # THIRD_PARTY_AUTH_ERROR is also a 401, but about the APNs or web push credentials
        # stored in Firebase: a new access token of ours would not change it.
        return self.http_status == 401 and self.error_code != "THIRD_PARTY_AUTH_ERROR"

    def describe(self) -> str:
        code = self.error_code or self.status or "error"
        return f"FCM answered {self.http_status} {code}: {self.message}"


class FcmPushSender:
    """Sends pushes through FCM with a service account's OAuth2 access token.

    The access token is kept until google-auth deems it near expiry and renewed once when
    FCM refuses it. Overload and outages are retried here with exponential backoff that
    honours Retry-After, for at most `max_attempts` tries and `max_wait_seconds` a wait;
    past either the caller gets RetryLater, so a worker thread never sleeps for minutes.
    """

    def __init__(
        self,
        project_id: str | None,
        credentials_file: str | os.PathLike[str],
        api_base: str = FCM_API_BASE,
        timeout: float = 10.0,
        *,
        max_attempts: int = 3,
        initial_backoff_seconds: float = 1.0,
        max_wait_seconds: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
    ) -> None:
        self._credentials = service_account.Credentials.from_service_account_file(
            os.fspath(credentials_file), scopes=[FIREBASE_MESSAGING_SCOPE]
        )
        project = project_id or self._credentials.project_id
        if not project:
            raise ValueError(
                "FCM needs a project id: none was given and the service account file names none."
            )
        self._send_url = f"{api_base.rstrip('/')}/v1/projects/{project}/messages:send"
        self._timeout = timeout
        self._max_attempts = max(1, max_attempts)
        self._initial_backoff_seconds = initial_backoff_seconds
        self._max_wait_seconds = max_wait_seconds
        self._sleep = sleep
        self._session = session or requests.Session()
        self._auth_request = functools.partial(
            GoogleAuthRequest(self._session), timeout=self._timeout
        )
        # Worker threads share one sender; one of them at a time renews the access token.
        self._token_lock = threading.Lock()

    def send(self, message: PushMessage) -> PushResult:
        body = json.dumps({"message": _wire_message(message)})
        renewed_token = False
        attempt = 1
        while True:
            try:
                access_token = self._access_token()
                response = self._session.post(
                    self._send_url,
                    data=body,
                    headers={
                        "Authorization": f"Bearer {access_token}",
                        "Content-Type": "application/json; charset=UTF-8",
                    },
                    timeout=self._timeout,
                )
            except google.auth.exceptions.RefreshError as error:
                if not error.retryable:
                    raise PushRejected(f"The FCM service account was refused: {error}") from error
                wait, reason = self._backoff(attempt), f"The token endpoint failed: {error}"
            except (google.auth.exceptions.TransportError, requests.RequestException) as error:
                wait, reason = self._backoff(attempt), f"FCM could not be reached: {error}"
            else:
                if response.status_code == 200:
                    return Delivered(message_name=str(response.json().get("name", "")))
                error = _FcmError.from_response(response)
                if error.access_token_refused and not renewed_token:
                    renewed_token = True
                    self._renew_access_token(rejected=access_token)
                    continue
                if error.token_is_dead:
                    return TokenInvalid(reason=error.describe())
                if not error.transient:
                    raise PushRejected(error.describe())
                wait = _retry_after_seconds(response)
                if wait is None:
                    wait = self._backoff(attempt, quota_exceeded=response.status_code == 429)
                reason = error.describe()
            if attempt >= self._max_attempts or wait > self._max_wait_seconds:
                return RetryLater(after_seconds=wait, reason=reason)
            self._sleep(wait)
            attempt += 1

    def _access_token(self) -> str:
        with self._token_lock:
            if not self._credentials.valid:
                self._credentials.refresh(self._auth_request)
            return self._credentials.token

    def _renew_access_token(self, rejected: str) -> None:
        with self._token_lock:
            # Another thread may already have replaced the token FCM refused.
            if self._credentials.token == rejected:
                self._credentials.refresh(self._auth_request)

    def _backoff(self, attempt: int, *, quota_exceeded: bool = False) -> float:
        wait = self._initial_backoff_seconds * 2 ** (attempt - 1)
        return max(wait, _QUOTA_BACKOFF_SECONDS) if quota_exceeded else wait


def _wire_message(message: PushMessage) -> dict[str, Any]:
    notification = {"title": message.title}
    if message.body:
        notification["body"] = message.body
    wire: dict[str, Any] = {
        "token": message.token,
        "notification": notification,
        "android": {"priority": message.android_priority.upper()},
    }
    if message.data:
        wire["data"] = dict(message.data)
    return wire


def _retry_after_seconds(response: requests.Response) -> float | None:
    """Retry-After as delta-seconds or as an HTTP date (RFC 9110), None when absent or bad."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
