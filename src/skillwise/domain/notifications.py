"""In-app notifications: written in the same transaction as the event they tell of."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4


@dataclass(eq=False)
class Notification:
    user_id: UUID
    kind: str
    title: str
    created_at: datetime
    body: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    read_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
