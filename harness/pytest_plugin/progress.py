"""Live summary for `harness run`: a table of scenario x device outcomes at the end of the run."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

_results: dict[str, dict[str, str]] = defaultdict(dict)
_SYMBOL = {"passed": "PASS", "failed": "FAIL", "skipped": "SKIP", "broken": "BROKEN"}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when != "call" and not (report.failed or report.skipped):
        return
    name, _, device = report.nodeid.rpartition("::")[2].rpartition("[")
    device = device.rstrip("]") or "-"
    outcome = getattr(report, "harness_outcome", None) or report.outcome
    _results[name or report.nodeid][device] = outcome


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _results:
        return
    devices = sorted({d for outcomes in _results.values() for d in outcomes})
    width = max(len(n) for n in _results) + 2
    terminalreporter.write_sep("=", "scenarios")
    terminalreporter.write_line("".ljust(width) + "".join(d.ljust(14) for d in devices))
    for name, outcomes in sorted(_results.items()):
        cells = "".join(_SYMBOL.get(outcomes.get(d, ""), "-").ljust(14) for d in devices)
        terminalreporter.write_line(name.ljust(width) + cells)
