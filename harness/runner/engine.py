"""Walks a scenario's steps on a live session: conditions, optional steps, flows, repeat, retry,
on_complete after a failure, secrets masked in everything reported."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

from harness.runner.errors import InfrastructureError, StepFailure
from harness.runner.executor import Executor
from harness.runner.reporting import NullReporter, Reporter
from harness.runner.secrets import remember
from harness.scenario import steps as s
from harness.scenario.model import Scenario
from harness.scenario.variables import Value, flow_variables, mask
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.plan import condition_commands
from harness.translate.steps import context_after, title, translate


class OptionalStepWarning(UserWarning):
    """An optional step failed; the scenario went on."""


@dataclass
class RunSettings:
    step_timeout: float = 10.0  # seconds, when a step gives none


class ScenarioRunner:
    def __init__(
        self,
        executor: Executor,
        ctx: TranslateContext,
        settings: RunSettings,
        reporter: Reporter | None = None,
    ):
        self.executor = executor
        self.ctx = ctx
        self.settings = settings
        self.reporter = reporter or NullReporter()
        self.secrets = executor.secrets
        executor.on_screenshot = lambda name, png: self.reporter.attach_png(name, png)

    def run(self, scenario: Scenario) -> None:
        """Run on_start + steps, then on_complete whatever happened; re-raise the first error."""
        ctx = self.ctx.with_screens(scenario.screens)
        error: BaseException | None = None
        try:
            self.run_steps(scenario.on_start, ctx)
            self.run_steps(scenario.steps, ctx)
        except BaseException as exc:
            error = exc
        if scenario.on_complete and not isinstance(error, InfrastructureError | KeyboardInterrupt):
            with self.reporter.step("Teardown (on_complete)", {}):
                try:
                    self.run_steps(scenario.on_complete, ctx)
                except (StepFailure, InfrastructureError) as exc:
                    if error is None:
                        error = exc
        if error is not None:
            raise error

    def run_steps(self, steps: list[s.Step], ctx: TranslateContext) -> None:
        for step in steps:
            self.run_step(step, ctx)
            ctx = context_after(step, ctx)  # native or web content, as the plan has it

    def _mask(self, text: str) -> str:
        return mask(text, self.secrets)

    def run_step(self, step: s.Step, ctx: TranslateContext) -> None:
        step_title = self._mask(title(step, ctx))
        params = self._params(step)
        if step.when is not None and not self.holds(step.when, ctx):
            with self.reporter.step(f"{step_title} (skipped: condition not met)", params):
                pass
            return
        try:
            with self.reporter.step(step_title, params):
                self._execute(step, ctx)
        except StepFailure as exc:
            if not step.optional:
                raise self._located(exc, step) from None
            warnings.warn(OptionalStepWarning(f"{step.source}: optional step failed: {exc}"), stacklevel=2)

    def _located(self, exc: StepFailure, step: s.Step) -> StepFailure:
        message = self._mask(str(exc))
        if step.source and step.source not in message:
            message = f"{message}\n  at step {step.source}"
        return type(exc)(message)

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
        return step.timeout if step.timeout is not None else self.settings.step_timeout

    def _execute(self, step: s.Step, ctx: TranslateContext) -> None:
        if isinstance(step, s.RunFlow):
            flow = step.flow
            variables = flow_variables(ctx.variables, flow.params, step.params)
            self.secrets = self.executor.secrets = self.executor.secrets | secrets_of(variables)
            remember(self.secrets)
            child = ctx.with_variables(variables).with_screens(flow.screens or ctx.screens)
            self.run_steps(flow.steps, child)
            return
        if isinstance(step, s.Repeat):
            self._repeat(step, ctx)
            return
        if isinstance(step, s.Retry):
            self._retry(step, ctx)
            return
        try:
            commands = translate(step, ctx)
        except TranslateError as exc:
            raise StepFailure(f"{step.source}: {exc}") from None
        timeout = self.timeout_of(step)
        for command in commands:
            self.executor.run(command, timeout)

    def _repeat(self, step: s.Repeat, ctx: TranslateContext) -> None:
        if step.times is not None:
            for round_number in range(1, step.times + 1):
                with self.reporter.step(f"Round {round_number} of {step.times}", {}):
                    self.run_steps(step.steps, ctx)
            return
        assert step.while_ is not None
        for round_number in range(1, step.max + 1):
            if not self.holds(step.while_, ctx):
                return
            with self.reporter.step(f"Round {round_number}", {}):
                self.run_steps(step.steps, ctx)
        if self.holds(step.while_, ctx):
            raise StepFailure(f"repeat: the while condition still held after {step.max} rounds")

    def _retry(self, step: s.Retry, ctx: TranslateContext) -> None:
        for attempt in range(1, step.max + 1):
            try:
                with self.reporter.step(f"Attempt {attempt} of {step.max}", {}):
                    self.run_steps(step.steps, ctx)
                return
            except StepFailure:
                if attempt == step.max:
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


def secrets_of(variables: Mapping[str, Value]) -> frozenset[str]:
    """The values to mask: those of secret variables."""
    return frozenset(v.text for v in variables.values() if v.secret and v.text)

