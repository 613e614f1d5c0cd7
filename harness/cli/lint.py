"""`harness lint [PATHS...]`: every problem of scenario, flow and screen-map files as `path:line:col`."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from harness.errors import InvalidInputError, Problem
from harness.scenario.loader import (
    LoadCache,
    check_file,
    file_kind,
    load_scenario,
    load_screen_map,
    sniffed_kind,
)

YAML_SUFFIXES = {".yaml", ".yml"}
SKIPPED_DIRS = {"node_modules", "venv", "__pycache__", "allure-results", "allure-report"}  # and .hidden
SOURCE = re.compile(r"^(.+?):(\d+):(\d+): (.*)$", re.S)


def register(sub: Any) -> None:
    lint = sub.add_parser("lint", help="check scenario, flow and screen-map files")
    lint.add_argument("paths", nargs="*", default=["scenarios"], help="files or folders (default: scenarios)")
    lint.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")
    lint.set_defaults(func=run_lint)


def yaml_files(paths: list[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.suffix in YAML_SUFFIXES and not SKIPPED_DIRS & set(p.relative_to(path).parts[:-1])
                and not any(part.startswith(".") for part in p.relative_to(path).parts[:-1]) and p.is_file()
            )
        else:
            yield path


def lint_paths(paths: list[str]) -> tuple[int, list[Problem]]:
    """(files checked, every problem): loads each file and translates scenarios for both platforms."""
    from harness.translate.context import TranslateError, default_context
    from harness.translate.plan import Check, build_plan

    cache = LoadCache()
    check = Check()  # shared: flows are translated once per platform, app and screen map
    problems: list[Problem] = []
    count = 0
    for path in yaml_files(paths):
        count += 1
        if not path.exists():
            problems.append(Problem(str(path), 1, 1, "file not found"))
            continue
        if file_kind(path) != "scenario":
            problems.extend(check_file(path, cache))
            continue
        try:  # loaded once: validated here, then translated for both platforms
            scenario = load_scenario(path, cache)
        except InvalidInputError as exc:
            if sniffed_kind(path) == "screens":  # a screen map outside a screens/ folder
                loaded = load_screen_map(path.resolve())
                problems.extend(loaded if isinstance(loaded, list) else [])
            else:
                problems.extend(exc.problems)
            continue
        for platform in ("android", "ios"):
            check.errors.clear()
            try:
                build_plan(scenario, default_context(platform, scenario.file.app), check=check)
            except TranslateError as exc:  # not located at a step (none today)
                check.errors.append(exc)
            for error in check.errors:
                # "path:line:col: message", and the message may hold ": " itself
                located = SOURCE.match(str(error))
                if located:
                    where, line, col, message = located[1], int(located[2]), int(located[3]), located[4]
                else:
                    where, line, col, message = str(path), 1, 1, str(error)
                problems.append(Problem(where, line, col, f"{message} (on {platform})"))
    return count, sorted(set(problems))


def run_lint(args: argparse.Namespace) -> int:
    count, problems = lint_paths(args.paths)
    for problem in problems:
        print(problem)
    if not args.quiet:
        files = len({p.path for p in problems})
        summary = f"{count} files checked, {len(problems)} problems in {files} files" if problems else (
            f"{count} files checked, all valid")
        print(summary, file=sys.stderr)
    return 1 if problems or count == 0 else 0
