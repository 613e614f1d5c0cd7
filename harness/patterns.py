"""Regular expressions the harness matches itself, each bounded in wall-clock time.

Used by assert_text's `matches` (the runner) and by the simulated device's UiSelector `textMatches`
and NSPredicate `MATCHES`. Python's `re` cannot be stopped, and a nested repetition such as `(a+)+$`
takes exponential time on a text that almost matches. The `regex` package takes a timeout, but it
counts CPU time: on a busy machine (parallel workers on two cores) half a second of CPU is seconds of
wall time. So a match first runs in the caller's thread with a few milliseconds of CPU, where every
ordinary pattern finishes; one that does not runs again in a helper thread with the GIL released
(`concurrent=True`), and the caller waits for it at most what is left of the budget (the helper stops
itself once its own CPU budget is spent).
"""

from __future__ import annotations

import threading
import time

import regex

QUICK = 0.005  # s of CPU the first, in-thread attempt gets: ordinary patterns need microseconds
Error = regex.error  # an invalid pattern


class TooSlow(Exception):
    """The match did not finish within its budget."""

    def __init__(self, pattern: str, seconds: float):
        self.pattern = pattern
        self.seconds = seconds
        super().__init__(f"matching {pattern!r} took longer than {seconds:g}s")


def check(pattern: str) -> None:
    """Raise Error when `pattern` does not compile."""
    regex.compile(pattern)


def matches(pattern: str, text: str, *, seconds: float, whole: bool = False,
            ignore_case: bool = False) -> bool:
    """Does `pattern` match `text` (anywhere, or all of it when `whole`)? TooSlow after `seconds`."""
    compiled = regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    attempt = compiled.fullmatch if whole else compiled.search
    deadline = time.monotonic() + seconds
    try:
        return attempt(text, timeout=min(QUICK, seconds)) is not None
    except TimeoutError:
        pass
    outcome: list[bool] = []

    def slow() -> None:
        try:
            outcome.append(attempt(text, concurrent=True, timeout=seconds) is not None)
        except TimeoutError:
            return

    helper = threading.Thread(target=slow, name="harness-pattern", daemon=True)
    helper.start()
    helper.join(max(0.0, deadline - time.monotonic()))
    if not outcome:
        raise TooSlow(pattern, seconds)
    return outcome[0]
