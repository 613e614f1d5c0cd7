"""Load an app model file: YAML -> AppModel, every problem reported as `path:line:col: message`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from harness import yamlio
from harness.errors import InvalidInputError, Problem, suggest
from harness.sim.model import Action, AppModel, Condition, Element, Faults

APPS_DIR = Path(__file__).parent / "apps"
APPS_INDEX = APPS_DIR / "index.yaml"
BUILTIN_STATE = ("session_count",)


def default_app() -> Path:
    """The shipped model the index names as the default: data decides, not this code."""
    doc = yamlio.load_document(APPS_INDEX)
    name = doc.data.get("default") if isinstance(doc.data, dict) else None
    if not isinstance(name, str) or not (APPS_DIR / name).is_file():
        raise InvalidInputError(
            [doc.locations.problem(("default",), "names no app model file of this folder")]
        )
    return APPS_DIR / name


DEFAULT_APP = default_app()


def load_app_model(path: str | Path | None = None) -> AppModel:
    """The model at `path` (default: the one apps/index.yaml names), checked for dangling references."""
    path = Path(path) if path is not None else DEFAULT_APP
    doc = yamlio.load_document(path)
    problems = list(doc.problems)
    if not isinstance(doc.data, dict):
        raise InvalidInputError([*problems, doc.locations.problem((), "an app model is a YAML mapping")])
    try:
        model = AppModel.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(pydantic_problems(exc, doc.locations, AppModel))
        raise InvalidInputError(problems) from None
    problems.extend(doc.locations.problem(loc, msg) for loc, msg in check_references(model))
    if problems:
        raise InvalidInputError(problems)
    return model


def pydantic_problems(
    exc: ValidationError, where: yamlio.Locations | None, root: type[BaseModel], prefix: tuple[Any, ...] = ()
) -> list[Problem]:
    """Pydantic errors as located problems; unknown keys get a did-you-mean from the model's fields."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
        loc = _strip_union_tags(loc)
        message = err["msg"]
        is_key = err["type"] == "extra_forbidden"
        if is_key:
            fields = _fields_at(root, loc[:-1])
            message = f'unknown key "{loc[-1]}"{suggest(str(loc[-1]), fields)}'
            if fields:
                message += f"; expected one of: {', '.join(sorted(fields))}"
        elif err["type"] == "missing":
            message = f'missing required key "{loc[-1]}"'
            loc = loc[:-1]
        elif err["type"] == "literal_error" and isinstance(err.get("input"), str):
            valid = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
            message = f'"{err["input"]}" is not one of {", ".join(valid)}{suggest(err["input"], valid)}'
        elif message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        full = (*prefix, *loc)
        if where is None:
            dotted = ".".join(str(p) for p in full) or "(top)"
            out.append(Problem("harness:faults", 1, 1, f"{dotted}: {message}"))
        else:
            out.append(where.problem(full, message, key=is_key))
    return out


def _strip_union_tags(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    # pydantic names union members (`bool`, `int`, ...) inside locations; they are not keys of the file
    tags = {"bool", "int", "float", "str", "tuple[float, float]"}
    return tuple(p for p in loc if not (isinstance(p, str) and p in tags))


def _fields_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names (aliases) of the model reached by walking `loc` from `root`."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(part) or next(
            (f for f in model.model_fields.values() if f.alias == part), None
        )
        if field is None:
            # a dict of models (screens, dialogs): the key is a name, stay on the value type
            continue
        model = _model_in(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [f.alias or n for n, f in model.model_fields.items()]
    return []


def _model_in(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", ())
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in reversed(args):  # dict[str, X] -> X, list[X] -> X, X | None -> X
        found = _model_in(arg)
        if found is not None:
            return found
    return None


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
