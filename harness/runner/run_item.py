"""Runs one scenario on one device profile: its session, the clean start, its steps and the artifacts of a
failure. The caller (the pytest glue) sets the Allure labels and chooses the reporter."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from harness.devices.sites import site_variables
from harness.devices.translation import translate_context
from harness.report.evidence import EvidenceReporter
from harness.runner import cancel
from harness.runner.engine import RunSettings, ScenarioRunner, StepHook, unexpected
from harness.runner.errors import (
    InfrastructureError,
    Interrupted,
    SessionLost,
    StepFailure,
    UnexpectedError,
)
from harness.runner.executor import Executor
from harness.runner.limits import DEFAULT_SCENARIO_TIMEOUT
from harness.runner.recording import ScreenRecorder
from harness.runner.reporting import AllureReporter, Reporter
from harness.scenario import steps as s
from harness.scenario.model import Scenario
from harness.scenario.variables import UndefinedVariable, scenario_url, scenario_variables
from harness.secrets import REGISTRY, mask
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.steps import translate


def needs_reset(scenario: Scenario, profile: Any) -> bool:
    """Reset between scenarios unless the scenario starts with launch_app itself, or the profile's app
    says `reset: none` (drivers without app control). A web scenario has no app (see ItemRun.execute)."""
    first = (scenario.on_start or scenario.steps)[:1]
    if (first and isinstance(first[0], s.LaunchApp)) or scenario.file.url is not None:
        return False
    name = scenario.file.app or next(iter(profile.apps), None)
    app = profile.apps.get(name) if name else None
    return app is not None and getattr(app, "reset", "restart") != "none"


def run_scenario(
    scenario: Scenario, profile: Any, manager: Any, *, step_timeout: float | None = None,
    scenario_timeout: float | None = None, record_video: bool = False, reporter: Reporter | None = None,
    before_step: StepHook | None = None,
) -> None:
    """Run one scenario on a session of `profile` from `manager` (a SessionManager); raises its outcome,
    always one of the classes of harness/runner/errors.py. `reporter` receives the steps and artifacts
    (default: Allure, with the failing step's screenshot and page source); `before_step` is called as
    each step starts (see engine.StepHook)."""
    reason = cancel.requested()
    if reason:
        raise Interrupted(f"interrupted ({reason}) before {scenario.path} started")
    reporter = reporter or EvidenceReporter(AllureReporter(), no_capture=(SessionLost,))
    try:
        _run(scenario, profile, manager, RunSettings(
            step_timeout=step_timeout or profile.timeouts.step,
            scenario_timeout=scenario_timeout or DEFAULT_SCENARIO_TIMEOUT,
        ), record_video, reporter, before_step)
    except (StepFailure, InfrastructureError):
        raise
    except Exception as exc:  # outside the steps and the item run (variables, session): short, trace attached
        error = unexpected(exc, "")
        reporter.attach_text("traceback", error.trace)
        raise error from None
    except KeyboardInterrupt as exc:  # outside a step: while the session starts, the app resets...
        how = exc.args[0] if exc.args and isinstance(exc.args[0], str) else "SIGINT"
        raise Interrupted(f"interrupted ({how}) in {scenario.path}, outside its steps (while its session "
                          "started, the app was reset or its artifacts were written)") from None


def _run(scenario: Scenario, profile: Any, manager: Any, settings: RunSettings, record_video: bool,
         reporter: Reporter, before_step: StepHook | None = None) -> None:
    try:
        site = site_variables(profile)  # a served site's address and account win (see devices/sites.py)
        environ = {name: value for name, value in os.environ.items() if name not in site}
        defaults = {**profile.env, **site}
        variables = scenario_variables(scenario.file.env, environ, defaults)
        url = scenario_url(scenario.file.url, environ, defaults)
    except UndefinedVariable as exc:
        where = scenario.location_of_env(exc.entry)
        raise StepFailure(f"{where}: variable {exc.name} is not set: export it, or give it under env: in the "
                          f"device profile {profile.name!r}", source=where) from None
    REGISTRY.add_variables(variables, where=scenario.path)
    reporter.attach_text("scenario.yaml", mask(scenario.source), "yaml")
    try:
        session = manager.session_for(profile, scenario.file.app)
    except SessionLost as exc:
        raise type(exc)(mask(str(exc))) from None
    if url is not None:
        REGISTRY.add_variables({"url": url}, where=scenario.path)
    for note in session.take_notes():  # what happened to the lease meanwhile (a held session expired...)
        with reporter.step(note, {}):
            pass
    ctx = translate_context(profile, scenario.file.app, screens=scenario.screens, variables=variables,
                            strict_variables=True, url=url)
    run = ItemRun(scenario, profile, session, reporter, manager, ctx=ctx, settings=settings,
                  before_step=before_step)
    reporter.watch(run.executor)  # evidence (screenshots, page source) is the reporter's to take
    recorder = ScreenRecorder(session.driver, record_video)
    recorder.start()
    try:
        run.execute()
    finally:
        video = recorder.stop()
        if video:
            reporter.attach_video("screen recording", video)


def launch_args(ctx: TranslateContext) -> dict[str, Any] | None:
    """The args of the app's activate / launch call on this platform (those of `mobile: queryAppState`
    too), or None when the profile knows no app."""
    try:
        commands = translate(s.LaunchApp(), ctx)
    except TranslateError:
        return None
    return dict(commands[-1].fields["args"]) if commands else None


@dataclass
class ItemRun:
    """One scenario on one live session: reset, steps, and the artifacts of a failure."""

    scenario: Scenario
    profile: Any
    session: Any
    reporter: Reporter
    manager: Any
    ctx: TranslateContext
    settings: RunSettings
    before_step: StepHook | None = None

    def __post_init__(self) -> None:
        server = self.session.server
        resets = needs_reset(self.scenario, self.profile) or _starts_with_launch(self.scenario)
        self.executor = Executor(
            self.session.driver, self.session.log, server_url=self.session.server_url,
            server_alive=self.session.server_alive, server_log=str(getattr(server, "log_path", "") or ""),
            app_args=launch_args(self.ctx) if resets else None,
        )
        self.runner = ScenarioRunner(self.executor, self.ctx, self.settings, self.reporter,
                                     on_failure=self.attach_step_artifacts, before_step=self.before_step)

    def execute(self) -> None:
        try:
            # launch_app starts clean itself (native context, no dialog open, the app in the foreground)
            if self.ctx.platform == "web":
                self.start_page()
            elif needs_reset(self.scenario, self.profile):
                with self.reporter.step("Reset the app (terminate + activate)", {}):
                    self.runner.run_step(s.LaunchApp(), self.ctx)
            elif not _starts_with_launch(self.scenario):
                with self.reporter.step("Start clean (native context, no dialog open)", {}):
                    self.executor.return_to_native()
            self.runner.run(self.scenario)
        except SessionLost:
            self.manager.mark_lost(self.profile.name)
            self.attach_run_artifacts()
            raise
        except StepFailure as failure:
            self.attach_run_artifacts(commands=not failure.captured)  # the failing step has them
            raise
        except UnexpectedError as exc:
            self.reporter.attach_text("traceback", exc.trace)
            self.attach_run_artifacts()
            raise
        except InfrastructureError:
            self.attach_run_artifacts()
            raise
        except Exception as exc:  # outside any step (the clean start): a short message, the trace attached
            error = unexpected(exc, "")
            self.reporter.attach_text("traceback", error.trace)
            raise error from None

    def start_page(self) -> None:
        """A web scenario starts clean: no alert of the page left open and, unless its first step opens a
        page itself, its `url:` opened (the site's cookies, like an app's data, stay: a login survives)."""
        first = (self.scenario.on_start or self.scenario.steps)[:1]
        if (first and isinstance(first[0], s.OpenUrl)) or self.ctx.url is None:
            with self.reporter.step("Start clean (no alert of the page open)", {}):
                self.executor.close_page_alert()
            return
        with self.reporter.step("Open the scenario's url (no alert of the page open)", {}):
            self.runner.run_step(s.OpenUrl(), self.ctx)

    def attach_step_artifacts(self, failure: StepFailure) -> None:
        """The last commands of a failing step, in that step of the report; its screenshot and page source
        are the reporter's evidence, taken as the step ends (see harness/report/evidence.py)."""
        self.reporter.attach_text("last commands", mask("\n".join(self.executor.log.recent)))

    def attach_run_artifacts(self, *, commands: bool = True) -> None:
        """What the scenario's result carries beyond the failing step: the commands, the server log."""
        if commands:
            self.reporter.attach_text("last commands", mask("\n".join(self.executor.log.recent)))
        server = self.session.server
        log_path = getattr(server, "log_path", None)
        sync = getattr(server, "sync_log", None)  # a log the harness writes itself, masked, a moment late
        if sync is not None:
            sync()
        if log_path and os.path.exists(log_path):
            with open(log_path, encoding="utf-8", errors="replace") as handle:
                tail = handle.readlines()[-300:]
            self.reporter.attach_text("appium server log (tail)", mask("".join(tail)))


def _starts_with_launch(scenario: Scenario) -> bool:
    first = (scenario.on_start or scenario.steps)[:1]
    return bool(first) and isinstance(first[0], s.LaunchApp)
