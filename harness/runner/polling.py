"""Waiting without fixed sleeps, and the record of what was sent.

Every wait polls with a deadline (the step's timeout); the first poll is immediate, so an element that is
present costs exactly one round trip. After that, attempts start every POLL_PERIOD (100 ms) from start to
start, so a late element is noticed within about 100 ms whatever the device's round trip, and a poll that
took longer than the period is followed by a short pause only. A wait still going after SLOW_AFTER is a
wait for something slow (a sync, a download): its period then doubles up to POLL_MAX, to spare the device.
Several fallback locators cost one round trip per attempt where the driver lets them be combined (the
plan's `combined` query, see harness/translate/android.py and ios.py).
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field

POLL_PERIOD = 0.1  # s from the start of one attempt to the start of the next
MIN_PAUSE = 0.01  # s at least between two attempts, however long the last one took
SLOW_AFTER = 5.0  # s of waiting after which the period grows
POLL_MAX = 0.5  # s: the longest period


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
    """Yields before each attempt: the first at once, then every POLL_PERIOD (start to start), slower
    once the wait is older than SLOW_AFTER, until the deadline."""
    began = time.monotonic()
    deadline = began + timeout
    period = POLL_PERIOD
    while True:
        attempt = time.monotonic()
        yield
        now = time.monotonic()
        if now >= deadline:
            return
        if now - began > SLOW_AFTER:
            period = min(period * 2, POLL_MAX)
        time.sleep(min(max(MIN_PAUSE, period - (now - attempt)), deadline - now))
        if time.monotonic() >= deadline:
            yield  # one last look at the deadline
            return
