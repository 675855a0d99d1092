"""Read models of people that several subjects show."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class PersonRef:
    id: UUID
    full_name: str
