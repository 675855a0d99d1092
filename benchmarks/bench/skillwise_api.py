"""What the signed-in scenarios need from SkillWise, obtained the way a client obtains it.

Benchmark users sign up through the API (their email is then marked verified in the
database, standing in for the emailed link), enroll in a few free courses through the API (so
their enrollments and notifications are the app's own), and log in for access tokens.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import psycopg

API = "/api/v1"
PASSWORD = "Bench-password-2025"
ENROLLMENTS_PER_USER = 8
TOKEN_LIFETIME_USED = 10 * 60


def call(
    base_url: str,
    method: str,
    path: str,
    body: object | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], object]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base_url + path,
        data=data,
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            raw = answer.read()
            return answer.status, dict(answer.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, dict(error.headers), json.loads(raw) if raw else None


def expect(status: int, wanted: set[int], what: str, answer: object) -> None:
    if status not in wanted:
        raise RuntimeError(f"{what}: HTTP {status} {answer}")


@dataclass
class BenchUsers:
    base_url: str
    database_url: str
    count: int
    _tokens: list[str] | None = None
    _issued_at: float = 0.0

    def email(self, n: int) -> str:
        return f"bench-user-{n}@bench.example.com"

    def ensure(self) -> None:
        """Make the users (once per seeded database) and their enrollments."""
        for n in range(self.count):
            status, _, answer = call(
                self.base_url,
                "POST",
                f"{API}/auth/register/",
                {"email": self.email(n), "password": PASSWORD, "full_name": f"Bench User {n}"},
            )
            expect(status, {201, 409}, "register", answer)
        with psycopg.connect(self.database_url) as connection:
            connection.execute(
                "UPDATE users SET email_verified = true WHERE email LIKE 'bench-user-%'"
            )
            free_courses = [
                str(row[0])
                for row in connection.execute(
                    "SELECT id FROM courses WHERE status = 'published' AND price_minor = 0 "
                    "ORDER BY slug LIMIT %s",
                    (ENROLLMENTS_PER_USER * 4,),
                )
            ]
        for n, token in enumerate(self.tokens()):
            for k in range(ENROLLMENTS_PER_USER):
                course = free_courses[(n + k * 3) % len(free_courses)]
                status, _, answer = call(
                    self.base_url,
                    "POST",
                    f"{API}/courses/{course}/enroll/",
                    {},
                    {"Authorization": f"Bearer {token}"},
                )
                expect(status, {200, 201}, "enroll", answer)

    def tokens(self) -> list[str]:
        """Fresh access tokens: logged in again once they are close to their 15 minutes."""
        if self._tokens is None or time.monotonic() - self._issued_at > TOKEN_LIFETIME_USED:
            tokens = []
            for n in range(self.count):
                status, _, answer = call(
                    self.base_url,
                    "POST",
                    f"{API}/auth/login/",
                    {"email": self.email(n), "password": PASSWORD},
                )
                expect(status, {200}, "login", answer)
                tokens.append(answer["access"])
            self._tokens, self._issued_at = tokens, time.monotonic()
        return self._tokens

    def password_hash(self) -> str:
        with psycopg.connect(self.database_url) as connection:
            row = connection.execute(
                "SELECT password_hash FROM users WHERE email = %s", (self.email(0),)
            ).fetchone()
        return row[0]


def sample_course_ids(database_url: str, count: int) -> list[str]:
    """A fixed sample of published courses (the same ones every run)."""
    with psycopg.connect(database_url) as connection:
        return [
            str(row[0])
            for row in connection.execute(
                "SELECT id FROM courses WHERE status = 'published' ORDER BY md5(slug) LIMIT %s",
                (count,),
            )
        ]


def page_count(base_url: str, query: str, headers: dict[str, str] | None = None) -> int:
    status, _, answer = call(base_url, "GET", f"{API}/courses/?{query}", headers=headers)
    expect(status, {200}, f"courses?{query}", answer)
    return max(1, -(-answer["count"] // answer["page_size"]))


def offers_cursor(base_url: str) -> bool:
    status, _, document = call(base_url, "GET", f"{API}/openapi.json")
    if status != 200:
        return False
    operation = document.get("paths", {}).get(f"{API}/courses/", {}).get("get", {})
    return any(parameter.get("name") == "cursor" for parameter in operation.get("parameters", []))
