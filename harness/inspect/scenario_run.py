"""`harness inspect SCENARIO`: run a scenario through the real runner up to a step, or to its failure, and
leave the session where it stands.

Steps are named as `harness plan` numbers them (`3`, `4.2` inside a flow or a repeat, `on_start:1`), by
their `label:`, or by `file:line` (a flow's file too). The run stops *before* the step named: the screen
shown is the one that step is about to act on. It never runs `on_complete` (unless the step named is in
it), so a failure leaves the screen as the failure found it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from harness.errors import HarnessError, suggest
from harness.runner.errors import StepFailure
from harness.runner.reporting import NullReporter
from harness.runner.run_item import run_scenario
from harness.scenario import steps as s
from harness.scenario.model import Scenario
from harness.secrets import mask
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.steps import title

SECTIONS = (("on_start", "on_start:"), ("steps", ""), ("on_complete", "on_complete:"))
NUMBER = re.compile(r"^(?:on_start:|on_complete:)?\d+(?:\.\d+)*$")
SOURCE = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::\d+)?$")


class StepNotFound(HarnessError):
    """--until names no step of the scenario."""


class Stopped(BaseException):
    """Raised by the hook at the step the run stops before: a stop, not an error, so a BaseException that
    the runner lets through untouched (no on_complete, no failure)."""

    def __init__(self, number: str):
        super().__init__(number)
        self.number = number


def children(step: s.Step) -> list[s.Step]:
    """The steps a composite step runs (a flow's, a repeat's, a retry's), as the runner and plan walk them."""
    if isinstance(step, s.RunFlow):
        return step.flow.steps if step.flow is not None else []
    if isinstance(step, s.Repeat | s.Retry):
        return step.steps
    return []


@dataclass(frozen=True)
class Place:
    number: str
    step: s.Step


def places(scenario: Scenario) -> Iterator[Place]:
    """Every step of the scenario with its plan number, in order."""

    def walk(steps: list[s.Step], prefix: str) -> Iterator[Place]:
        for index, step in enumerate(steps, start=1):
            number = f"{prefix}{index}"
            yield Place(number, step)
            yield from walk(children(step), f"{number}.")

    for section, prefix in SECTIONS:
        yield from walk(getattr(scenario, section), prefix)


def find_step(scenario: Scenario, spec: str) -> Place:
    """The step `spec` names (a plan number, a label, or file:line); raises StepNotFound."""
    every = list(places(scenario))
    spec = spec.strip()
    if NUMBER.match(spec):
        hit = next((p for p in every if p.number == spec), None)
        if hit is None:
            numbers = [p.number for p in every]
            raise StepNotFound(f"{scenario.path} has no step {spec}{suggest(spec, numbers)} (`harness plan "
                               f"{scenario.path}` numbers them: {', '.join(numbers[:12])}"
                               f"{', ...' if len(numbers) > 12 else ''})")
        return hit
    labelled = [p for p in every if p.step.label == spec]
    if labelled:
        return labelled[0]
    match = SOURCE.match(spec)
    if match:
        wanted = Path(match.group("path")).parts
        line = int(match.group("line"))
        for place in every:
            found = SOURCE.match(place.step.source)
            if found and int(found.group("line")) == line:
                parts = Path(found.group("path")).parts
                if parts[-len(wanted):] == wanted or Path(found.group("path")).resolve() == \
                        Path(match.group("path")).resolve():
                    return place
    labels = [p.step.label for p in every if p.step.label]
    raise StepNotFound(f"no step of {scenario.path} is {spec!r}: give a step number as `harness plan` shows "
                       f"it, a label{suggest(spec, labels) if labels else ''}, or file:line")


class Tracker:
    """The runner's before_step hook: numbers each step as it starts (a flow called twice has two numbers,
    told apart by where the run is), prints it, and stops before the target."""

    def __init__(self, scenario: Scenario, target: str | None, out: TextIO | None = None):
        self.roots = [(getattr(scenario, section), prefix) for section, prefix in SECTIONS]
        self.stack: list[tuple[list[s.Step], str]] = []
        self.target = target
        self.out = out
        self.reached: str | None = None

    def number_of(self, step: s.Step) -> str | None:
        while self.stack:
            steps, prefix = self.stack[-1]
            index = _index(steps, step)
            if index is not None:
                break
            self.stack.pop()
        else:
            for steps, prefix in self.roots:  # noqa: B007 - the prefix of the section found is used below
                index = _index(steps, step)
                if index is not None:
                    break
            else:
                return None  # a step of the runner's own (the reset before the scenario)
        number = f"{prefix}{index + 1}"
        if children(step):
            self.stack.append((children(step), f"{number}."))
        return number

    def __call__(self, step: s.Step, ctx: TranslateContext) -> None:
        number = self.number_of(step)
        if number is None:
            return
        if number == self.target:
            raise Stopped(number)
        self.reached = number
        if self.out is not None:
            try:
                shown = title(step, ctx)
            except TranslateError:
                shown = step.kind
            depth = number.count(".")
            print(mask(f"  {'  ' * depth}{number}. {shown}"), file=self.out, flush=True)


def _index(steps: list[s.Step], step: s.Step) -> int | None:
    return next((i for i, candidate in enumerate(steps) if candidate is step), None)


@dataclass
class Outcome:
    """Where the run stands: stopped before the target, failed, or at the end."""

    stopped_before: str | None = None
    failure: StepFailure | None = None
    reached: str | None = None

    def describe(self, scenario: Scenario) -> str:
        if self.stopped_before:
            return f"stopped before step {self.stopped_before} of {scenario.path}"
        if self.failure is not None:
            return mask(f"{scenario.path} failed after step {self.reached}: {self.failure}")
        return f"{scenario.path} ran to its end (on_complete not run)"


def run_to(scenario: Scenario, profile: Any, manager: Any, *, until: str | None = None,
           out: TextIO | None = None) -> Outcome:
    """Run `scenario` on a session of `profile` from `manager` until the step `until` names (before it),
    its failure, or its end, printing each step to `out`. Infrastructure errors (session lost, server
    died, interrupted) propagate."""
    target = find_step(scenario, until).number if until else None
    keep_teardown = target is not None and target.startswith("on_complete:")
    run = scenario if keep_teardown else dataclasses.replace(scenario, on_complete=[])
    tracker = Tracker(run, target, out)
    try:
        run_scenario(run, profile, manager, reporter=NullReporter(), before_step=tracker)
    except Stopped as stop:
        return Outcome(stopped_before=stop.number, reached=tracker.reached)
    except StepFailure as failure:
        return Outcome(failure=failure, reached=tracker.reached)
    return Outcome(reached=tracker.reached)
