"""Waiting without fixed sleeps: the first attempt at once, then with backoff until the deadline.

An element that is present costs exactly one round trip; a server that is up, one status request. The
runner's steps, the simulated device's implicit wait and the Appium start-up wait all poll with it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

POLL_START = 0.05  # seconds; doubles up to POLL_MAX
POLL_MAX = 0.5


def polls(timeout: float, *, first: float = POLL_START, most: float = POLL_MAX) -> Iterator[None]:
    """Yields before each attempt: at once, then after `first` seconds, doubling up to `most`, until
    `timeout` seconds have passed (a last attempt comes at the deadline)."""
    deadline = time.monotonic() + timeout
    delay = first
    yield
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(delay, left))
        delay = min(delay * 2, most)
        yield
