"""How a step is written in YAML and documented: a kind's arguments, its shorthand value, its docs line
and the README's step table, all read from the registry (harness/scenario/steps.py)."""

from __future__ import annotations

import difflib
from functools import cache
from typing import Any

from harness.scenario.selectors import SELECTOR_KEYS
from harness.scenario.steps import COMMON_OPTIONS, REGISTRY, Step


def arguments_of(cls: type[Step]) -> list[str]:
    """The kind's own argument names (YAML spelling), without the common options."""
    return list(_arguments_of(cls))


@cache
def _arguments_of(cls: type[Step]) -> tuple[str, ...]:
    return tuple(
        field.alias or name for name, field in cls.model_fields.items()
        if name not in COMMON_OPTIONS and name != "source"
    )


def doc_line(cls: type[Step]) -> str:
    """The kind's one-line description: the first line of its docstring."""
    return (cls.__doc__ or "").strip().splitlines()[0]


def docs_lines() -> list[str]:
    """One line per step kind, for `harness lint --help`."""
    return [f"{kind}: {doc_line(cls)}" for kind, cls in REGISTRY.items()]


def docs_table() -> str:
    """The README's step table, generated from the registry (a test keeps the README in sync)."""
    rows = ["| step | arguments | what it does | in a browser (web scenarios) |", "|---|---|---|---|"]
    for kind, cls in REGISTRY.items():
        args = arguments_of(cls)
        shown = ", ".join(f"`{a}`" if a != cls.primary else f"`{a}` (shorthand)" for a in args) or "none"
        rows.append(f"| `{kind}` | {shown} | {doc_line(cls)} | {cls.in_browser} |")
    return "\n".join(rows) + "\n"


def _is_selector_mapping(cls: type[Step], value: dict[str, Any]) -> bool:
    """`tap: {text: Help}` is the element itself; so is `{txt: Help}` (its key is nearer a selector key
    than any argument of the step), which then gets one message: the misspelt key."""
    own = set(arguments_of(cls)) | set(COMMON_OPTIONS)
    if set(value) & own:
        return False
    if set(value) & SELECTOR_KEYS:
        return True
    names = sorted(own | SELECTOR_KEYS)
    nearest = [difflib.get_close_matches(str(key), names, n=1, cutoff=0.6) for key in value]
    return any(match and match[0] in SELECTOR_KEYS for match in nearest)


def expand_value(cls: type[Step], value: Any) -> tuple[dict[str, Any], bool]:
    """The kind's value as an arguments mapping; True when it was a shorthand wrapped in `primary`."""
    if value is None:
        return {}, False
    if isinstance(value, dict):
        if cls.primary_is_selector and cls.primary and _is_selector_mapping(cls, value):
            return {cls.primary: value}, True
        return dict(value), False
    if cls.primary is None:
        return {"__value__": value}, False
    return {cls.primary: value}, True
