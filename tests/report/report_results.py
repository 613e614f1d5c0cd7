"""The results the report tests look at: real allure-results of one project of two scenarios (one passes,
one fails waiting for an element), and what their report must show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.helpers import run_pytest


@dataclass(frozen=True)
class ScenarioResults:
    """A results directory and what its report must show."""

    results_dir: Path
    passed: str  # title of the passing scenario
    failed: str  # title of the failing scenario
    failed_steps: tuple[str, ...]  # step titles the failing scenario shows
    screenshot: str  # name of the PNG attachment of the failing scenario
    failure_message: str  # a part of the failure message
    environment: dict[str, str] = field(default_factory=dict)  # what environment.properties says


def read_properties(path: Path) -> dict[str, str]:
    """environment.properties as Allure reads it (Java properties escapes)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(("#", "!")):
            continue
        match = re.match(r"((?:\\.|[^=:\\])*)[=:](.*)", line)
        if match:
            out[_unescape(match.group(1))] = _unescape(match.group(2))
    return out


def _unescape(text: str) -> str:
    return re.sub(r"\\u([0-9a-fA-F]{4})|\\(.)",
                  lambda m: chr(int(m.group(1), 16)) if m.group(1) else {"t": "\t", "n": "\n"}.get(
                      m.group(2), m.group(2)), text)


def run_two_scenarios(folder: Path, run_dir: Path, *devices: str) -> ScenarioResults:
    run_dir.mkdir()
    args = [str(folder)]
    for device in devices:
        args += ["--device", device]
    run = run_pytest(args, run_dir)
    assert run.code == 1, f"expected failures:\n{run.output[-3000:]}"
    return ScenarioResults(
        results_dir=run.results_dir,
        passed="Open the account page",
        failed="Sign out of all devices",
        failed_steps=("Tap tab_bar.my_netflix (accessibility id)",
                      "Assert visible 'Log out' (-android uiautomator)"),
        screenshot="screenshot on failure",
        failure_message="no element matched 'Log out' within 1s",
        environment=read_properties(run.results_dir / "environment.properties"),
    )
