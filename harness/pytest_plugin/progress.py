"""Live summary for `harness run`: a table of scenario x device outcomes at the end of the run.

Each column is as wide as its longest entry, so long profile names never run into each other; a
scenario that passed only on a rerun (pytest-rerunfailures) says FLAKY. Two files' scenarios of one name
(an error in itself) keep a row each, named with their file, so neither outcome hides the other.
"""

from __future__ import annotations

from typing import Any

import pytest

SYMBOL = {"passed": "PASS", "failed": "FAIL", "skipped": "SKIP", "broken": "BROKEN", "flaky": "FLAKY"}
GAP = 2


class Summary:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.results: dict[tuple[str, str], dict[str, str]] = {}  # (file, scenario) -> device -> outcome

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.outcome == "rerun" or (report.when != "call" and not (report.failed or report.skipped)):
            return
        file, _, item = report.nodeid.rpartition("::")
        name, _, device = item.rpartition("[")
        device = device.rstrip("]") or "-"
        outcome = getattr(report, "harness_outcome", None) or report.outcome
        tracker = self.config.pluginmanager.get_plugin("harness-flaky")
        if outcome == "passed" and tracker is not None and tracker.is_flaky(report.nodeid):
            outcome = "flaky"
        self.results.setdefault((file, name or report.nodeid), {})[device] = outcome

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        for line in table(rows(self.results)):
            terminalreporter.write_line(line) if line else terminalreporter.write_sep("=", "scenarios")


def rows(results: dict[tuple[str, str], dict[str, str]]) -> dict[str, dict[str, str]]:
    """Outcomes by row title: the scenario's name, with its file when another file has that name too."""
    files: dict[str, set[str]] = {}
    for file, name in results:
        files.setdefault(name, set()).add(file)
    return {(f"{name} ({file})" if len(files[name]) > 1 else name): outcomes
            for (file, name), outcomes in results.items()}


def table(results: dict[str, dict[str, str]]) -> list[str]:
    """The summary's lines ('' stands for the separator): one row per scenario, one column per device."""
    if not results:
        return []
    devices = sorted({d for outcomes in results.values() for d in outcomes})
    widths = [max(len(d), *(len(s) for s in SYMBOL.values())) + GAP for d in devices]
    first = max(len(n) for n in results) + GAP
    header = "".ljust(first) + "".join(d.ljust(w) for d, w in zip(devices, widths, strict=True))
    lines = ["", header.rstrip()]
    for name, outcomes in sorted(results.items()):
        cells = [SYMBOL.get(outcomes.get(d, ""), "-").ljust(w) for d, w in zip(devices, widths, strict=True)]
        lines.append((name.ljust(first) + "".join(cells)).rstrip())
    return lines


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Summary(config), "harness-summary")
