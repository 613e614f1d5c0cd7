"""Waiting without fixed sleeps: the first attempt at once, then one every period until the deadline.

An element that is present costs exactly one round trip; a server that is up, one status request. After
that, attempts start every `period` (100 ms for a step) from start to start, so a late element is noticed
within about one period whatever the device's round trip, and an attempt that took longer than the period
is followed by a short pause only. A wait still going after SLOW_AFTER is a wait for something slow (a
sync, a download): its period then doubles up to `most`, to spare the device. The runner's steps, the
simulated device's implicit wait and the Appium start-up wait all poll with it; several fallback locators
cost one round trip per attempt where the driver lets them be combined (the plan's `combined` query, see
harness/translate/android.py and ios.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

POLL_PERIOD = 0.1  # s from the start of one attempt to the start of the next
MIN_PAUSE = 0.01  # s at least between two attempts, however long the last one took
SLOW_AFTER = 5.0  # s of waiting after which the period grows
POLL_MAX = 0.5  # s: the longest period


def polls(timeout: float, *, period: float = POLL_PERIOD, most: float = POLL_MAX) -> Iterator[None]:
    """Yields before each attempt: the first at once, then every `period` (start to start), doubling up
    to `most` once the wait is older than SLOW_AFTER, until the deadline (a last attempt comes at it)."""
    began = time.monotonic()
    deadline = began + timeout
    while True:
        attempt = time.monotonic()
        yield
        now = time.monotonic()
        if now >= deadline:
            return
        if now - began > SLOW_AFTER:
            period = min(period * 2, most)
        time.sleep(min(max(MIN_PAUSE, period - (now - attempt)), deadline - now))
        if time.monotonic() >= deadline:
            yield  # one last look at the deadline
            return
