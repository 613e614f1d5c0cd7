"""Load scenario, flow and screen-map files into validated models, collecting every problem at once.

Sub-flows and screen maps are resolved relative to the file that names them and cached per path, so
linting a thousand scenarios that share a login flow reads that flow once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from harness.drivers import APP_PLATFORMS, Platform, platforms_of
from harness.errors import InvalidInputError, Problem, suggest
from harness.scenario.checks import (
    HARNESS_REGEX,
    StepChecks,
    invalid_regex,
    regex_error,
    text_regex_problems,
)
from harness.scenario.model import Flow, FlowFile, Scenario, ScenarioFile, ScreenMap, ScreenMapFile
from harness.scenario.paths import display, outside_project, resolved
from harness.scenario.selectors import (
    SELECTOR_KEYS,
)
from harness.scenario.step_syntax import arguments_of, expand_value
from harness.scenario.steps import (
    COMMON_OPTIONS,
    REGISTRY,
    AssertText,
    Condition,
    Repeat,
    Retry,
    RunFlow,
    Step,
)
from harness.validation import problems_from
from harness.yamlio import Document, Locations, PathKey, load_document

MAX_FLOW_DEPTH = 32  # run_flow inside run_flow: real suites nest a few levels; a chain of 200 is a mistake


@dataclass(frozen=True)
class Call:
    """A run_flow step on the way to a flow: the file it is in, and where in it."""

    file: Path
    shown: str  # the file as messages name it
    line: int
    column: int


@dataclass
class LoadCache:
    """Shared between loads: screen maps and flows by resolved path, and the folders files may be read
    from (flows and screen maps resolve inside them, after symlinks)."""

    screens: dict[Path, ScreenMap | list[Problem]] = field(default_factory=dict)
    # (flow, its caller's screen map, the platforms it runs on) -> the loaded flow
    flows: dict[tuple[Path, str | None, tuple[str, ...]], Flow | list[Problem]] = field(default_factory=dict)
    roots: tuple[Path, ...] = ()  # the paths given on the command line, resolved

    def outside_project(self, target: Path, referrer: Path, written: str) -> str | None:
        """Why `target` (resolved) may not be read, or None (see paths.outside_project)."""
        return outside_project(target, referrer, written, self.roots)


class _FileContext(StepChecks):
    """Validation state for one file."""

    def __init__(self, doc: Document, file_path: Path, cache: LoadCache, stack: tuple[Call, ...],
                 platforms: tuple[Platform, ...] = APP_PLATFORMS):
        self.doc = doc
        self.platforms = platforms
        self.locations: Locations = doc.locations
        self.file_path = file_path
        self.cache = cache
        self.stack = stack  # the run_flow steps that lead to this file, from the scenario on
        self.chain_dependent = False  # a problem told along the chain (cycle, depth): not cacheable
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
        outside = self.cache.outside_project(path, self.file_path, relative)
        if outside:
            self.problem(loc, f"screen map {outside}")
            return None
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
        if isinstance(step, AssertText) and step.matches is not None:
            error = regex_error(step.matches)
            if error:
                self.problem(to_yaml(("matches",)), invalid_regex(step.matches, error, HARNESS_REGEX))
        self.check_variables(data, to_yaml)
        if isinstance(step, Repeat | Retry):
            step.steps = self.parse_steps(step.steps, to_yaml(("steps",)))
        if isinstance(step, RunFlow):
            self.resolve_flow(step, to_yaml)
        return step

    def chain_problem(self, chain: tuple[Call, ...], target: Path, what: str) -> None:
        """A problem of the whole run_flow chain, told from its first file (the scenario) on."""
        first = chain[0]
        steps = " -> ".join(f"{call.shown}:{call.line}" for call in chain)
        message = f"{what}: {steps} -> {display(target)}"
        self.problems.append(Problem(first.shown, first.line, first.column, message))
        self.chain_dependent = True

    def resolve_flow(self, step: RunFlow, to_yaml: Any) -> None:
        path = resolved(self.file_path.parent / step.file)
        here = resolved(self.file_path)
        line, col = self.locations.of(to_yaml(("file",)))
        chain = (*self.stack, Call(here, self.locations.path, line, col))
        if path in [call.file for call in chain]:
            self.chain_problem(chain, path, "run_flow cycle")
            return
        if len(chain) > MAX_FLOW_DEPTH:
            self.chain_problem(chain, path, f"run_flow nested more than {MAX_FLOW_DEPTH} deep")
            return
        outside = self.cache.outside_project(path, self.file_path, step.file)
        if outside:
            self.problem(to_yaml(("file",)), f"flow file {outside}")
            return
        if not path.is_file():
            self.problem(to_yaml(("file",)), f"flow file not found: {step.file} (looked at {display(path)})")
            return
        key = (path, self.screens.path if self.screens else None, self.platforms)
        flow = self.cache.flows.get(key)
        if flow is None:
            flow = load_flow(path, self.cache, chain, self.screens, self.platforms)
            if isinstance(flow, FlowProblems) and flow.chain_dependent:
                self.chain_dependent = True  # located at this load's first file: not for other callers
            else:
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
    if model is not None:
        assert isinstance(model, ScreenMapFile)
        for screen, elements in model.screens.items():
            for name, element in elements.items():
                here: PathKey = ("screens", screen, name)
                specs = [((*here, i), e) for i, e in enumerate(element)] if isinstance(element, list) else [
                    (here, element)]
                for spec_loc, spec in specs:
                    for place, message in text_regex_problems(spec):
                        ctx.problem((*spec_loc, *place), message)
    if ctx.problems or model is None:
        return ctx.final_problems()
    return ScreenMap(display(path), model)


class FlowProblems(list[Problem]):
    """The problems of loading a flow; `chain_dependent`: some are told along the caller's chain."""

    chain_dependent = False


def load_flow(
    path: Path, cache: LoadCache, stack: tuple[Call, ...], caller_screens: ScreenMap | None,
    platforms: tuple[Platform, ...] = APP_PLATFORMS,
) -> Flow | list[Problem]:
    """A flow checked for the platforms its callers run on (alone, as lint reads it: the app platforms)."""
    try:
        doc = load_document(path, display_path=display(path))
    except InvalidInputError as exc:
        return exc.problems
    ctx = _FileContext(doc, path, cache, stack, platforms)
    header = ctx.validate_header(FlowFile, doc.data)
    if header is None:
        return ctx.final_problems()
    assert isinstance(header, FlowFile)
    ctx.variables = set(header.params)
    ctx.screens = ctx.load_screens(header.screens, ("screens",)) if header.screens else caller_screens
    steps = ctx.parse_steps(header.steps, ("steps",))
    if ctx.problems:
        problems = FlowProblems(ctx.final_problems())
        problems.chain_dependent = ctx.chain_dependent
        return problems
    return Flow(display(path), header.name or path.stem, dict(header.params), steps, ctx.screens)


def load_scenario(path: str | Path, cache: LoadCache | None = None) -> Scenario:
    """Load and validate one scenario file; raise InvalidInputError with every problem found."""
    path = Path(path)
    doc = load_document(path, display_path=display(path))
    raw: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    ctx = _FileContext(doc, path, cache or LoadCache(), (), platforms_of(raw.get("url") is not None))
    header = ctx.validate_header(ScenarioFile, doc.data)
    # even with a bad header, check the steps too: every problem of the file at once
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
    line, column = doc.locations.of(("name",))
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
        name_column=column,
        env_locations={str(name): doc.locations.of(("env", name)) for name in env},
    )
