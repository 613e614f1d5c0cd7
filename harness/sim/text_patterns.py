"""How the simulated device matches its drivers' regular expressions (UiSelector `textMatches` and
friends, NSPredicate `MATCHES`): whole-text matches, bounded so that a catastrophic pattern such as
`(a|aa)+$` costs one find at most BUDGET seconds instead of hanging the device (harness/patterns.py)."""

from __future__ import annotations

from harness import patterns
from harness.sim.errors import WebDriverError, invalid_selector

BUDGET = 0.5  # s one pattern may take against one element's text; a step's timeout is longer


def check(pattern: str, where: str) -> None:
    """invalid selector when the pattern does not compile; `where` names it in the message."""
    try:
        patterns.check(pattern)
    except patterns.Error as exc:
        raise invalid_selector(f"Invalid regular expression {pattern!r} in {where}: {exc}") from None


def full_match(pattern: str, text: str, *, ignore_case: bool = False) -> bool:
    """Does `pattern` match all of `text`? invalid selector when it does not finish within BUDGET."""
    try:
        return patterns.matches(pattern, text, seconds=BUDGET, whole=True, ignore_case=ignore_case)
    except patterns.TooSlow:
        raise too_slow(pattern) from None


def too_slow(pattern: str) -> WebDriverError:
    # the text is not shown: it may be a typed secret
    return invalid_selector(
        f"matching the regular expression {pattern!r} against an element's text took longer than "
        f"{BUDGET:g}s: the simulated device gives up on it (nested repetition such as (a+)+ or (a|aa)+ "
        "takes exponential time; a real device's matcher would hang)"
    )
