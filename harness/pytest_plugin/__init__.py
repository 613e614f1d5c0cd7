"""pytest plugin (entry point `pytest11`): scenario files become test items, one per device profile.

Scenarios are collected only when a device is named (`--device`, or the `harness_devices` ini option),
so YAML files in a project's ordinary test runs are left alone. This package is the pytest glue: it
calls the runner with what it needs, and nothing below it imports it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from harness.pytest_plugin.collection import ScenarioFile, ScenarioItem
from harness.pytest_plugin.config import CACHE_KEY, PROFILES_KEY, SESSION_KEY, devices_of
from harness.runner.limits import DEFAULT_SCENARIO_TIMEOUT, positive_seconds
from harness.scenario.loader import LoadCache, sniffed_kind


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "mobile scenarios (harness)")
    group.addoption("--device", action="append", default=[], metavar="PROFILE",
                    help="device profile to run scenarios on (repeatable): a name in device_profiles/ "
                         "or a path")
    group.addoption("--appium-url", default=None, help="use this running Appium server for every profile")
    group.addoption("--step-timeout", type=positive_seconds, default=None,
                    help="default seconds a step waits (default: the profile's timeouts.step)")
    group.addoption("--scenario-timeout", type=positive_seconds, default=None,
                    help="seconds a scenario may run when its header gives no timeout "
                         f"(default: {DEFAULT_SCENARIO_TIMEOUT:g} s)")
    group.addoption("--record-video", action="store_true",
                    help="record the screen of each scenario and attach it (where the driver can)")
    group.addoption("--harness-artifacts", default="artifacts",
                    help="folder for server logs (default: artifacts)")
    parser.addini("harness_devices", "device profiles used when --device is not given",
                  type="args", default=[])


def pytest_configure(config: pytest.Config) -> None:
    from harness.pytest_plugin import crashes, interrupts, run_secrets

    for module in (interrupts, crashes, run_secrets):  # interrupts, crashed workers, the run's secrets
        if devices_of(config) and not config.pluginmanager.is_registered(module):
            # pytest_configure is historic: pytest calls the module's own at once
            config.pluginmanager.register(module, f"harness-{module.__name__.rpartition('.')[2]}")
    config.stash[CACHE_KEY] = LoadCache()
    config.stash[PROFILES_KEY] = {}
    for marker in ("android", "ios"):
        config.addinivalue_line("markers", f"{marker}: scenario run on an {marker} device profile")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix not in (".yaml", ".yml") or not devices_of(parent.config):
        return None
    if sniffed_kind(file_path) != "scenario":
        return None
    return ScenarioFile.from_parent(parent, path=file_path)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    if isinstance(item, ScenarioItem) and call.excinfo is not None and call.when == "call":
        # as Allure classifies it: an assertion is a failure, anything else is broken
        report.harness_outcome = "failed" if call.excinfo.errisinstance(AssertionError) else "broken"


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Run files at the end, from the controller: with xdist, workers that clean the results folder
    (--clean-alluredir) start after the controller, so files written at the start could be lost."""
    from harness.pytest_plugin.run_files import write_run_files

    if devices_of(session.config):
        write_run_files(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    if SESSION_KEY in config.stash:
        config.stash[SESSION_KEY].close_all()
