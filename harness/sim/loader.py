"""Load an app model file: YAML -> AppModel, every problem reported as `path:line:col: message`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from harness import yamlio
from harness.errors import InvalidInputError, Problem, suggest
from harness.sim.model import Action, AppModel, Condition, Element, Faults
from harness.validation import problems_from, problems_without_input

APPS_DIR = Path(__file__).parent / "apps"
DEFAULT_APP_FILE = Path(__file__).parent / "default_app.yaml"
BUILTIN_STATE = ("session_count",)


def default_app() -> Path:
    """The shipped model default_app.yaml names: data decides, not this code."""
    doc = yamlio.load_document(DEFAULT_APP_FILE)
    name = doc.data.get("default") if isinstance(doc.data, dict) else None
    if not isinstance(name, str) or not (APPS_DIR / name).is_file():
        raise InvalidInputError(
            [doc.locations.problem(("default",), "names no app model file of harness/sim/apps/")]
        )
    return APPS_DIR / name


DEFAULT_APP = default_app()


def load_app_model(path: str | Path | None = None) -> AppModel:
    """The model at `path` (default: the one harness/sim/default_app.yaml names), checked for dangling
    references."""
    path = Path(path) if path is not None else DEFAULT_APP
    doc = yamlio.load_document(path)
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        raise InvalidInputError([*problems, doc.locations.problem((), "an app model is a YAML mapping")])
    try:
        model = AppModel.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, doc.locations, AppModel, data=doc.data))
        raise InvalidInputError(problems) from None
    problems.extend(doc.locations.problem(loc, msg) for loc, msg in check_references(model))
    if problems:
        raise InvalidInputError(problems)
    return model


def pydantic_problems(
    exc: ValidationError, where: yamlio.Locations | None, root: type[BaseModel], prefix: tuple[Any, ...] = (),
    data: Any = None,
) -> list[Problem]:
    """Pydantic errors as located problems, worded as in every other kind of file (harness.validation);
    `where` None: the value came from a capability, not a file."""
    if where is None:
        return problems_without_input(exc, "harness:faults", root)
    return problems_from(exc, data, where, lambda loc: (*prefix, *loc), root=root)


def check_references(model: AppModel) -> list[tuple[tuple[Any, ...], str]]:
    """(location, message) for every name that points at nothing."""
    out: list[tuple[tuple[Any, ...], str]] = []
    screens, dialogs = set(model.screens), set(model.dialogs)
    variables = set(model.state) | set(BUILTIN_STATE)

    def need(kind: str, name: str, valid: set[str], loc: tuple[Any, ...]) -> None:
        if name not in valid:
            out.append((loc, f'unknown {kind} "{name}"{suggest(name, valid)}'))

    def cond(c: Condition | None, loc: tuple[Any, ...], inputs: set[str]) -> None:
        if c is None:
            return
        for var in c.state or {}:
            need("state variable", var, variables, (*loc, "state", var))
        for key, names in (("filled", c.filled), ("empty", c.empty)):
            for i, name in enumerate(names or []):
                need("input", name, inputs, (*loc, key, i))
        for name in c.typed or {}:
            need("input", name, inputs, (*loc, "typed", name))
        cond(c.not_, (*loc, "not"), inputs)
        for i, sub in enumerate(c.any or []):
            cond(sub, (*loc, "any", i), inputs)

    def actions(items: list[Action], loc: tuple[Any, ...], inputs: set[str]) -> None:
        for i, a in enumerate(items):
            here = (*loc, i)
            if a.go is not None:
                need("screen", a.go, screens, (*here, "go"))
            if a.open_dialog is not None:
                need("dialog", a.open_dialog, dialogs, (*here, "open_dialog"))
            for var, value in (a.set or {}).items():
                if var in BUILTIN_STATE:
                    out.append(((*here, "set", var), f'"{var}" is counted by the device and cannot be set'))
                elif var not in variables:
                    need("state variable", var, variables, (*here, "set", var))
                elif type(model.state[var]) is not type(value):
                    kind = type(model.state[var]).__name__
                    out.append(((*here, "set", var), f'"{var}" holds a {kind}, not {value!r}'))
            cond(a.if_, (*here, "if"), inputs)
            actions(a.then or [], (*here, "then"), inputs)
            actions(a.else_ or [], (*here, "else"), inputs)

    for name, screen in model.screens.items():
        loc = ("screens", name)
        if screen.back is not None:
            need("screen", screen.back, screens, (*loc, "back"))
        inputs = {e.id for e, _ in walk(screen.elements) if e.id and e.role in ("input", "secure_input")}
        seen: dict[str, tuple[Any, ...]] = {}
        for element, eloc in walk(screen.elements, (*loc, "elements")):
            if element.id is not None:
                if element.id in seen:
                    out.append(((*eloc, "id"), f'element id "{element.id}" is used twice on screen "{name}"'))
                seen[element.id] = eloc
            cond(element.when, (*eloc, "when"), inputs)
            actions(element.on_tap, (*eloc, "on_tap"), inputs)
            actions(element.on_long_press, (*eloc, "on_long_press"), inputs)
    for name, dialog in model.dialogs.items():
        for i, button in enumerate(dialog.buttons):
            actions(button.on_tap, ("dialogs", name, "buttons", i, "on_tap"), set())
    for i, rule in enumerate(model.start):
        need("screen", rule.screen, screens, ("start", i, "screen"))
        cond(rule.when, ("start", i, "when"), set())
    for i, link in enumerate(model.deep_links):
        need("screen", link.screen, screens, ("deep_links", i, "screen"))
        cond(link.when, ("deep_links", i, "when"), set())
    out.extend(check_faults(model, model.faults, ("faults",)))
    return out


def check_faults(model: AppModel, faults: Faults, loc: tuple[Any, ...]) -> list[tuple[tuple[Any, ...], str]]:
    out: list[tuple[tuple[Any, ...], str]] = []
    refs: list[tuple[tuple[Any, ...], str, str | None]] = []
    refs += [((*loc, "late_elements", i), r.screen, r.element) for i, r in enumerate(faults.late_elements)]
    refs += [((*loc, "stale_once", i), r.screen, r.element) for i, r in enumerate(faults.stale_once)]
    if faults.crash is not None:
        refs.append(((*loc, "crash"), faults.crash.screen, faults.crash.element))
    for here, screen, element in refs:
        owners = set(model.screens) | set(model.dialogs)
        if screen not in owners:
            out.append(((*here, "screen"), f'unknown screen or dialog "{screen}"{suggest(screen, owners)}'))
            continue
        if element is not None:
            ids = element_ids(model, screen)
            if element not in ids:
                out.append(
                    ((*here, "element"), f'no element "{element}" on "{screen}"{suggest(element, ids)}')
                )
    if faults.interstitial is not None:
        target = faults.interstitial
        if target.screen is not None and target.screen not in model.screens:
            out.append(((*loc, "interstitial", "screen"), f'unknown screen "{target.screen}"'))
        if target.dialog is not None and target.dialog not in model.dialogs:
            out.append(((*loc, "interstitial", "dialog"), f'unknown dialog "{target.dialog}"'))
    return out


def element_ids(model: AppModel, owner: str) -> set[str]:
    if owner in model.screens:
        return {e.id for e, _ in walk(model.screens[owner].elements) if e.id}
    return {b.id for b in model.dialogs[owner].buttons if b.id}


def walk(elements: Iterable[Element], loc: tuple[Any, ...] = ()) -> Iterator[tuple[Element, tuple[Any, ...]]]:
    """Every element, depth first, with its location in the file."""
    for i, element in enumerate(elements):
        here = (*loc, i)
        yield element, here
        yield from walk(element.children, (*here, "children"))
