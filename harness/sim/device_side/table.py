"""Handlers by key, registered with a decorator: what every device-side protocol dispatches through
(adb commands, shell commands, usbmux messages, lockdown requests, service commands)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
H = TypeVar("H", bound=Callable[..., object])


class Table(Generic[K, H]):
    """`@TABLE.entry(key)` registers a handler; `TABLE.handlers.get(key)` finds it."""

    def __init__(self) -> None:
        self.handlers: dict[K, H] = {}

    def entry(self, key: K) -> Callable[[H], H]:
        def register(fn: H) -> H:
            self.handlers[key] = fn
            return fn

        return register
