"""Variables of scenarios and flows, and their substitution into every string field of a step.

Scenario `env:` values read the process environment: `${NAME}`, `${NAME:-default}`, and
`${NAME:secret}` (a value that is masked everywhere: plans, logs, step titles, attachments).
Step texts then use the scenario's variables (and a flow's params) as `${NAME}`; `$$` is a literal `$`.
The grammar itself is harness/variables.py, shared with device profiles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from harness.masking import MASK
from harness.variables import (
    REFERENCE,
    UndefinedVariable,
    Value,
    env_value,
    malformed,
    references,
    substitute,
)

__all__ = [
    "MASK",
    "REFERENCE",
    "UndefinedVariable",
    "Value",
    "env_value",
    "flow_variables",
    "has_references",
    "malformed",
    "references",
    "scenario_url",
    "scenario_variables",
    "secrets_masked",
    "substitute",
    "substitute_fields",
    "substitute_value",
]

M = TypeVar("M", bound=BaseModel)


def scenario_variables(
    env: Mapping[str, object],
    environ: Mapping[str, str],
    fallback: Mapping[str, str] | None = None,
    *,
    strict: bool = True,
) -> dict[str, Value]:
    """Values of a scenario's `env:` block; strict=False keeps `${NAME}` for what is not set (plans)."""
    out: dict[str, Value] = {}
    for name, raw in env.items():
        text = raw if isinstance(raw, str) else str(raw).lower() if isinstance(raw, bool) else str(raw)
        try:
            out[name] = env_value(text, environ, fallback)
        except UndefinedVariable as exc:
            if strict:
                raise UndefinedVariable(exc.name, entry=name) from None
            secret = any(is_secret for _, _, is_secret in references(text))
            out[name] = Value(f"${{{exc.name}}}", secret)
    return out


def scenario_url(
    url: str | None, environ: Mapping[str, str], fallback: Mapping[str, str] | None = None, *,
    strict: bool = True,
) -> Value | None:
    """A web scenario's `url:`, read as an `env:` value is (the environment, then the profile's defaults);
    strict=False keeps `${NAME}` for what is not set (plans, lint)."""
    if url is None:
        return None
    return scenario_variables({"url": url}, environ, fallback, strict=strict)["url"]


def secrets_masked(variables: Mapping[str, Value]) -> dict[str, Value]:
    """The variables with every secret value read *** (what a plan or a step title may show)."""
    return {name: Value(MASK, True) if value.secret else value for name, value in variables.items()}


def flow_variables(
    caller: Mapping[str, Value], defaults: Mapping[str, object], params: Mapping[str, object]
) -> dict[str, Value]:
    """A flow sees the caller's variables, its own defaults, then the params passed to it."""
    out = dict(caller)
    for name, default in defaults.items():
        if default is not None and name not in caller:
            out[name] = substitute(str(default), caller) if isinstance(default, str) else Value(str(default))
    for name, value in params.items():
        out[name] = substitute(value, caller) if isinstance(value, str) else Value(str(value))
    return out


# fields resolved by the loader, not substituted: where the step is, the flow file, nested steps
_NOT_SUBSTITUTED = frozenset(("source", "file", "steps"))


def has_references(model: BaseModel) -> bool:
    """Does any string field of `model` (nested models, lists and mappings included) hold a `$`?"""
    return any(_holds_dollar(getattr(model, name)) for name in type(model).model_fields
               if name not in _NOT_SUBSTITUTED)


def _holds_dollar(value: Any) -> bool:
    if isinstance(value, str):
        return "$" in value
    if isinstance(value, BaseModel):
        return has_references(value)
    if isinstance(value, list | tuple):
        return any(_holds_dollar(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_dollar(item) for item in value.values())
    return False


def substitute_fields(model: M, replace: Callable[[str], str]) -> M:
    """A copy of `model` with `replace` applied to every string field, nested selectors, per-platform
    blocks, conditions and mappings included (not the step's source, flow file or nested steps)."""
    update = {}
    for name in type(model).model_fields:
        if name in _NOT_SUBSTITUTED:
            continue
        value = getattr(model, name)
        new = substitute_value(value, replace)
        if new is not value:
            update[name] = new
    return model.model_copy(update=update) if update else model


def substitute_value(value: Any, replace: Callable[[str], str]) -> Any:
    """`value` (a string, model, list or mapping) with `replace` applied to its strings; the same object
    when nothing changed."""
    if isinstance(value, str):
        if "$" not in value:
            return value
        new = replace(value)
        return value if new == value else new
    if isinstance(value, BaseModel):
        return substitute_fields(value, replace)
    if isinstance(value, list):
        items = [substitute_value(item, replace) for item in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {key: substitute_value(item, replace) for key, item in value.items()}
        return value if all(pairs[k] is value[k] for k in value) else pairs
    return value
