"""The Email value object: normalised, compared case-insensitively."""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillwise.domain.errors import DomainValidationError

_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Email:
    value: str

    def __post_init__(self) -> None:
        normalised = self.value.strip().lower() if isinstance(self.value, str) else ""
        if len(normalised) > 254 or not _SHAPE.match(normalised):
            raise DomainValidationError(
                f"{self.value!r} is not a valid email address.", code="invalid_email"
            )
        object.__setattr__(self, "value", normalised)

    def __str__(self) -> str:
        return self.value
