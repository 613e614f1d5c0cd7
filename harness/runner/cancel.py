"""A stop asked for from outside the runner (SIGINT / SIGTERM caught by the pytest glue): the engine looks
here before each step, so a scenario that had not started when the signal came ends before its first step
(`Interrupted`), and one that had ends at the step where it stood."""

from __future__ import annotations

_reason: str | None = None


def request(reason: str) -> None:
    """Ask every scenario of this process to stop: `reason` is what ended the run (`SIGTERM`)."""
    global _reason
    _reason = _reason or reason


def requested() -> str | None:
    return _reason


def clear() -> None:
    global _reason
    _reason = None
