"""Load scenario, flow and screen-map files into validated models, collecting every problem at once.

Sub-flows and screen maps are resolved relative to the file that names them and cached per path, so
linting a thousand scenarios that share a login flow reads that flow once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from harness.drivers import PLATFORMS, Platform
from harness.errors import InvalidInputError, Problem, suggest
from harness.scenario.model import Flow, FlowFile, Scenario, ScenarioFile, ScreenMap, ScreenMapFile
from harness.scenario.selectors import (
    SELECTOR_KEYS,
    PlatformGap,
    SelectorError,
    SelectorSpec,
    resolve,
)
from harness.scenario.steps import (
    COMMON_OPTIONS,
    REGISTRY,
    Condition,
    Repeat,
    Retry,
    RunFlow,
    Step,
    arguments_of,
    condition_fields,
    expand_value,
    selector_fields,
)
from harness.scenario.variables import malformed, references
from harness.validation import problems_from
from harness.variables import malformed_message
from harness.yamlio import Document, Locations, PathKey, load_document


def display(path: Path) -> str:
    """Paths in messages: relative to the working directory when possible."""
    return _display(str(path), os.getcwd())


@lru_cache(maxsize=16384)
def _display(path: str, cwd: str) -> str:
    try:
        return str(resolved(Path(path)).relative_to(resolved(Path(cwd))))
    except ValueError:
        return path


def resolved(path: Path) -> Path:
    """`path.resolve()`, remembered: linting a thousand files resolves the same flows thousands of times."""
    return _resolved(str(path), os.getcwd() if not path.is_absolute() else "")


@lru_cache(maxsize=16384)
def _resolved(path: str, cwd: str) -> Path:
    return Path(path).resolve()


@dataclass
class LoadCache:
    """Shared between loads: screen maps and flows by resolved path."""

    screens: dict[Path, ScreenMap | list[Problem]] = field(default_factory=dict)
    flows: dict[tuple[Path, str | None], Flow | list[Problem]] = field(default_factory=dict)


class _FileContext:
    """Validation state for one file."""

    def __init__(self, doc: Document, file_path: Path, cache: LoadCache, stack: tuple[Path, ...]):
        self.doc = doc
        self.locations: Locations = doc.locations
        self.file_path = file_path
        self.cache = cache
        self.stack = stack
        self.problems: list[Problem] = list(doc.problems)
        self.variables: set[str] = set()
        self.screens: ScreenMap | None = None
        self.flows: dict[str, Flow] = {}

    def problem(self, loc: PathKey, message: str, *, key: bool = False) -> None:
        self.problems.append(self.locations.problem(loc, message, key=key))

    def final_problems(self) -> list[Problem]:
        """Every problem, less the schema's complaints about a value the reader refused (a tag, a huge
        number): it reads as null, and "expected text, got nothing" would only repeat the first error."""
        refused = self.doc.refused
        if not refused:
            return self.problems
        return [p for p in self.problems if p in self.doc.problems or (p.line, p.column) not in refused]

    # -- header --------------------------------------------------------------------------------
    def validate_header(self, model: type[BaseModel], data: Any) -> BaseModel | None:
        if not isinstance(data, dict):
            self.problem((), f"expected a mapping at the top of the file, got {type(data).__name__}")
            return None
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            fields = list(model.model_fields)
            self.problems.extend(problems_from(
                exc, data, self.locations, lambda loc: loc,
                # below the top level only selectors (screen maps) forbid unknown keys
                lambda parent: fields if not parent else sorted(SELECTOR_KEYS),
            ))
            return None

    def load_screens(self, relative: str, loc: PathKey) -> ScreenMap | None:
        path = resolved(self.file_path.parent / relative)
        cached = self.cache.screens.get(path)
        if cached is None:
            cached = load_screen_map(path)
            self.cache.screens[path] = cached
        if isinstance(cached, list):
            if not path.exists():
                self.problem(loc, f"screen map not found: {relative} (looked at {display(path)})")
            else:
                self.problems.extend(cached)
            return None
        return cached

    # -- steps ---------------------------------------------------------------------------------
    def parse_steps(self, items: Any, loc: PathKey) -> list[Step]:
        if not isinstance(items, list):
            self.problem(loc, "expected a list of steps")
            return []
        steps = []
        for index, item in enumerate(items):
            step = self.parse_step(item, (*loc, index))
            if step is not None:
                steps.append(step)
        return steps

    def parse_step(self, item: Any, loc: PathKey) -> Step | None:
        kinds = list(REGISTRY)
        if isinstance(item, str):
            if item not in REGISTRY:
                self.problem(loc, f'unknown step "{item}"{suggest(item, kinds)}')
                return None
            kind, value, options = item, None, {}
        elif isinstance(item, dict):
            found = [k for k in item if k in REGISTRY]
            options = {k: v for k, v in item.items() if k not in REGISTRY}
            bad = False
            for name in options:
                if name not in COMMON_OPTIONS:
                    self.problem(
                        (*loc, name),
                        f'unknown step or option "{name}"{suggest(name, kinds + list(COMMON_OPTIONS))}',
                        key=True,
                    )
                    bad = True
            if len(found) > 1:
                self.problem(loc, f"a step takes one kind, got {' and '.join(found)}: split it in two")
                return None
            if not found:
                if not bad:
                    self.problem(loc, f"step has no kind: expected one of {', '.join(kinds)}")
                return None
            if bad:
                return None
            kind, value = found[0], item[found[0]]
        else:
            self.problem(loc, "a step is a kind name (e.g. back) or a mapping (e.g. tap: Account)")
            return None
        return self.build_step(kind, value, options, loc)

    def build_step(self, kind: str, value: Any, options: dict[str, Any], loc: PathKey) -> Step | None:
        cls = REGISTRY[kind]
        args, wrapped = expand_value(cls, value)
        if "__value__" in args:
            self.problem((*loc, kind), f"{kind} takes no value")
            return None
        twice = set(args) & set(options)
        for name in twice:
            self.problem((*loc, name), f'"{name}" is given twice (in {kind}: and beside it)', key=True)
        data = {**args, **options}

        def to_yaml(data_loc: PathKey) -> PathKey:
            if not data_loc:
                return (*loc, kind)
            head = data_loc[0]
            if head in options:
                return (*loc, *data_loc)
            if wrapped and head == cls.primary:
                return (*loc, kind, *data_loc[1:])
            return (*loc, kind, *data_loc)

        def allowed(parent: PathKey) -> list[str]:
            if not parent:
                extra = sorted(SELECTOR_KEYS) if cls.primary_is_selector else []
                return arguments_of(cls) + list(COMMON_OPTIONS) + extra
            if parent[-1] in ("when", "while"):
                return list(Condition.model_fields)
            return sorted(SELECTOR_KEYS)

        try:
            step = cls.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, data, self.locations, to_yaml, allowed))
            return None
        line, col = self.locations.of(loc)
        step.source = f"{self.locations.path}:{line}:{col}"
        self.check_selectors(step, data, to_yaml)
        self.check_variables(data, to_yaml)
        if isinstance(step, Repeat | Retry):
            step.steps = self.parse_steps(step.steps, to_yaml(("steps",)))
        if isinstance(step, RunFlow):
            self.resolve_flow(step, to_yaml)
        return step

    def check_selectors(self, step: Step, data: dict[str, Any], to_yaml: Any) -> None:
        """Resolve every selector of the step (its selector fields and conditions) on each platform."""
        places: list[tuple[PathKey, Any]] = []
        cls = type(step)
        for name in selector_fields(cls):
            value = getattr(step, name)
            key = cls.model_fields[name].alias or name
            if isinstance(value, list):
                places.extend(((key, index), item) for index, item in enumerate(value))
            elif value is not None:
                places.append(((key,), value))
        for name, yaml_name in condition_fields(cls):
            condition = getattr(step, name)
            if condition is not None:
                for part in selector_fields(Condition):
                    if getattr(condition, part) is not None:
                        places.append(((yaml_name, part), getattr(condition, part)))
        only = step.when.platform if step.when is not None else None
        for data_loc, selector in places:
            self.check_selector(selector, to_yaml(data_loc), (only,) if only else PLATFORMS)

    def check_selector(
        self, selector: str | SelectorSpec, loc: PathKey, platforms: tuple[Platform, ...] = PLATFORMS
    ) -> None:
        for platform in platforms:
            try:
                resolve(selector, platform, self.screens)
            except PlatformGap:
                continue  # usable on the other platform; translating for this one says so
            except SelectorError as exc:
                self.problem(loc, str(exc))
                return

    def check_variables(self, data: Any, to_yaml: Any, data_loc: PathKey = ()) -> None:
        if isinstance(data, str):
            if "$" not in data:
                return
            self.check_malformed(data, to_yaml(data_loc))
            for name, _default, _secret in references(data):
                if name not in self.variables:
                    self.problem(
                        to_yaml(data_loc),
                        f"undefined variable ${{{name}}}: define it under env: (scenario) or params: (flow)"
                        f"{suggest(name, self.variables)}",
                    )
        elif isinstance(data, dict):
            for key, value in data.items():
                if key in ("steps",):
                    continue
                self.check_variables(value, to_yaml, (*data_loc, key))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                self.check_variables(value, to_yaml, (*data_loc, index))

    def check_malformed(self, text: str, loc: PathKey) -> None:
        for bad in malformed(text):
            self.problem(loc, malformed_message(bad))

    def resolve_flow(self, step: RunFlow, to_yaml: Any) -> None:
        path = resolved(self.file_path.parent / step.file)
        here = resolved(self.file_path)
        if path in self.stack or path == here:
            # the loop itself, from the file that comes back: the same words whichever file was linted first
            visited = (*self.stack, here)
            chain = " -> ".join(display(p) for p in (*visited[visited.index(path):], path))
            self.problem(to_yaml(("file",)), f"run_flow cycle: {chain}")
            return
        if not path.is_file():
            self.problem(to_yaml(("file",)), f"flow file not found: {step.file} (looked at {display(path)})")
            return
        key = (path, self.screens.path if self.screens else None)
        flow = self.cache.flows.get(key)
        if flow is None:
            flow = load_flow(path, self.cache, (*self.stack, here), self.screens)
            self.cache.flows[key] = flow
        if isinstance(flow, list):
            self.problems.extend(flow)
            return
        for name in step.params:
            if name not in flow.params:
                self.problem(
                    to_yaml(("params", name)),
                    f'flow {step.file} has no parameter "{name}"{suggest(name, flow.params)}',
                    key=True,
                )
        for name, default in flow.params.items():
            if default is None and name not in step.params and name not in self.variables:
                self.problem(
                    to_yaml(("file",)),
                    f'flow {step.file} needs parameter "{name}": pass it in params: or define {name} here',
                )
        step._flow = flow
        self.flows[str(path)] = flow


def load_screen_map(path: Path) -> ScreenMap | list[Problem]:
    try:
        doc = load_document(path, display_path=display(path))
    except InvalidInputError as exc:
        return exc.problems
    ctx = _FileContext(doc, path, LoadCache(), ())
    model = ctx.validate_header(ScreenMapFile, doc.data)
    if ctx.problems or model is None:
        return ctx.final_problems()
    assert isinstance(model, ScreenMapFile)
    return ScreenMap(display(path), model)


def load_flow(
    path: Path, cache: LoadCache, stack: tuple[Path, ...], caller_screens: ScreenMap | None
) -> Flow | list[Problem]:
    try:
        doc = load_document(path, display_path=display(path))
    except InvalidInputError as exc:
        return exc.problems
    ctx = _FileContext(doc, path, cache, stack)
    header = ctx.validate_header(FlowFile, doc.data)
    if header is None:
        return ctx.final_problems()
    assert isinstance(header, FlowFile)
    ctx.variables = set(header.params)
    ctx.screens = ctx.load_screens(header.screens, ("screens",)) if header.screens else caller_screens
    steps = ctx.parse_steps(header.steps, ("steps",))
    if ctx.problems:
        return ctx.final_problems()
    return Flow(display(path), header.name or path.stem, dict(header.params), steps, ctx.screens)


def load_scenario(path: str | Path, cache: LoadCache | None = None) -> Scenario:
    """Load and validate one scenario file; raise InvalidInputError with every problem found."""
    path = Path(path)
    doc = load_document(path, display_path=display(path))
    ctx = _FileContext(doc, path, cache or LoadCache(), ())
    header = ctx.validate_header(ScenarioFile, doc.data)
    # even with a bad header, check the steps too: every problem of the file at once
    raw: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    env = raw.get("env") if isinstance(raw.get("env"), dict) else {}
    ctx.variables = {str(k) for k in env}
    for name, value in env.items():
        if isinstance(value, str):
            ctx.check_malformed(value, ("env", name))
    screens = raw.get("screens")
    if isinstance(screens, str):
        ctx.screens = ctx.load_screens(screens, ("screens",))
    parts = {}
    for name in ("on_start", "steps", "on_complete"):
        parts[name] = ctx.parse_steps(raw[name], (name,)) if name in raw else []
    if ctx.problems or header is None:
        raise InvalidInputError(ctx.final_problems())
    assert isinstance(header, ScenarioFile)
    line, _ = doc.locations.of(("name",))
    return Scenario(
        path=display(path),
        source=doc.source,
        line=line,
        file=header,
        steps=parts["steps"],
        on_start=parts["on_start"],
        on_complete=parts["on_complete"],
        screens=ctx.screens,
        flows=ctx.flows,
    )
