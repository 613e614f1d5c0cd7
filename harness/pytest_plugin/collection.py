"""Scenario files as pytest collectors, one item per scenario and device profile."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from harness.errors import HarnessError, InvalidInputError
from harness.pytest_plugin.config import CACHE_KEY, devices_of, profile_for, session_manager
from harness.pytest_plugin.handover import handed_over
from harness.runner.errors import SessionLost, StepFailure
from harness.scenario.checks import duplicate_names
from harness.scenario.loader import load_scenario
from harness.scenario.model import Scenario
from harness.scenario.tags import marker_for


class ScenarioFile(pytest.File):
    def collect(self) -> Any:
        scenario: Scenario | None = None
        error: InvalidInputError | None = None
        given = handed_over(self.config, self.path)
        if given is not None:  # loaded once by the xdist controller (handover.py)
            scenario, error = given
        else:
            try:
                scenario = load_scenario(self.path, self.config.stash[CACHE_KEY])
            except InvalidInputError as exc:
                error = exc
        name = item_name(scenario.name if scenario else self.path.stem)
        paired = False
        for device in devices_of(self.config):
            if not runs_on(self.config, device, scenario, self.path):
                continue  # a web scenario on an app's device, or the other way round: no such test
            paired = True
            item = ScenarioItem.from_parent(self, name=name, scenario=scenario, error=error, device=device,
                                            param_id=device_label(self.config, device))
            if scenario is not None:
                for tag in scenario.file.tags:
                    marker = marker_for(tag)
                    self.config.addinivalue_line("markers", f"{marker}: scenario tag")
                    item.add_marker(marker)
            yield item
        if not paired and scenario is not None:
            from harness.pytest_plugin.hints import unpaired

            unpaired(self.config, scenario.file.url is not None)


def runs_on(config: pytest.Config, device: str, scenario: Scenario | None, path: Path) -> bool:
    """Is the scenario one for this device: a page (`url:`) for a web profile, an app for a phone's? A
    profile that does not load, or a file too broken to tell, gets its item (reported broken)."""
    try:
        platform = profile_for(config, device).platform
    except HarnessError:
        return True
    if scenario is not None:
        return platform in scenario.file.platforms
    from harness.drivers import platforms_of
    from harness.kinds import top_level_keys
    from harness.yamlio import read_source

    try:
        web = "url" in top_level_keys(read_source(path))
    except HarnessError:
        return True
    return platform in platforms_of(web)


def break_duplicate_names(items: list[pytest.Item]) -> None:
    """Scenarios collected together need names of their own (a name is the test id and the report row):
    each scenario whose name another carries becomes a broken item naming the others' file:line."""
    scenarios = {id(i.scenario): i.scenario for i in items if isinstance(i, ScenarioItem) and i.scenario}
    problems = {id(scenario): problem for scenario, problem in duplicate_names(scenarios.values())}
    for item in items:
        if isinstance(item, ScenarioItem) and id(item.scenario) in problems:
            item.error = InvalidInputError([problems[id(item.scenario)]])


class InvalidScenario(HarnessError):
    """The scenario file has problems: reported as its own broken item, the run goes on."""


def item_name(scenario_name: str) -> str:
    """The scenario's name as a node name: `::` and `[` would split it where pytest parses node ids."""
    return scenario_name.replace("::", ": ").replace("[", "(").replace("]", ")")


class ScenarioItem(pytest.Item):
    """One scenario on one device profile: `file.yaml::Scenario name[device]`.

    The device is the item's parameter id, built as pytest builds it for a parametrized function, so
    the cached ids of `--lf`, `--ff`, `--sw` and `--deselect` name these items exactly.
    """

    def __init__(self, *, name: str, parent: pytest.Collector, scenario: Scenario | None,
                 error: InvalidInputError | None, device: str, param_id: str, **kwargs: Any):
        super().__init__(name=f"{name}[{param_id}]", parent=parent, nodeid=_node_id(parent, name, param_id),
                         **kwargs)
        self.originalname = name
        self.param_id = param_id
        self.scenario = scenario
        self.error = error
        self.device = device
        self.profile: Any = None
        with contextlib.suppress(HarnessError):  # reported when the item runs
            self.profile = profile_for(self.config, device)
        if self.profile is not None:
            self.add_marker(self.profile.platform)

    def runtest(self) -> None:
        from harness.pytest_plugin import outputs
        from harness.pytest_plugin.device_facts import facts_after_run
        from harness.report import labels
        from harness.report.evidence import EvidenceReporter
        from harness.runner.reporting import AllureReporter
        from harness.runner.run_item import run_scenario

        if self.error is not None:
            labels.label_invalid(self.path.stem, self.param_id)
            raise InvalidScenario(str(self.error))
        profile = self.profile or profile_for(self.config, self.device)
        assert self.scenario is not None
        labels.label_scenario(self.scenario, profile, profile.name)
        evidence = EvidenceReporter(AllureReporter(), self.config.getoption("screenshots"),
                                    no_capture=(SessionLost,))
        try:
            run_scenario(
                self.scenario, profile, session_manager(self.config),
                step_timeout=self.config.getoption("step_timeout"),
                scenario_timeout=self.config.getoption("scenario_timeout"),
                record_video=bool(self.config.getoption("record_video")), reporter=evidence,
            )
        finally:
            outputs.remember(self, evidence)
            facts = facts_after_run(self.config, profile)
            if facts is not None:
                labels.show_facts(facts.shown())
            session = session_manager(self.config).sessions.get(profile.name)
            if session is not None and session.driver is not None:
                link = session.link
                labels.show_session(session.node, (link.name, link.url) if link else None)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, StepFailure | HarnessError):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        line = self.scenario.line - 1 if self.scenario else 0
        return self.path, line, f"scenario: {self.name}"


def _node_id(parent: pytest.Collector, name: str, param_id: str) -> Any:
    """`parent::name[param_id]` with the parameter id as its own part, like a parametrized Function's
    (pytest 9 compares structured ids; older pytest compares the joined string, which this also is)."""
    structured = getattr(parent, "id", None)
    if structured is not None and hasattr(structured, "with_params"):
        return structured.child(name).with_params(param_id)
    return f"{parent.nodeid}::{name}[{param_id}]"


def device_label(config: pytest.Config, device: str) -> str:
    """The profile's name (a path given to --device shows as its profile name)."""
    try:
        return str(profile_for(config, device).name)
    except HarnessError:
        return device
