"""pytest plugin (entry point `pytest11`): scenario files become test items, one per device profile.

Scenarios are collected only when a device is named (`--device`, or the `harness_devices` ini option),
so YAML files in a project's ordinary test runs are left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

import pytest

from harness.errors import HarnessError, InvalidInputError
from harness.scenario.loader import LoadCache, load_scenario, sniffed_kind
from harness.scenario.model import Scenario

SESSION_KEY = pytest.StashKey[Any]()
CACHE_KEY = pytest.StashKey[LoadCache]()
PROFILES_KEY = pytest.StashKey[dict[str, Any]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("harness", "mobile scenarios (harness)")
    group.addoption("--device", action="append", default=[], metavar="PROFILE",
                    help="device profile to run scenarios on (repeatable): a name in device_profiles/ "
                         "or a path")
    group.addoption("--appium-url", default=None, help="use this running Appium server for every profile")
    group.addoption("--step-timeout", type=float, default=None,
                    help="default seconds a step waits (default: the profile's timeouts.step)")
    group.addoption("--record-video", action="store_true",
                    help="record the screen of each scenario and attach it (where the driver can)")
    group.addoption("--harness-artifacts", default="artifacts",
                    help="folder for server logs (default: artifacts)")
    parser.addini("harness_devices", "device profiles used when --device is not given",
                  type="args", default=[])


def devices_of(config: pytest.Config) -> list[str]:
    return list(config.getoption("device") or config.getini("harness_devices") or [])


def pytest_configure(config: pytest.Config) -> None:
    from harness.runner.secrets import install_log_filter

    install_log_filter()
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


def marker_name(tag: str) -> str:
    return re.sub(r"\W", "_", tag)


class ScenarioFile(pytest.File):
    def collect(self) -> Any:
        scenario: Scenario | None = None
        error: InvalidInputError | None = None
        try:
            scenario = load_scenario(self.path, self.config.stash[CACHE_KEY])
        except InvalidInputError as exc:
            error = exc
        name = scenario.name if scenario else self.path.stem
        for device in devices_of(self.config):
            item = ScenarioItem.from_parent(self, name=f"{name}[{device_label(self.config, device)}]",
                                            scenario=scenario, error=error, device=device)
            if scenario is not None:
                for tag in scenario.file.tags:
                    marker = marker_name(tag)
                    self.config.addinivalue_line("markers", f"{marker}: scenario tag")
                    item.add_marker(marker)
            yield item


class InvalidScenario(HarnessError):
    """The scenario file has problems: reported as its own broken item, the run goes on."""


class ScenarioItem(pytest.Item):
    def __init__(self, *, scenario: Scenario | None, error: InvalidInputError | None, device: str,
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.scenario = scenario
        self.error = error
        self.device = device
        self.profile: Any = None
        with contextlib.suppress(HarnessError):  # reported when the item runs
            self.profile = profile_for(self.config, device)
        if self.profile is not None:
            self.add_marker(self.profile.platform)

    def runtest(self) -> None:
        from harness.runner.run_item import run_scenario_item

        if self.error is not None:
            _allure_labels_for_invalid(self)
            raise InvalidScenario(str(self.error))
        profile = self.profile or profile_for(self.config, self.device)
        assert self.scenario is not None
        run_scenario_item(self, self.scenario, profile)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        from harness.runner.errors import StepFailure

        if isinstance(excinfo.value, StepFailure | HarnessError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        line = self.scenario.line - 1 if self.scenario else 0
        return self.path, line, f"scenario: {self.name}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    outcome = yield
    report = outcome.get_result()
    if isinstance(item, ScenarioItem) and call.excinfo is not None and call.when == "call":
        # as Allure classifies it: an assertion is a failure, anything else is broken
        report.harness_outcome = "failed" if call.excinfo.errisinstance(AssertionError) else "broken"


def device_label(config: pytest.Config, device: str) -> str:
    """The profile's name (a path given to --device shows as its profile name)."""
    try:
        return str(profile_for(config, device).name)
    except HarnessError:
        return device


def profile_for(config: pytest.Config, device: str) -> Any:
    from harness.devices.profiles import load_profile

    profiles = config.stash[PROFILES_KEY]
    if device not in profiles:
        profiles[device] = load_profile(device)
    return profiles[device]


def _allure_labels_for_invalid(item: ScenarioItem) -> None:
    import allure

    allure.dynamic.title(item.path.stem)
    allure.dynamic.parameter("device", device_label(item.config, item.device))
    allure.dynamic.label("device", device_label(item.config, item.device))


def session_manager(config: pytest.Config) -> Any:
    from harness.runner.session import SessionManager

    if SESSION_KEY not in config.stash:
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        index = int(worker[2:]) if worker and worker[2:].isdigit() else 0
        config.stash[SESSION_KEY] = SessionManager(
            Path(config.getoption("harness_artifacts")),
            appium_url=config.getoption("appium_url"),
            worker_index=index,
            worker=worker,
        )
    return config.stash[SESSION_KEY]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Run files at the end, from the controller: with xdist, workers that clean the results folder
    (--clean-alluredir) start after the controller, so files written at the start could be lost."""
    from harness.runner.allure_run import write_run_files

    if devices_of(session.config):
        write_run_files(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    if SESSION_KEY in config.stash:
        config.stash[SESSION_KEY].close_all()
