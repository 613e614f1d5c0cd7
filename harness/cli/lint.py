"""`harness lint [PATHS...]`: every problem of scenario, flow, screen-map, device-profile, app-model and
site-model files as `path:line:col: message`. Each file is checked against the model of its kind
(harness.kinds)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from harness.drivers import PLATFORMS
from harness.errors import HarnessError, InvalidInputError, Problem
from harness.kinds import FileKind, classify, yaml_files
from harness.scenario.checks import duplicate_names
from harness.scenario.loader import LoadCache, load_flow, load_scenario, load_screen_map
from harness.scenario.model import Scenario

SOURCE = re.compile(r"^(.+?):(\d+):(\d+): (.*)$", re.S)


def register(sub: Any) -> None:
    lint = sub.add_parser("lint", help="check scenario, flow, screen-map, device-profile and app-model files")
    lint.add_argument("paths", nargs="*", default=["scenarios"], help="files or folders (default: scenarios)")
    lint.add_argument("--platform", choices=PLATFORMS, action="append",
                      help="translate scenarios for this platform only (repeatable; default: each "
                           "scenario's own: android and ios for an app, web for a page)")
    lint.add_argument("--device", help="translate scenarios with this device profile (its platform and apps)")
    lint.add_argument("-q", "--quiet", action="store_true", help="print problems only, no summary")
    lint.set_defaults(func=run_lint)


def check_profile(path: Path) -> list[Problem]:
    from harness.devices.profiles import load_profile

    try:
        load_profile(path)
    except InvalidInputError as exc:
        return exc.problems
    return []


def check_app_model(path: Path) -> list[Problem]:
    from harness.sim.loader import load_app_model

    try:
        load_app_model(path)
    except InvalidInputError as exc:
        return exc.problems
    return []


def check_site_model(path: Path) -> list[Problem]:
    from harness.sim.site.model import load_site

    try:
        load_site(path)
    except InvalidInputError as exc:
        return exc.problems
    return []


def check_file(path: Path, kind: FileKind | None, cache: LoadCache) -> list[Problem]:
    """The problems of one file that is not a scenario (scenarios are also translated: see lint_paths)."""
    if kind == "device_profile":
        return check_profile(path)
    if kind == "site_model":
        return check_site_model(path)
    if kind == "app_model":
        return check_app_model(path)
    if kind == "screen_map":
        loaded = load_screen_map(path.resolve())
        cache.screens.setdefault(path.resolve(), loaded)
        return loaded if isinstance(loaded, list) else []
    loaded_flow = load_flow(path.resolve(), cache, (), None)
    return loaded_flow if isinstance(loaded_flow, list) else []


def lint_paths(
    paths: list[str], platforms: list[str] | None = None, device: str | None = None
) -> tuple[int, list[Problem]]:
    """(files checked, every problem): each file against its kind's model; scenarios are also
    translated for each platform (both, the ones given, or the device profile's)."""
    from harness.translate.context import TranslateError
    from harness.translate.plan import Check, build_plan

    contexts = lint_contexts(platforms, device)
    # flows and screen maps are read from inside the project, or from under a path given here
    given = [Path(p) for p in paths]
    cache = LoadCache(roots=tuple((p if p.is_dir() else p.parent).resolve() for p in given))
    check = Check()  # shared: flows are translated once per platform, app and screen map
    problems: list[Problem] = []
    scenarios: list[Scenario] = []  # every scenario linted: their names must differ
    count = 0
    for path in yaml_files(paths):
        count += 1
        kind = classify(path)
        if kind not in (None, "scenario"):
            problems.extend(check_file(path, kind, cache))
            continue
        try:  # loaded once: validated here, then translated per platform
            scenario = load_scenario(path, cache)
        except InvalidInputError as exc:
            problems.extend(exc.problems)
            continue
        scenarios.append(scenario)
        for platform, make_context in contexts:
            if platform not in scenario.file.platforms:
                continue  # a web scenario is not translated for an app's platform, nor the other way
            check.errors.clear()
            try:
                build_plan(scenario, make_context(scenario.file.app), check=check)
            except TranslateError as exc:  # not located at a step (none today)
                check.errors.append(exc)
            for error in check.errors:
                problems.append(_located(error, path, platform, len(scenario.file.platforms) > 1))
    problems.extend(problem for _, problem in duplicate_names(scenarios))
    return count, sorted(set(problems))


def lint_contexts(platforms: list[str] | None, device: str | None) -> list[tuple[str, Any]]:
    """(platform, app -> TranslateContext) for each platform lint translates scenarios for."""
    from harness.translate.context import default_context

    if device:
        from harness.devices.profiles import load_profile
        from harness.devices.translation import translate_context

        profile = load_profile(device)
        if platforms and profile.platform not in platforms:
            raise HarnessError(f"device profile {profile.name!r} is {profile.platform}, not {platforms[0]}")
        return [(profile.platform, lambda app: translate_context(profile, app))]
    return [(p, lambda app, p=p: default_context(p, app)) for p in (platforms or PLATFORMS)]


def _located(error: Exception, path: Path, platform: str, others: bool = True) -> Problem:
    """A translation error as a problem; an element for the other platform only is a warning (`others`:
    the scenario runs on another platform too; a web scenario has none, so there it is an error)."""
    from harness.translate.context import PlatformGapError

    # "path:line:col: message", and the message may hold ": " itself
    located = SOURCE.match(str(error))
    if located:
        where, line, col, message = located[1], int(located[2]), int(located[3]), located[4]
    else:
        where, line, col, message = str(path), 1, 1, str(error)
    gap = isinstance(error, PlatformGapError) and others
    return Problem(where, line, col, f"{message} (on {platform})", warning=gap)


def run_lint(args: argparse.Namespace) -> int:
    try:
        count, problems = lint_paths(args.paths, args.platform, args.device)
    except (HarnessError, InvalidInputError) as exc:
        print(f"harness lint: {exc}", file=sys.stderr)
        return 1
    for problem in problems:
        print(problem)
    errors = [p for p in problems if not p.warning]
    warnings = len(problems) - len(errors)
    if not args.quiet:
        files = len({p.path for p in errors})
        summary = f"{count} files checked, {len(errors)} problems in {files} files" if errors else (
            f"{count} files checked, all valid")
        if warnings:
            summary += f", {warnings} warning{'s' if warnings > 1 else ''}"
        print(summary, file=sys.stderr)
    return 1 if errors or count == 0 else 0
