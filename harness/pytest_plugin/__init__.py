"""pytest plugin (entry point `pytest11`): scenario files become test items, one per device profile.

Scenarios are collected only when a device is named (`--device`, or the `harness_devices` ini option),
so YAML files in a project's ordinary test runs are left alone. This package is the pytest glue: it
calls the runner with what it needs, and nothing below it imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.drivers import PLATFORMS
from harness.kinds import YAML_SUFFIXES, classify
from harness.pytest_plugin.collection import ScenarioFile, ScenarioItem, break_duplicate_names
from harness.pytest_plugin.config import CACHE_KEY, PROFILES_KEY, SESSION_KEY, devices_of
from harness.report.evidence import SCREENSHOT_MODES
from harness.runner.limits import DEFAULT_SCENARIO_TIMEOUT, positive_seconds
from harness.scenario.loader import LoadCache


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "mobile scenarios (harness)")
    group.addoption("--device", action="append", default=[], metavar="PROFILE",
                    help="device profile to run scenarios on (repeatable): a name in device_profiles/ "
                         "or a path")
    group.addoption("--appium-url", default=None, help="use this running Appium server for every profile")
    group.addoption("--step-timeout", type=positive_seconds, default=None,
                    help="default seconds a step waits (default: the profile's timeouts.step)")
    group.addoption("--screenshots", choices=SCREENSHOT_MODES, default="on-failure",
                    help="screenshots in the report: on-failure (default: the failing step's screenshot "
                         "and page source, attached to that step), each-step, or never")
    group.addoption("--scenario-timeout", type=positive_seconds, default=None,
                    help="seconds a scenario may run when its header gives no timeout "
                         f"(default: {DEFAULT_SCENARIO_TIMEOUT:g} s)")
    group.addoption("--record-video", action="store_true",
                    help="record the screen of each scenario and attach it (where the driver can)")
    group.addoption("--harness-artifacts", default="artifacts",
                    help="folder for server logs (default: artifacts)")
    group.addoption("--harness-clean-alluredir", action="store_true",
                    help="remove the Allure files of an earlier run from --alluredir once scenarios are "
                         "collected (a run that collects nothing leaves the folder as it was)")
    parser.addini("harness_devices", "device profiles used when --device is not given",
                  type="args", default=[])


def pytest_configure(config: pytest.Config) -> None:
    from harness.pytest_plugin import (
        crashes,
        device_facts,
        early_start,
        flaky,
        handover,
        hints,
        interrupts,
        results_folder,
        run_secrets,
    )

    for module in (interrupts, crashes, run_secrets, early_start):  # + devices started while collecting
        if devices_of(config) and not config.pluginmanager.is_registered(module):
            # pytest_configure is historic: pytest calls the module's own at once
            config.pluginmanager.register(module, f"harness-{module.__name__.rpartition('.')[2]}")
    config.pluginmanager.register(hints, "harness-hints")
    config.pluginmanager.register(_RanTracker(), "harness-ran")
    results_folder.register(config)
    flaky.register(config)
    device_facts.register(config)
    if devices_of(config):
        handover.register(config)
    config.stash[CACHE_KEY] = LoadCache()
    config.stash[PROFILES_KEY] = {}
    for marker in PLATFORMS:
        config.addinivalue_line("markers", f"{marker}: scenario run on a {marker} device profile")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix not in YAML_SUFFIXES:
        return None
    from harness.pytest_plugin.handover import handed_over

    # a scenario the xdist controller handed over is one already: no need to read the file to tell
    if handed_over(parent.config, file_path) is None and classify(file_path) != "scenario":
        return None
    from harness.pytest_plugin.hints import NoDeviceFile, collected_file, passed_over

    if devices_of(parent.config):
        collected_file(parent.config)
        return ScenarioFile.from_parent(parent, path=file_path)

    if parent.session.isinitpath(file_path):  # named on the command line: say what is missing
        return NoDeviceFile.from_parent(parent, path=file_path)
    passed_over(parent.config, file_path)
    return None


@pytest.hookimpl(tryfirst=True)  # before -k / -m deselect: every file collected together counts
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    break_duplicate_names(items)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    if isinstance(item, ScenarioItem) and call.excinfo is not None and call.when == "call":
        # as Allure classifies it: an assertion is a failure, anything else is broken
        report.harness_outcome = "failed" if call.excinfo.errisinstance(AssertionError) else "broken"
    if isinstance(item, ScenarioItem):
        from harness.pytest_plugin.outputs import decorate

        decorate(item, report)


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    """Tell the worker's sessions what comes next: a lease on a shared pool ends when the next scenario
    is on another profile, or when there is none (xdist hands each item its successor in the worker's
    queue, so `nextitem` is what this worker runs next)."""
    if not isinstance(item, ScenarioItem) or item.profile is None or SESSION_KEY not in item.config.stash:
        return
    following = getattr(nextitem, "profile", None) if isinstance(nextitem, ScenarioItem) else None
    item.config.stash[SESSION_KEY].scenario_done(item.profile.name, getattr(following, "name", None))


class _RanTracker:
    """Whether any test started in this run (reports reach the xdist controller too)."""

    def __init__(self) -> None:
        self.ran = False

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "setup":
            self.ran = True


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Run files at the end, from the controller: with xdist, workers that clean the results folder
    (--clean-alluredir) start after the controller, so files written at the start could be lost.
    A run in which no test ran writes none: the results folder stays as the last run left it."""
    from harness.pytest_plugin.run_files import write_run_files

    tracker = session.config.pluginmanager.get_plugin("harness-ran")
    if devices_of(session.config) and tracker is not None and tracker.ran:
        write_run_files(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    from harness.pytest_plugin import flaky

    flaky.unregister(config)
    if SESSION_KEY in config.stash:
        config.stash[SESSION_KEY].close_all()
