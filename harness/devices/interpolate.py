"""`${VAR}` / `${VAR:-default}` in device profiles: what differs per machine comes from the environment.

Profiles are read once per run, so interpolation happens at load time, before validation. A value that is
exactly one unquoted reference takes the type its text reads as (`${PORT:-8200}` is the number 8200,
`${APK:-}` is null), so numbers and booleans can come from the environment too; quote it to keep text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from harness.errors import Problem
from harness.yamlio import Locations

REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\}")
_BAD_REFERENCE = re.compile(r"\$\{(?![A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\})[^}]*\}?")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")


def interpolate(data: Any, locations: Locations, environ: Mapping[str, str]) -> tuple[Any, list[Problem]]:
    """Return `data` with every string value interpolated, and the problems found (undefined variables)."""
    problems: list[Problem] = []
    result = _walk(data, (), locations, environ, problems)
    return result, problems


def _walk(
    value: Any,
    loc: tuple[Any, ...],
    locations: Locations,
    environ: Mapping[str, str],
    problems: list[Problem],
) -> Any:
    if isinstance(value, dict):
        return {key: _walk(item, (*loc, key), locations, environ, problems) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, (*loc, index), locations, environ, problems) for index, item in enumerate(value)]
    if isinstance(value, str) and "$" in value:
        return _string(value, loc, locations, environ, problems)
    return value


def _string(
    text: str, loc: tuple[Any, ...], locations: Locations, environ: Mapping[str, str], problems: list[Problem]
) -> Any:
    quoted = loc in locations.quoted
    line, col = locations.of(loc)
    shift = 1 if quoted else 0

    def where(offset: int) -> tuple[int, int]:
        return line, col + shift + offset if "\n" not in text[:offset] else col

    for bad in _BAD_REFERENCE.finditer(text):
        at_line, at_col = where(bad.start())
        problems.append(
            Problem(
                locations.path,
                at_line,
                at_col,
                f'malformed reference "{bad.group(0)}": '
                "write ${NAME} or ${NAME:-default} ($$ for a literal $)",
            )
        )

    def replace(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, default = match.group(1), match.group(3)
        if name in environ and (environ[name] != "" or default is None):
            return environ[name]
        if default is not None:
            return default
        at_line, at_col = where(match.start())
        problems.append(
            Problem(
                locations.path,
                at_line,
                at_col,
                f"environment variable {name} is not set and ${{{name}}} has no default: "
                f"export {name}=... or write ${{{name}:-default}}",
            )
        )
        return ""

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
    if _INT.match(stripped):
        return int(stripped)
    if _FLOAT.match(stripped):
        return float(stripped)
    return text
