"""Runs one scenario on one device profile inside a pytest item: reset, steps, the artifacts of a failure."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from selenium.common.exceptions import WebDriverException

from harness.devices.translation import translate_context
from harness.runner.engine import RunSettings, ScenarioRunner, secrets_of
from harness.runner.errors import InfrastructureError, SessionLost, StepFailure
from harness.runner.executor import Executor
from harness.runner.recording import ScreenRecorder
from harness.runner.reporting import AllureReporter, Reporter
from harness.runner.secrets import remember
from harness.scenario import steps as s
from harness.scenario.model import Scenario
from harness.scenario.variables import UndefinedVariable, mask, scenario_variables
from harness.translate.context import TranslateContext
from harness.translate.steps import translate


def needs_reset(scenario: Scenario, profile: Any) -> bool:
    """Reset between scenarios unless the scenario starts with launch_app itself, or the profile's app
    says `reset: none` (drivers without app control)."""
    first = (scenario.on_start or scenario.steps)[:1]
    if first and isinstance(first[0], s.LaunchApp):
        return False
    name = scenario.file.app or next(iter(profile.apps), None)
    app = profile.apps.get(name) if name else None
    return app is not None and getattr(app, "reset", "restart") != "none"


def run_scenario(
    scenario: Scenario, profile: Any, manager: Any, *, step_timeout: float | None = None,
    record_video: bool = False, reporter: Reporter | None = None,
) -> None:
    """Run one scenario on a session of `profile` from `manager` (a SessionManager); raises its outcome.

    `reporter` receives the steps and artifacts (default: Allure); the caller sets the test's labels."""
    try:
        variables = scenario_variables(scenario.file.env, os.environ, profile.env)
    except UndefinedVariable as exc:
        raise StepFailure(
            f"{scenario.path}:{scenario.line}: variable {exc.name} is not set: export it, or give it "
            f"under env: in the device profile {profile.name!r}"
        ) from None
    secrets = secrets_of(variables)
    remember(secrets)
    reporter = reporter or AllureReporter()
    reporter.attach_text("scenario.yaml", mask(scenario.source, secrets), "yaml")

    try:
        session = manager.session_for(profile, scenario.file.app)
    except SessionLost as exc:
        raise SessionLost(mask(str(exc), secrets)) from None
    ctx = translate_context(profile, scenario.file.app, screens=scenario.screens, variables=variables,
                            strict_variables=True)
    run = ItemRun(scenario, profile, session, reporter, secrets, manager, ctx=ctx,
                  timeout=step_timeout or profile.timeouts.step)
    reporter.watch(run.executor)
    recorder = ScreenRecorder(session.driver, record_video)
    recorder.start()
    try:
        run.execute()
    finally:
        video = recorder.stop()
        if video:
            reporter.attach_video("screen recording", video)


@dataclass
class ItemRun:
    """One scenario on one live session: reset, steps, and the artifacts of a failure."""

    scenario: Scenario
    profile: Any
    session: Any
    reporter: Reporter
    secrets: frozenset[str]
    manager: Any
    ctx: TranslateContext
    timeout: float

    def __post_init__(self) -> None:
        self.executor = Executor(self.session.driver, self.secrets, self.session.log)
        self.runner = ScenarioRunner(self.executor, self.ctx, RunSettings(step_timeout=self.timeout),
                                     self.reporter)

    def execute(self) -> None:
        try:
            if needs_reset(self.scenario, self.profile):
                with self.reporter.step("Reset the app (terminate + activate)", {}):
                    for command in translate(s.LaunchApp(), self.ctx):
                        self.executor.run(command, self.timeout)
            self.runner.run(self.scenario)
        except SessionLost:
            self.manager.mark_lost(self.profile.name)
            self.attach_failure_artifacts(with_device=False)
            raise
        except (StepFailure, InfrastructureError):
            self.attach_failure_artifacts()
            raise
        except WebDriverException as exc:  # a driver error the harness has no name for: broken, masked
            self.attach_failure_artifacts()
            raise InfrastructureError(mask(f"{type(exc).__name__}: {exc}", self.secrets).strip()) from None

    def attach_failure_artifacts(self, *, with_device: bool = True) -> None:
        if with_device and not self.reporter.failure_captured:  # else on the failing step already
            png = self.executor.screenshot()
            if png:
                self.reporter.attach_png("screenshot on failure", png)
            source = self.executor.page_source()
            if source:
                self.reporter.attach_text("page source", source, "xml")
        self.reporter.attach_text("last commands", mask("\n".join(self.executor.log.recent), self.secrets))
        log_path = getattr(self.session.server, "log_path", None)
        if log_path and os.path.exists(log_path):
            with open(log_path, encoding="utf-8", errors="replace") as handle:
                tail = handle.readlines()[-300:]
            self.reporter.attach_text("appium server log (tail)", mask("".join(tail), self.secrets))
