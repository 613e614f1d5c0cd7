"""Waiting without fixed sleeps, and the record of what was sent.

Every wait polls with a deadline (the step's timeout); the first poll is immediate, so an element that is
present costs exactly one round trip.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

POLL_START = 0.05  # seconds; doubles up to POLL_MAX
POLL_MAX = 0.5


@dataclass
class ExecutionLog:
    """What the harness sent: counts per op (benchmarks) and the last commands (failure reports)."""

    counts: Counter[str] = field(default_factory=Counter)
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=40))
    context: str | None = None  # the context the harness last set in this session; None: not known

    def record(self, op: str, detail: str) -> None:
        self.counts[op] += 1
        self.recent.append(f"{time.strftime('%H:%M:%S')} {op} {detail}".rstrip())


def polls(timeout: float) -> Iterator[None]:
    """Yields before each attempt; the first at once, then with backoff until the deadline."""
    deadline = time.monotonic() + timeout
    delay = POLL_START
    yield
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(delay, left))
        delay = min(delay * 2, POLL_MAX)
        yield


