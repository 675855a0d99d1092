"""Every provider a view or entrypoint asks for exists in the composition root."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from types import ModuleType

from dependency_injector import containers, providers
from dependency_injector.wiring import Provide

import skillwise.entrypoints
from skillwise.containers import Container


def _functions(module: ModuleType) -> Iterator[object]:
    for value in vars(module).values():
        if inspect.isfunction(value) and value.__module__ == module.__name__:
            yield value
        elif inspect.isclass(value) and value.__module__ == module.__name__:
            yield from (m for m in vars(value).values() if inspect.isfunction(m))


def _markers(function) -> Iterator[tuple[str, Provide]]:
    for name, parameter in inspect.signature(function).parameters.items():
        if isinstance(parameter.default, Provide):
            yield name, parameter.default


def unresolved_markers(modules: list[ModuleType], container: type) -> list[str]:
    """`module.function(parameter)` for each marker naming no provider of the container."""
    known = {id(provider) for provider in container.traverse()}
    return [
        f"{module.__name__}.{function.__qualname__}({name})"
        for module in modules
        for function in _functions(module)
        for name, marker in _markers(function)
        if id(marker.provider) not in known
    ]


def entrypoint_modules() -> list[ModuleType]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(skillwise.entrypoints.__path__, "skillwise.entrypoints.")
        if info.name != "skillwise.entrypoints.worker"  # builds the broker at import
    ]


def test_every_provider_an_entrypoint_asks_for_exists_in_the_container():
    modules = entrypoint_modules()
    asked = sum(1 for m in modules for f in _functions(m) for _ in _markers(f))

    assert asked >= 70
    assert unresolved_markers(modules, Container) == []


def test_a_provider_named_by_string_or_from_outside_the_container_is_caught():
    class Elsewhere(containers.DeclarativeContainer):
        thing = providers.Object(1)

    module = ModuleType("skillwise_test_views")

    def misspelt(post_review=Provide["post_reveiw"]): ...

    def foreign(thing=Provide[Elsewhere.thing]): ...

    def fine(post_review=Provide[Container.learning.post_review]): ...

    for function in (misspelt, foreign, fine):
        function.__module__ = module.__name__
        setattr(module, function.__name__, function)

    found = unresolved_markers([module], Container)
    assert [entry.rsplit(".", 1)[-1] for entry in found] == [
        "misspelt(post_review)",
        "foreign(thing)",
    ]
