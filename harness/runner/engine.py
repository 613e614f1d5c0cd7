"""Walks a scenario's steps on a live session: conditions, optional steps, flows, repeat, retry,
on_complete after a failure, the scenario's time limit, secrets masked in everything reported.

Every error leaves a step as one of the classes of harness/runner/errors.py, located at the innermost step
it happened in: a StepFailure (failed; `optional` and `retry` may go on) or an InfrastructureError (broken;
nothing goes on). An interrupt becomes `Interrupted` at the step where it came.
"""

from __future__ import annotations

import contextlib
import time
import traceback
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from harness.runner import cancel
from harness.runner.errors import (
    InfrastructureError,
    Interrupted,
    ScenarioTimeout,
    StepFailure,
    StepTimeout,
    UnexpectedError,
    UntranslatableStep,
)
from harness.runner.executor import Executor
from harness.runner.limits import DEFAULT_SCENARIO_TIMEOUT
from harness.runner.reporting import NullReporter, Reporter
from harness.scenario import steps as s
from harness.scenario.model import Scenario
from harness.scenario.variables import flow_variables
from harness.secrets import REGISTRY, mask
from harness.translate.commands import Command
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.plan import condition_commands
from harness.translate.steps import context_after, title, translate

REPORTED_ROUNDS = 20  # rounds of a repeat shown one by one in the report; later ones share one step


class OptionalStepWarning(UserWarning):
    """An optional step failed; the scenario went on."""


@dataclass
class RunSettings:
    step_timeout: float = 10.0  # seconds, when a step gives none
    scenario_timeout: float = DEFAULT_SCENARIO_TIMEOUT  # when the scenario's header gives none


FailureHook = Callable[[StepFailure], None]
# Called as each step starts, before its condition (`harness inspect --until` stops the run there by
# raising a BaseException of its own, which leaves the runner untouched: no on_complete, no report).
StepHook = Callable[[s.Step, TranslateContext], None]


class ScenarioRunner:
    def __init__(
        self,
        executor: Executor,
        ctx: TranslateContext,
        settings: RunSettings,
        reporter: Reporter | None = None,
        on_failure: FailureHook | None = None,
        before_step: StepHook | None = None,
    ):
        self.executor = executor
        self.ctx = ctx
        self.settings = settings
        self.reporter: Reporter = reporter or NullReporter()
        self.on_failure = on_failure  # attaches the failure artifacts, inside the failing step
        self.before_step = before_step
        self.deadline = float("inf")
        self.limit = settings.scenario_timeout
        executor.on_screenshot = lambda name, png: self.reporter.attach_png(name, png)

    # ----------------------------------------------------------------------------------- scenario
    def run(self, scenario: Scenario) -> None:
        """Run on_start + steps, then on_complete whatever happened; raise the first error (a teardown
        failure is added to its message, never put in its place)."""
        ctx = self.ctx.with_screens(scenario.screens)
        self.limit = scenario.file.timeout or self.settings.scenario_timeout
        self.start_clock()
        error: StepFailure | InfrastructureError | None = None
        try:
            self.run_steps(scenario.on_start, ctx)
            self.run_steps(scenario.steps, ctx)
        except (StepFailure, InfrastructureError) as exc:
            error = exc
        if scenario.on_complete and not isinstance(error, InfrastructureError):
            self.start_clock()  # the teardown has a time limit of its own: it must run after a runaway
            with contextlib.suppress(StepFailure, InfrastructureError), \
                    self.reporter.step("Teardown (on_complete)", {}):
                try:
                    self.run_steps(scenario.on_complete, ctx)
                except (StepFailure, InfrastructureError) as teardown:
                    error = teardown if error is None else with_teardown_failure(error, teardown)
                    raise
        if error is not None:
            raise error

    def start_clock(self) -> None:
        self.deadline = time.monotonic() + self.limit

    def run_steps(self, steps: list[s.Step], ctx: TranslateContext) -> None:
        for step in steps:
            self.run_step(step, ctx)
            ctx = context_after(step, ctx)  # native or web content, as the plan has it

    # --------------------------------------------------------------------------------------- step
    def run_step(self, step: s.Step, ctx: TranslateContext) -> None:
        self._check_clock(step)
        if self.before_step is not None:
            self.before_step(step, ctx)
        step_title = mask(self._title(step, ctx))
        params = self._params(step)
        try:
            if step.when is not None and not self._located(step, lambda: self.holds(step.when, ctx)):
                with self.reporter.step(f"{step_title} (skipped: condition not met)", params):
                    pass
                return
            with self.reporter.step(step_title, params):
                self._located(step, lambda: self._execute(step, ctx))
        except StepFailure as exc:
            if not (step.optional and exc.recoverable):
                raise
            warnings.warn(OptionalStepWarning(f"{step.source}: optional step failed: {exc.reason}"),
                          stacklevel=2)

    def _located(self, step: s.Step, action: Callable[[], object]) -> object:
        """Run `action` for `step`; whatever it raises leaves as a located harness error."""
        try:
            return action()
        except StepFailure as exc:
            if time.monotonic() > self.deadline and exc.recoverable:
                raise self._timeout(step) from None  # the wait was cut by the scenario's time limit
            located = exc.at(step.source)
            self._capture(located)
            raise located from None
        except TranslateError as exc:
            source = exc.source or step.source
            failure = UntranslatableStep(mask(str(exc)), source="").at(source)
            self._capture(failure)
            raise failure from None
        except InfrastructureError:
            raise
        except KeyboardInterrupt as exc:
            how = exc.args[0] if exc.args and isinstance(exc.args[0], str) else "SIGINT"
            raise Interrupted(f"interrupted ({how}) at step {step.source or step.kind}") from None
        except Exception as exc:
            raise unexpected(exc, step.source) from None

    def _capture(self, failure: StepFailure) -> None:
        if not failure.captured and self.on_failure is not None:
            failure.captured = True
            self.on_failure(failure)

    def _check_clock(self, step: s.Step) -> None:
        reason = cancel.requested()
        if reason:
            raise Interrupted(f"interrupted ({reason}) at step {step.source or step.kind}")
        if time.monotonic() > self.deadline:
            failure = self._timeout(step)
            self._capture(failure)
            raise failure

    def _timeout(self, step: s.Step) -> ScenarioTimeout:
        return ScenarioTimeout(f"the scenario ran past its time limit of {self.limit:g}s",
                               source="").at(step.source or step.kind)

    def _title(self, step: s.Step, ctx: TranslateContext) -> str:
        try:
            return title(step, ctx)
        except TranslateError:
            return step.kind

    def _params(self, step: s.Step) -> dict[str, str]:
        params: dict[str, str] = {}
        if step.timeout is not None:
            params["timeout"] = f"{step.timeout:g}s"
        if step.optional:
            params["optional"] = "true"
        if step.source:
            params["source"] = step.source
        return params

    def timeout_of(self, step: s.Step) -> float:
        """The step's wait: its own timeout or the default, never past the scenario's time limit."""
        wanted = step.timeout if step.timeout is not None else self.settings.step_timeout
        return max(0.0, min(wanted, self.deadline - time.monotonic()))

    def _execute(self, step: s.Step, ctx: TranslateContext) -> None:
        if isinstance(step, s.RunFlow):
            flow = step.flow
            variables = flow_variables(ctx.variables, flow.params, step.params)
            REGISTRY.add_variables(variables, where=step.source)
            child = ctx.with_variables(variables).with_screens(flow.screens or ctx.screens)
            self.run_steps(flow.steps, child)
            return
        if isinstance(step, s.Repeat):
            self._repeat(step, ctx)
            return
        if isinstance(step, s.Retry):
            self._retry(step, ctx)
            return
        commands = translate(step, ctx)
        timeout = self.timeout_of(step)
        if isinstance(step, s.LaunchApp):
            self.executor.return_to_native()  # a web view or a dialog left open by the last scenario
        elif isinstance(step, s.OpenUrl):
            self.executor.close_page_alert()  # an alert left open would stop the browser from leaving
        for command in commands:
            self.executor.run(command, timeout)
        if isinstance(step, s.LaunchApp):
            self.wait_foreground(commands, timeout)

    def wait_foreground(self, launch: list[Command], timeout: float) -> None:
        """After launch_app: wait until the driver reports the app in the foreground (the args of
        `mobile: queryAppState` are those of the activate / launch call, on both drivers)."""
        started = [c for c in launch if c.op == "execute"]
        if started:
            self.executor.wait_app_foreground(started[-1].fields["args"], timeout)

    # ---------------------------------------------------------------------------------- composites
    def _repeat(self, step: s.Repeat, ctx: TranslateContext) -> None:
        if step.times is not None:
            for number in range(1, min(step.times, REPORTED_ROUNDS) + 1):
                with self.reporter.step(f"Round {number} of {step.times}", {}):
                    self.run_steps(step.steps, ctx)
            if step.times > REPORTED_ROUNDS:
                rest = f"Rounds {REPORTED_ROUNDS + 1} to {step.times} (not shown one by one)"
                with self.reporter.step(rest, {}), self._quiet():
                    for _ in range(REPORTED_ROUNDS + 1, step.times + 1):
                        self.run_steps(step.steps, ctx)
            return
        assert step.while_ is not None
        for number in range(1, step.max + 1):
            if not self.holds(step.while_, ctx):
                return
            quiet = self._quiet() if number > REPORTED_ROUNDS else contextlib.nullcontext()
            with quiet, self.reporter.step(f"Round {number}", {}):
                self.run_steps(step.steps, ctx)
        if self.holds(step.while_, ctx):
            raise StepTimeout(f"repeat: the while condition still held after {step.max} rounds")

    @contextlib.contextmanager
    def _quiet(self) -> Iterator[None]:
        """Steps run without a report entry each (a loop of thousands of rounds stays readable and small)."""
        reporter = self.reporter
        self.reporter = NullReporter()
        try:
            yield
        finally:
            self.reporter = reporter

    def _retry(self, step: s.Retry, ctx: TranslateContext) -> None:
        for attempt in range(1, step.max + 1):
            try:
                with self.reporter.step(f"Attempt {attempt} of {step.max}", {}):
                    self.run_steps(step.steps, ctx)
                return
            except StepFailure as exc:
                if attempt == step.max or not exc.recoverable:
                    raise

    def holds(self, condition: s.Condition, ctx: TranslateContext) -> bool:
        """Evaluate a condition now (no waiting): platform, then on-screen checks."""
        if condition.platform is not None and condition.platform != ctx.platform:
            return False
        commands, _ = condition_commands(condition, ctx)
        parts = [p for p in ("visible", "not_visible") if getattr(condition, p) is not None]
        for part, command in zip(parts, commands, strict=True):
            visible = self.executor.visible_now(command.fields["locators"])
            if visible != (part == "visible"):
                return False
        return True


def with_teardown_failure(
    first: StepFailure | InfrastructureError, teardown: StepFailure | InfrastructureError
) -> StepFailure | InfrastructureError:
    """The first error, its message telling that on_complete failed too (the first decides the status)."""
    text = f"{first}\n  on_complete failed as well: {teardown}"
    if isinstance(first, StepFailure):
        combined = type(first)(text, source=first.source)
        combined.reason, combined.captured = first.reason, True
        return combined
    return type(first)(text)


def unexpected(exc: BaseException, source: str) -> UnexpectedError:
    """An error nobody named: a short masked message, and the masked trace without frame locals."""
    first_line = (str(exc).strip().splitlines() or [""])[0][:300]
    where = f" at step {source}" if source else ""
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return UnexpectedError(mask(f"unexpected {type(exc).__name__}{where}: {first_line}".rstrip(": ")),
                           mask(trace))
