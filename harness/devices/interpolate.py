"""`${VAR}` in device profiles: what differs per machine comes from the environment.

The grammar is harness/variables.py (the same as scenarios'): `${NAME}`, `${NAME:-default}`,
`${NAME:secret}` (the value is secret: the loader collects it in `DeviceProfile.secret_values`), `$$`.
Profiles are read once per run, so interpolation happens at load time, before validation. A value that is
exactly one unquoted reference takes the type its text reads as (`${PORT:-8200}` is the number 8200,
`${APK:-}` is null), so numbers and booleans can come from the environment too; quote it to keep text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from harness.errors import Problem
from harness.variables import REFERENCE, UndefinedVariable, lookup, malformed_message, malformed_spans
from harness.yamlio import Locations, PathKey

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")


@dataclass
class Interpolated:
    """A profile's data after interpolation, with what was found on the way."""

    data: Any
    problems: list[Problem] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)  # values of ${NAME:secret} references
    unresolved: set[PathKey] = field(default_factory=set)  # values holding an unset variable


def interpolate(data: Any, locations: Locations, environ: Mapping[str, str]) -> Interpolated:
    """`data` with every string value interpolated; undefined variables and malformed references are
    problems at the line and column of the reference."""
    out = Interpolated(None)
    out.data = _walk(data, (), locations, environ, out)
    return out


def _walk(
    value: Any, loc: PathKey, locations: Locations, environ: Mapping[str, str], out: Interpolated
) -> Any:
    if isinstance(value, dict):
        return {key: _walk(item, (*loc, key), locations, environ, out) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, (*loc, index), locations, environ, out) for index, item in enumerate(value)]
    if isinstance(value, str) and "$" in value:
        return _string(value, loc, locations, environ, out)
    return value


def _string(
    text: str, loc: PathKey, locations: Locations, environ: Mapping[str, str], out: Interpolated
) -> Any:
    quoted = loc in locations.quoted
    line, col = locations.of(loc)
    shift = 1 if quoted else 0

    def problem(offset: int, message: str) -> None:
        at_col = col + shift + offset if "\n" not in text[:offset] else col
        out.problems.append(Problem(locations.path, line, at_col, message))

    for offset, piece in malformed_spans(text):
        problem(offset, malformed_message(piece))

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, default, secret = match.group(1), match.group(2), match.group(3) is not None
        try:
            value = lookup(name, default, environ)
        except UndefinedVariable:
            problem(match.start(), f"environment variable {name} is not set and ${{{name}}} has no default: "
                                   f"export {name}=... or write ${{{name}:-default}}")
            out.unresolved.add(loc)
            return ""
        if secret and value:
            out.secrets.add(value)
        return value

    result = REFERENCE.sub(replace, text)
    whole = REFERENCE.fullmatch(text)
    if whole and whole.group(0) != "$$" and not quoted:
        return _typed(result)
    return result


def _typed(text: str) -> Any:
    """Read an unquoted substituted value the way YAML would read a plain scalar (YAML 1.2 core types)."""
    stripped = text.strip()
    if stripped in ("", "~", "null"):
        return None
    if stripped in ("true", "false"):
        return stripped == "true"
    if _INT.match(stripped) and len(stripped) <= 18:
        return int(stripped)
    if _FLOAT.match(stripped):
        return float(stripped)
    return text
