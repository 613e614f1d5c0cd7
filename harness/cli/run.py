"""`harness run [PATHS] --device ... [-n N] [--alluredir DIR]`: pytest with the harness's defaults."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from harness.runner.limits import DEFAULT_SCENARIO_TIMEOUT, positive_seconds


def register(sub: Any) -> None:
    parser = sub.add_parser("run", help="run scenarios as pytest tests (Allure results included)")
    parser.add_argument("paths", nargs="*", default=["scenarios"], help="scenario files or folders")
    parser.add_argument("--device", action="append", default=[], metavar="PROFILE",
                        help="device profile (repeatable); default: sim-android")
    parser.add_argument("-n", "--workers", default=None,
                        help="parallel workers (pytest-xdist), e.g. 2 or auto")
    parser.add_argument("--alluredir", default="allure-results", help="Allure results folder")
    parser.add_argument("--keep-results", action="store_true",
                        help="add to the results folder instead of starting it clean")
    parser.add_argument("-k", dest="keyword", help="only scenarios matching this expression")
    parser.add_argument("-m", dest="markexpr", help="only scenarios with these tags")
    parser.add_argument("--step-timeout", type=positive_seconds, help="default seconds a step waits")
    parser.add_argument("--scenario-timeout", type=positive_seconds,
                        help=f"time limit of a scenario whose header gives none (default "
                             f"{DEFAULT_SCENARIO_TIMEOUT:g} s)")
    parser.add_argument("--appium-url", help="use this running Appium server")
    parser.add_argument("--record-video", action="store_true",
                        help="record each scenario's screen where the driver can (UiAutomator2, XCUITest)")
    parser.set_defaults(func=run, pytest_args=[])  # arguments after `--` go to pytest as they are


def pytest_arguments(args: argparse.Namespace) -> list[str]:
    out = list(args.paths)
    for device in args.device or ["sim-android"]:
        out += ["--device", device]
    out += ["--alluredir", args.alluredir, "-p", "harness.pytest_plugin.progress", "-v", "--no-header",
            "-rfE"]
    if args.workers:
        out += ["-n", str(args.workers)]
    if args.keyword:
        out += ["-k", args.keyword]
    if args.markexpr:
        out += ["-m", args.markexpr]
    if args.step_timeout:
        out += ["--step-timeout", str(args.step_timeout)]
    if args.scenario_timeout:
        out += ["--scenario-timeout", str(args.scenario_timeout)]
    if args.appium_url:
        out += ["--appium-url", args.appium_url]
    if args.record_video:
        out.append("--record-video")
    return [*out, "-o", "testpaths=", "-p", "no:cacheprovider", *args.pytest_args]


UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# what allure-commons and the harness's run files write, by name (a content check follows where it can)
ALLURE_NAMES = re.compile(
    rf"(?:{UUID}-(?:result\.json|container\.json|attachment(?:\.[\w-]+)?)"
    r"|environment\.properties|categories\.json|executor\.json"
    r"|\.harness-run-[0-9a-f]+|\.(?:environment\.properties|categories\.json|executor\.json)\.\d+\.[0-9a-f]{8})"
    r"(?:\.tmp)?"
)


def is_allure_file(path: Path) -> bool:
    """Allure's own by name and by content: a user's `my-result.json` or `notes.tmp` is not."""
    if not path.is_file() or path.is_symlink() or not ALLURE_NAMES.fullmatch(path.name):
        return False
    name = path.name.removesuffix(".tmp")
    if path.name.endswith(".tmp") or "-attachment" in name:
        return True  # half-written files and attachments: any content, the name says it all
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if name == "environment.properties":
        return all("=" in line or not line.strip() or line.lstrip().startswith(("#", "!"))
                   for line in text.splitlines())
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if name.endswith(("-result.json", "-container.json")):
        return isinstance(data, dict) and "uuid" in data
    if name == "categories.json":
        return isinstance(data, list) and all(isinstance(c, dict) and "name" in c for c in data)
    return isinstance(data, dict) and bool({"name", "type", "buildName"} & set(data))  # executor.json


def clean_results(folder: Path) -> tuple[int, int]:
    """Start with no Allure results from an earlier run (done once here, not by every xdist worker).
    Only Allure's own files go; anything else stays. Returns (removed, kept)."""
    if not folder.is_dir():
        return 0, 0
    removed = kept = 0
    for path in folder.iterdir():
        if is_allure_file(path):
            path.unlink()
            removed += 1
        elif path.is_file():
            kept += 1
    return removed, kept


def run(args: argparse.Namespace) -> int:
    from harness.pytest_plugin.interrupts import interrupted

    started = time.monotonic()
    if not args.keep_results:
        _, kept = clean_results(Path(args.alluredir))
        if kept:
            print(f"{args.alluredir}: left {kept} file{'s' * (kept != 1)} that are not Allure's own",
                  file=sys.stderr)
    code = int(pytest.main(pytest_arguments(args)))
    how = interrupted()
    if how:
        print(f"harness run: interrupted ({how}); the results hold the scenarios that ran, the "
              "interrupted one as broken", file=sys.stderr)
    print(f"Allure results: {args.alluredir}  ({time.monotonic() - started:.1f}s); "
          f"make a report with: harness report --results {args.alluredir}", file=sys.stderr)
    return code
