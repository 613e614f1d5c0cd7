"""assert_text's matching, done by the harness itself: bounded by what is left of the step's timeout.

`matches` goes through harness/patterns.py, which stops a pattern such as `(a|aa)+$` that would take
exponential time on a long text (Python's `re` cannot be stopped) when the step's time is up.
"""

from __future__ import annotations

from harness import patterns
from harness.runner.errors import StepError, StepTimeout
from harness.secrets import mask


def text_matches(how: str, expected: str, actual: str, left: float) -> bool:
    """Does `actual` meet the expectation (equals / contains / matches)? `left`: seconds it may take."""
    if how == "equals":
        return actual == expected
    if how == "contains":
        return expected in actual
    try:
        return patterns.matches(expected, actual, seconds=max(left, 0.01))
    except patterns.TooSlow:
        raise StepTimeout(mask(f"matching the text against {expected!r} took longer than the step's "
                               "timeout: simplify the pattern (nested repetition such as (a+)+ can take "
                               "exponential time)")) from None
    except patterns.Error as exc:
        raise StepError(mask(f"assert_text matches: {expected!r} is not a valid pattern: {exc}")) from None
