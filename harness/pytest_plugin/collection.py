"""Scenario files as pytest collectors, one item per scenario and device profile."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any

import pytest

from harness.errors import HarnessError, InvalidInputError
from harness.pytest_plugin.config import CACHE_KEY, devices_of, profile_for, session_manager
from harness.runner.errors import StepFailure
from harness.scenario.loader import load_scenario
from harness.scenario.model import Scenario


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
        from harness.runner.run_item import run_scenario

        if self.error is not None:
            _allure_labels_for_invalid(self)
            raise InvalidScenario(str(self.error))
        profile = self.profile or profile_for(self.config, self.device)
        assert self.scenario is not None
        run_scenario(
            self.scenario, profile, session_manager(self.config),
            step_timeout=self.config.getoption("step_timeout"),
            scenario_timeout=self.config.getoption("scenario_timeout"),
            record_video=bool(self.config.getoption("record_video")),
        )

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, StepFailure | HarnessError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        line = self.scenario.line - 1 if self.scenario else 0
        return self.path, line, f"scenario: {self.name}"


def device_label(config: pytest.Config, device: str) -> str:
    """The profile's name (a path given to --device shows as its profile name)."""
    try:
        return str(profile_for(config, device).name)
    except HarnessError:
        return device


def _allure_labels_for_invalid(item: ScenarioItem) -> None:
    import allure

    allure.dynamic.title(item.path.stem)
    allure.dynamic.parameter("device", device_label(item.config, item.device))
    allure.dynamic.label("device", device_label(item.config, item.device))
