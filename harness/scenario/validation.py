"""Turn pydantic validation errors into `path:line:col: message` problems a person can act on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from harness.errors import Problem, suggest
from harness.yamlio import Locations, PathKey

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


def problems_from(
    exc: ValidationError,
    data: Any,
    locations: Locations,
    to_yaml: Any,
    allowed_keys: Any,
) -> list[Problem]:
    """Problems for every error; `to_yaml(loc)` maps a data loc to the YAML path,
    `allowed_keys(parent_loc)` lists the valid names at that level (for suggestions)."""
    found: dict[PathKey, Problem] = {}
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
            message = f'unknown key "{name}"{suggest(name, allowed_keys(tuple(loc[:-1])))}'
            problem = locations.problem(yaml_loc, message, key=True)
        elif kind == "missing":
            problem = locations.problem(yaml_loc[:-1], f'missing required key "{loc[-1]}"')
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
            message = str(err.get("ctx", {}).get("error") or err["msg"])
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
    return list(found.values())
