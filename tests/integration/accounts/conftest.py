"""Helpers for the accounts integration tests: accounts with real passwords, mailed links."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from dependency_injector import providers
from flask import Flask

from skillwise.domain.email_address import Email
from skillwise.domain.identity import Role
from skillwise.domain.users import User
from skillwise.entrypoints.http.app import create_app
from tests.factories import NOW
from tests.fakes.basics import RecordingMailer

PASSWORD = "Correct-horse-7"
API = "/api/v1"


@pytest.fixture
def make_account(container, uow_factory) -> Callable[..., User]:
    """A stored account whose password is PASSWORD (hashed by the app's own hasher)."""
    hasher = container.accounts.password_hasher()

    def make(
        email: str = "ada@example.com",
        *,
        role: Role = Role.STUDENT,
        verified: bool = True,
        full_name: str = "Ada Lovelace",
    ) -> User:
        user = User(
            email=Email(email),
            full_name=full_name,
            password_hash=hasher.hash(PASSWORD),
            date_joined=NOW,
            role=role,
            email_verified=verified,
        )
        with uow_factory() as uow:
            uow.users.add(user)
            uow.commit()
        return user

    return make


@pytest.fixture
def app_with(container, settings_with) -> Callable[..., Flask]:
    """An app on other settings than the test defaults: `app_with(ratelimit_enabled=True)`."""

    def build(**changes) -> Flask:
        container.infra.settings.override(providers.Object(settings_with(**changes)))
        app = create_app(container)
        app.config["TESTING"] = True
        return app

    return build


def token_in(text: str, page: str) -> str:
    match = re.search(rf"http://testserver/{page}\?token=([\w-]+)", text)
    assert match, text
    return match.group(1)


def mailed_token(mailer: RecordingMailer, address: str, page: str) -> str:
    return token_in(mailer.to(address)[-1].text, page)


def log_in(client, email: str = "ada@example.com", password: str = PASSWORD, **kwargs):
    return client.post(f"{API}/auth/login/", json={"email": email, "password": password}, **kwargs)


def bearer_of(session: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {session['access']}"}
