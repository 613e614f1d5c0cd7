"""Errors a person can act on: every problem carries `path:line:col`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one input file, 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    warning: bool = False  # worth saying, but the file is usable (lint exits 0 for warnings only)

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        return f"{self.path}:{self.line}:{self.column}: {kind}{self.message}"


class HarnessError(Exception):
    """Base class: an error the harness explains itself (never shown with a traceback)."""


class InvalidInputError(HarnessError):
    """A file (scenario, flow, screen map, device profile, app model) has one or more problems."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def nearest(name: str, valid: Iterable[str]) -> str | None:
    """The valid name closest to `name`, if one is close enough to be what was meant."""
    import difflib

    match = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return match[0] if match else None


def suggest(name: str, valid: Iterable[str]) -> str:
    """' (did you mean "x"?)' for the nearest valid name, or ''."""
    match = nearest(name, valid)
    return f' (did you mean "{match}"?)' if match else ""
