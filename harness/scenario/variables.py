"""`${VAR}` interpolation and secrets.

Scenario `env:` values read the process environment: `${NAME}`, `${NAME:-default}`, and
`${NAME:secret}` (a value that is masked everywhere: plans, logs, step titles, attachments).
Step texts then use the scenario's variables (and a flow's params) as `${NAME}`; `$$` is a literal `$`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*)|:(secret))?\}")
MASK = "***"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Value:
    text: str
    secret: bool = False


class UndefinedVariable(KeyError):
    def __init__(self, name: str):
        super().__init__(name)
        self.name = name


def references(text: str) -> Iterator[tuple[str, str | None, bool]]:
    """(name, default, secret) for each `${...}` in text."""
    for match in REFERENCE.finditer(text):
        if match.group(0) != "$$":
            yield match.group(1), match.group(2), match.group(3) is not None


def malformed(text: str) -> list[str]:
    """`${...}` pieces that are not a reference (`${NAME`, `${1X}`, `${A B}`): they would stay literal."""
    return _MALFORMED.findall(REFERENCE.sub("", text))


_MALFORMED = re.compile(r"\$\{[^}]*\}?")


def env_value(text: str, environ: Mapping[str, str], fallback: Mapping[str, str] | None = None) -> Value:
    """Resolve an `env:` entry against the process environment (then `fallback`, then the default)."""
    secret = False

    def replace(match: re.Match[str]) -> str:
        nonlocal secret
        if match.group(0) == "$$":
            return "$"
        name, default, is_secret = match.group(1), match.group(2), match.group(3)
        secret = secret or bool(is_secret)
        # as in the shell (and device profiles): `${NAME:-default}` also replaces a set but empty NAME
        if name in environ and (environ[name] != "" or default is None):
            return environ[name]
        if fallback and name in fallback and (fallback[name] != "" or default is None):
            return fallback[name]
        if default is not None:
            return default
        raise UndefinedVariable(name)

    return Value(REFERENCE.sub(replace, text), secret)


def substitute(text: str, variables: Mapping[str, Value]) -> Value:
    """Replace `${NAME}` in a step text with the scenario's variables; the result is secret if any part is."""
    if "$" not in text:
        return Value(text)
    secret = False

    def replace(match: re.Match[str]) -> str:
        nonlocal secret
        if match.group(0) == "$$":
            return "$"
        name = match.group(1)
        if name not in variables:
            raise UndefinedVariable(name)
        value = variables[name]
        secret = secret or value.secret
        return value.text

    return Value(REFERENCE.sub(replace, text), secret)


def mask(text: str, secrets: set[str] | frozenset[str]) -> str:
    """Replace every secret value in free text (messages, titles, attachments) with ***."""
    for value in sorted(secrets, key=len, reverse=True):
        if value:
            text = text.replace(value, MASK)
    return text


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
                raise
            secret = any(is_secret for _, _, is_secret in references(text))
            out[name] = Value(f"${{{exc.name}}}", secret)
    return out


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
