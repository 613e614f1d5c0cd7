"""`harness plan`: the whole scenario as the commands it will send, before any device exists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from harness.scenario import steps as s
from harness.scenario.model import Scenario
from harness.scenario.variables import UndefinedVariable, Value, flow_variables, secrets_masked
from harness.translate.commands import Command
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.steps import condition_locators, context_after, title, translate

SECTIONS = ("on_start", "steps", "on_complete")


@dataclass
class PlanEntry:
    number: str
    title: str
    source: str
    commands: list[Command]
    when: list[Command] = field(default_factory=list)
    note: str = ""
    children: list[PlanEntry] = field(default_factory=list)
    optional: bool = False


def condition_commands(condition: s.Condition | None, ctx: TranslateContext) -> tuple[list[Command], str]:
    """How a condition is checked (find_elements, no waiting), and its text."""
    if condition is None:
        return [], ""
    commands, words = [], []
    if condition.platform:
        words.append(f"platform is {condition.platform}")
    for part in ("visible", "not_visible"):
        selector = getattr(condition, part)
        if selector is not None:
            description, locs = condition_locators(selector, ctx)
            commands.append(Command("find_elements", {"locators": locs, "target": description}))
            words.append(f"{part.replace('_', ' ')}: {description}")
    return commands, " and ".join(words)


def plan_steps(
    steps: list[s.Step], ctx: TranslateContext, prefix: str = "", *, check: Check | None = None
) -> list[PlanEntry]:
    """The plan entries of `steps`; raises TranslateError (prefixed with the step's `path:line:col`).
    With `check` (lint), titles are skipped, a flow already planned for this platform, app and screen map
    is not planned again, and every TranslateError is collected in `check.errors` instead of raised."""
    entries: list[PlanEntry | None] = []
    for index, step in enumerate(steps, start=1):
        number = f"{prefix}{index}"
        if step.when is not None and step.when.platform not in (None, ctx.platform):
            # the runner skips it on this platform: its (platform-only) forms need not exist here
            shown = title(step, ctx) if check is None else step.kind
            entries.append(PlanEntry(number, shown, step.source, [],
                                     note=f"skipped: only on {step.when.platform}", optional=step.optional))
            continue
        entries.append(_entry(step, ctx, number, check))
        ctx = context_after(step, ctx)
    return [entry for entry in entries if entry is not None]


def _entry(step: s.Step, ctx: TranslateContext, number: str, check: Check | None) -> PlanEntry | None:
    """One step's plan entry, with its flow's or nested steps' entries as children; None when its
    translation failed during lint (the error is in check.errors)."""
    try:
        when, when_text = condition_commands(step.when, ctx)
        commands = translate(step, ctx)
        while_text = ""
        if isinstance(step, s.Repeat) and step.while_ is not None:
            _, while_text = condition_commands(step.while_, ctx)
    except TranslateError as exc:
        located = type(exc)(f"{step.source}: {exc}")
        if check is None:
            raise located from None
        check.errors.append(located)
        return None
    shown = title(step, ctx, commands) if check is None else step.kind
    entry = PlanEntry(number, shown, step.source, commands, when,
                      f"when {when_text}" if when_text else "", optional=step.optional)
    if isinstance(step, s.RunFlow) and step.flow is not None:
        flow = step.flow
        if check is not None:
            screens = flow.screens or ctx.screens
            key = (flow.path, ctx.platform, ctx.default_app, getattr(screens, "path", None), ctx.web)
            if key in check.seen_flows:
                return entry
            check.seen_flows.add(key)
        try:
            variables = flow_variables(ctx.variables, flow.params, step.params)
        except UndefinedVariable:
            variables = dict(ctx.variables)
        child_ctx = ctx.with_variables(variables).with_screens(flow.screens or ctx.screens)
        entry.children = plan_steps(flow.steps, child_ctx, f"{number}.", check=check)
    elif isinstance(step, s.Repeat | s.Retry):
        if while_text:
            entry.note = f"while {while_text} (at most {step.max} rounds)"
        entry.children = plan_steps(step.steps, ctx, f"{number}.", check=check)
    return entry


@dataclass
class Check:
    """Lint state across scenarios: flows already translated, and every translation problem found."""

    seen_flows: set[Any] = field(default_factory=set)
    errors: list[TranslateError] = field(default_factory=list)


def build_plan(
    scenario: Scenario, ctx: TranslateContext, *, check: Check | None = None
) -> dict[str, list[PlanEntry]]:
    ctx = ctx.with_screens(scenario.screens)
    if ctx.url is None and scenario.file.url is not None:  # as written: ${VAR} shows where it is read
        ctx = ctx.with_url(Value(scenario.file.url))
    return {name: plan_steps(getattr(scenario, name), ctx, check=check) for name in SECTIONS}


def walk(entries: list[PlanEntry]) -> Iterator[PlanEntry]:
    for entry in entries:
        yield entry
        yield from walk(entry.children)


def plan_json(plan: Mapping[str, list[PlanEntry]]) -> list[dict[str, Any]]:
    """A flat list of command objects, each tagged with its section, step number, title and source."""
    out: list[dict[str, Any]] = []
    for section, entries in plan.items():
        for entry in walk(entries):
            meta = {"section": section, "step": entry.number, "title": entry.title, "source": entry.source}
            for command in entry.when:
                out.append({**command.to_json(), **meta, "condition": True})
            for command in entry.commands:
                out.append({**command.to_json(), **meta})
    return out


def plan_text(plan: Mapping[str, list[PlanEntry]], header: str) -> str:
    lines = [header]
    for section, entries in plan.items():
        if not entries:
            continue
        lines.append(f"{section}:")
        for entry in walk(entries):
            indent = "  " * (entry.number.count(".") + 1)
            flags = " (optional)" if entry.optional else ""
            note = f"  [{entry.note}]" if entry.note else ""
            lines.append(f"{indent}{entry.number}. {entry.title}{flags}{note}    # {entry.source}")
            for command in entry.when:
                lines.append(f"{indent}     ? {command.describe()}")
            for command in entry.commands:
                lines.append(f"{indent}     {command.describe()}")
                if command.op == "scroll_until_visible":
                    for swipe in command.fields["swipe"]:
                        lines.append(f"{indent}       then {swipe.describe()}")
    return "\n".join(lines)


def masked_variables(variables: Mapping[str, Value]) -> dict[str, str]:
    return {name: value.text for name, value in secrets_masked(variables).items()}
