"""Flaky scenarios: with pytest-rerunfailures (`--reruns N`), a scenario that failed and then passed on
a rerun is flaky, not simply passed.

pytest-rerunfailures reports each failed attempt with the outcome "rerun"; allure-pytest writes every
attempt as its own result (Allure shows them under Retries) but marks none of them flaky. Here the
passing attempt of a rerun scenario gets `statusDetails.flaky`, which Allure reads as its flaky mark,
and the summary table of `harness run` says FLAKY.
"""

from __future__ import annotations

from typing import Any

import allure_commons
import pytest
from allure_commons.model2 import StatusDetails

RERUN_OUTCOME = "rerun"  # pytest-rerunfailures' outcome of an attempt that will be run again


class FlakyTracker:
    """A pytest plugin (attempts per node id) and an allure-commons plugin (marks the passing result)."""

    def __init__(self) -> None:
        self.rerun: set[str] = set()  # node ids with at least one failed attempt
        self.flaky: set[str] = set()  # ... that then passed
        self._passed_after_rerun = False  # the result allure-pytest reports next is such a pass

    def is_flaky(self, nodeid: str) -> bool:
        return nodeid in self.flaky

    @pytest.hookimpl(tryfirst=True)  # before the summary table reads is_flaky()
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.outcome == RERUN_OUTCOME:
            self.rerun.add(report.nodeid)
        elif report.when == "call" and report.passed and report.nodeid in self.rerun:
            self.flaky.add(report.nodeid)
            self._passed_after_rerun = True

    def pytest_runtest_logstart(self, nodeid: str) -> None:
        # not at logfinish: allure-pytest writes the result after the other logfinish hooks
        self._passed_after_rerun = False

    def mark_result(self, result: Any) -> None:
        """Called by allure-commons' `report_result` hook, just before the result file is written."""
        if self._passed_after_rerun and getattr(result, "status", None) == "passed":
            details = result.statusDetails or StatusDetails()
            details.flaky = True
            result.statusDetails = details
            self._passed_after_rerun = False


def register(config: pytest.Config) -> FlakyTracker:
    tracker = FlakyTracker()
    config.pluginmanager.register(tracker, "harness-flaky")
    if config.getoption("allure_report_dir", None):
        allure_commons.plugin_manager.register(_AllureHook(tracker), f"harness-flaky-{id(config)}")
    return tracker


def unregister(config: pytest.Config) -> None:
    plugin = allure_commons.plugin_manager.get_plugin(f"harness-flaky-{id(config)}")
    if plugin is not None:
        allure_commons.plugin_manager.unregister(plugin)


class _AllureHook:
    def __init__(self, tracker: FlakyTracker):
        self.tracker = tracker

    @allure_commons.hookimpl(tryfirst=True)  # before allure-pytest's file logger writes the result
    def report_result(self, result: Any) -> None:
        self.tracker.mark_result(result)
