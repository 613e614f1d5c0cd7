"""`harness run [PATHS] --device ... [-n N] [--alluredir DIR]`: pytest with the harness's defaults."""

from __future__ import annotations

import argparse
import sys
import time
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
    parser.add_argument("--screenshots", choices=["on-failure", "each-step", "never"],
                        help="screenshots in the report (default on-failure: on the failing step)")
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
    if args.screenshots:
        out += ["--screenshots", args.screenshots]
    if not args.keep_results:  # cleaned by the plugin once scenarios are collected, never before
        out.append("--harness-clean-alluredir")
    return [*out, "-o", "testpaths=", *args.pytest_args]


def run(args: argparse.Namespace) -> int:
    from harness.pytest_plugin.interrupts import interrupted

    started = time.monotonic()
    code = int(pytest.main(pytest_arguments(args)))
    how = interrupted()
    if how:
        print(f"harness run: interrupted ({how}); the results hold the scenarios that ran, the "
              "interrupted one as broken", file=sys.stderr)
    if code in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED) or how:
        print(f"Allure results: {args.alluredir}  ({time.monotonic() - started:.1f}s); "
              f"make a report with: harness report --results {args.alluredir}", file=sys.stderr)
    return code
