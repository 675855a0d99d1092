"""What makes a password acceptable."""

from __future__ import annotations

from skillwise.domain.email_address import Email
from skillwise.domain.errors import DomainValidationError

MIN_PASSWORD_LENGTH = 10


def _character_classes(password: str) -> int:
    return sum(
        [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
    )


def require_strong_password(password: str, email: Email) -> None:
    """At least 10 characters, more than one kind of character, and not the email itself."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainValidationError(
            f"Use a password of at least {MIN_PASSWORD_LENGTH} characters.", code="weak_password"
        )
    if _character_classes(password) < 2:
        raise DomainValidationError(
            "Mix at least two kinds of characters (lower case, upper case, digits, symbols).",
            code="weak_password",
        )
    lowered = password.strip().lower()
    if lowered in {email.value, email.value.split("@", 1)[0]}:
        raise DomainValidationError(
            "Do not use your email address as your password.", code="weak_password"
        )
