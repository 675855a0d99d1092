"""Implementations of the repository ports, found by the port they declare they implement.

The `UnitOfWork` port's attributes are the one list of repositories; the SQL adapter and
the test fakes each build their unit of work by looking up that list here, so a repository
is registered once, where it is written (`class SqlUserRepository(..., implements=...)`).
"""

from __future__ import annotations

from typing import Any, get_type_hints


class Implementations:
    """A registry of classes by the port each implements."""

    def __init__(self, kind: str) -> None:
        self._kind = kind
        self._by_port: dict[type, type] = {}

    def register(self, port: type, implementation: type) -> None:
        if port in self._by_port:
            raise TypeError(
                f"{port.__name__} has two {self._kind} implementations: "
                f"{self._by_port[port].__name__} and {implementation.__name__}"
            )
        self._by_port[port] = implementation

    def for_unit_of_work(self, unit_of_work_port: Any) -> dict[str, type]:
        """Attribute name -> implementation, for every repository the port declares."""
        ports = get_type_hints(unit_of_work_port)
        missing = [name for name, port in ports.items() if port not in self._by_port]
        if missing:
            raise TypeError(f"no {self._kind} repository for uow.{', uow.'.join(missing)}")
        return {name: self._by_port[port] for name, port in ports.items()}
