"""Paths in scenario files: how messages show them, and the project they must stay inside.

A run_flow or screens path is resolved (symlinks followed) and read only when it lies inside the project
of the file that names it (the nearest folder holding a pyproject.toml or harness.toml), the project of
the working directory, or a path given on the command line. Anything else — `/etc/shadow`, `../..` out
of the project, a symlink pointing out — is an error that names the path and reads nothing of it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


def display(path: Path) -> str:
    """Paths in messages: relative to the working directory when possible."""
    return _display(str(path), os.getcwd())


@lru_cache(maxsize=16384)
def _display(path: str, cwd: str) -> str:
    try:
        return str(resolved(Path(path)).relative_to(resolved(Path(cwd))))
    except ValueError:
        return path


def resolved(path: Path) -> Path:
    """`path.resolve()`, remembered: linting a thousand files resolves the same flows thousands of times."""
    return _resolved(str(path), os.getcwd() if not path.is_absolute() else "")


@lru_cache(maxsize=16384)
def _resolved(path: str, cwd: str) -> Path:
    return Path(path).resolve()


PROJECT_MARKERS = ("pyproject.toml", "harness.toml")


@lru_cache(maxsize=1024)
def project_of(folder: Path) -> Path:
    """The nearest folder at or above `folder` holding a pyproject.toml (or harness.toml), else `folder`."""
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).is_file() for marker in PROJECT_MARKERS):
            return candidate
    return folder


def outside_project(target: Path, referrer: Path, written: str, roots: tuple[Path, ...] = ()) -> str | None:
    """Why `target` (resolved from `written`) may not be read from `referrer`'s file, or None."""
    project = project_of(resolved(referrer).parent)
    allowed = {*roots, project, project_of(Path.cwd().resolve())}
    if any(target == root or root in target.parents for root in allowed):
        return None
    shown = display(target)
    where = f" resolves to {shown}," if shown != written else " is"
    return f"{written}{where} outside the project {project}: not read"
