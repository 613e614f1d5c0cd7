"""harness/patterns.py: a match the harness runs itself ends within its budget in wall-clock time, even
when other processes keep every core busy (the `regex` package's own timeout counts CPU time)."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from harness import patterns

EVIL, TEXT = "^(a|aa)+$", "a" * 64 + "!"


@pytest.fixture
def busy_cores() -> Iterator[None]:
    """Three busy loops more than this machine's two cores: this process gets a fraction of a core."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3)]
    time.sleep(0.2)
    yield
    for hog in hogs:
        hog.kill()
        hog.wait()


def test_ordinary_patterns_match_as_regular_expressions_do() -> None:
    assert patterns.matches(r"Acc\w+", "My Account", seconds=1) is True
    assert patterns.matches(r"Acc\w+", "My Account", seconds=1, whole=True) is False
    assert patterns.matches(r"my account", "My Account", seconds=1, whole=True, ignore_case=True) is True
    assert patterns.matches(EVIL, "a" * 64, seconds=1) is True  # the evil one, on a text it matches
    with pytest.raises(patterns.Error):
        patterns.check("Acc(ount")


def test_a_catastrophic_match_stops_at_its_budget_on_busy_cores(busy_cores: None) -> None:
    started = time.monotonic()
    with pytest.raises(patterns.TooSlow) as caught:
        patterns.matches(EVIL, TEXT, seconds=0.5)
    took = time.monotonic() - started
    assert str(caught.value) == "matching '^(a|aa)+$' took longer than 0.5s"
    assert 0.5 <= took < 0.9, took  # the regex timeout alone (CPU time) took 1.2-2.7 s here
