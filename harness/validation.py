"""Pydantic validation errors as `path:line:col: message` problems a person can act on: one translator
for every kind of file (scenarios, flows, screen maps, device profiles, app models), so the same mistake
reads the same wherever it is made, with the nearest valid name suggested."""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from harness.errors import Problem, nearest, suggest
from harness.yamlio import Locations, PathKey

_NO_DATA = object()

_TYPE_WORDS = {
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "tuple_type": "a list",
}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _is_branch_tag(part: Any) -> bool:
    return isinstance(part, str) and (
        part in {"str", "int", "float", "bool", "none"}
        or part[:1].isupper()
        or "[" in part
    )


def _branch_matches(tag: str, value: Any) -> bool:
    if isinstance(value, dict):
        return tag not in {"str", "int", "float", "bool", "none"} and not tag.startswith(
            ("list[", "tuple[", "literal[")
        )
    if isinstance(value, list):
        return tag.startswith(("list[", "tuple["))
    if isinstance(value, str):
        return tag == "str" or tag.startswith("literal[")
    if isinstance(value, bool):
        return tag in {"bool", "int", "float"} or tag.startswith("literal[")
    if isinstance(value, int | float):
        return tag in {"int", "float"} or tag.startswith("literal[")
    if value is None:
        return tag == "none"
    return True


def _walk(data: Any, loc: Iterable[Any]) -> tuple[list[Any], str | None, Any]:
    """Keep the parts of a pydantic loc that exist in the input; when a union branch does not fit the
    value (a string given to the mapping branch…), also that branch's tag and the value."""
    out: list[Any] = []
    cur = data
    for part in loc:
        if data is _NO_DATA:  # no input to look at: drop what looks like a union tag
            if not _is_branch_tag(part):
                out.append(part)
            continue
        if _is_branch_tag(part) and not (isinstance(cur, dict) and part in cur):
            if not _branch_matches(part, cur):
                return out, part, cur
            continue
        in_dict = isinstance(cur, dict) and part in cur
        in_list = isinstance(cur, list) and isinstance(part, int) and part < len(cur)
        if in_dict or in_list:
            cur = cur[part]
            out.append(part)
        else:
            out.append(part)
            cur = None
    return out, None, cur


def _alternatives(tags: list[str]) -> str:
    """What a union accepts, in words: 'text or a selector mapping'."""
    words: list[str] = []
    for tag in tags:
        if tag == "none":
            continue
        if tag == "str":
            word = "text"
        elif tag in ("int", "float"):
            word = "a number"
        elif tag == "bool":
            word = "true/false"
        elif tag.startswith(("list[", "tuple[")):
            word = "a list"
        elif "Selector" in tag:
            word = "a selector mapping"
        else:
            word = "a mapping"
        if word not in words:
            words.append(word)
    if len(words) < 3:
        return " or ".join(words)
    return ", ".join(words[:-1]) + " or " + words[-1]


def _unwrap(annotation: Any) -> list[Any]:
    """The types an annotation can hold: X | None -> [X], Annotated[X, ...] -> [X]."""
    if get_origin(annotation) is Annotated:
        return _unwrap(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [t for arg in get_args(annotation) if arg is not type(None) for t in _unwrap(arg)]
    return [annotation]


def model_at(root: type[BaseModel], loc: Iterable[Any]) -> type[BaseModel] | None:
    """The model reached by walking `loc` (field names or aliases, list indexes, mapping keys) from root."""
    current: list[Any] = [root]
    for part in loc:
        following: list[Any] = []
        for annotation in current:
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                field = annotation.model_fields.get(str(part)) or next(
                    (f for f in annotation.model_fields.values() if f.alias == part), None)
                if field is not None:
                    following.extend(_unwrap(field.annotation))
            elif get_origin(annotation) in (list, tuple, dict):
                following.extend(_unwrap(get_args(annotation)[-1]))  # an item or a mapping's value
        current = following
    return next((a for a in current if isinstance(a, type) and issubclass(a, BaseModel)), None)


def fields_at(root: type[BaseModel], loc: Iterable[Any]) -> list[str]:
    """The keys (YAML spelling) valid in the mapping at `loc`."""
    model = model_at(root, loc)
    return [f.alias or name for name, f in model.model_fields.items()] if model else []


def problems_from(
    exc: ValidationError,
    data: Any,
    locations: Locations,
    to_yaml: Callable[[PathKey], PathKey] | None = None,
    allowed_keys: Callable[[PathKey], Iterable[str]] | None = None,
    *,
    root: type[BaseModel] | None = None,
) -> list[Problem]:
    """Problems for every error of `exc` (raised validating `data`, read from `locations`' file).
    `to_yaml(loc)` maps a data loc to the YAML path (default: the same); the valid names at a level, for
    suggestions, come from `allowed_keys(parent_loc)` or else from walking the `root` model."""
    if to_yaml is None:
        to_yaml = tuple
    if allowed_keys is None:
        allowed_keys = (lambda parent: fields_at(root, parent)) if root is not None else (lambda parent: [])
    found: dict[PathKey, Problem] = {}
    misspelt: set[tuple[PathKey, str]] = set()  # (mapping, the key an unknown key was taken for)
    missing: dict[PathKey, tuple[PathKey, str]] = {}
    # union branches that do not fit the value, by place: (branch tags, the value)
    unfit: dict[PathKey, tuple[list[str], Any]] = {}
    for err in exc.errors(include_url=False):
        loc, branch, value = _walk(data, err["loc"])
        kind = err["type"]
        key = next((p for p in reversed(loc) if isinstance(p, str)), None)
        yaml_loc = to_yaml(tuple(loc))
        if branch is not None:
            unfit.setdefault(yaml_loc, ([], value))[0].append(branch)
            continue
        if kind == "extra_forbidden":
            name = str(loc[-1])
            meant = nearest(name, list(allowed_keys(tuple(loc[:-1]))))
            message = f'unknown key "{name}"' + (f' (did you mean "{meant}"?)' if meant else "")
            problem = locations.problem(yaml_loc, message, key=True)
            if meant:
                misspelt.add((tuple(yaml_loc[:-1]), meant))
        elif kind == "missing":
            problem = locations.problem(yaml_loc[:-1], f'missing required key "{loc[-1]}"')
            missing[(*yaml_loc, kind)] = (tuple(yaml_loc[:-1]), str(loc[-1]))
        elif kind in _TYPE_WORDS:
            what = f"{key}: " if key else ""
            problem = locations.problem(
                yaml_loc, f"{what}expected {_TYPE_WORDS[kind]}, got {_shown(err.get('input'))}"
            )
        elif kind == "literal_error":
            expected = err.get("ctx", {}).get("expected", "")
            given = err.get("input")
            hint = suggest(str(given), [e.strip(" '") for e in expected.replace(" or ", ",").split(",")])
            problem = locations.problem(
                yaml_loc, f"{key}: expected {expected}, got {_shown(given)}{hint}"
            )
        elif kind in ("value_error", "assertion_error"):
            message = str(err.get("ctx", {}).get("error") or err["msg"]).removeprefix("Value error, ")
            problem = locations.problem(yaml_loc, message)
        elif kind == "too_short" and key:
            problem = locations.problem(yaml_loc, f"{key}: needs at least one item")
        else:
            what = f"{key}: " if key else ""
            problem = locations.problem(yaml_loc, f"{what}{err['msg'][:1].lower()}{err['msg'][1:]}")
        found.setdefault((*yaml_loc, kind), problem)
    # a place where no branch fits the value, and no branch got further (a deeper problem says more)
    deeper = [place[:-1] for place in found] + list(unfit)
    for place, (tags, value) in unfit.items():
        if any(len(other) > len(place) and other[: len(place)] == place for other in deeper):
            continue
        if any(other[:-1] == place for other in found):
            continue
        key = next((p for p in reversed(place) if isinstance(p, str)), "value")
        problem = locations.problem(place, f"{key}: expected {_alternatives(tags)}, got {_shown(value)}")
        found[(*place, "union")] = problem
    for place, wanted in missing.items():  # "unknown txt (did you mean text?)" says it all
        if wanted in misspelt:
            found.pop(place, None)
    return list(found.values())


def problems_without_input(exc: ValidationError, path: str, root: type[BaseModel]) -> list[Problem]:
    """The same problems for a value that came from no file (a capability): all at `path`:1:1."""
    return problems_from(exc, _NO_DATA, Locations(path), root=root)
