"""Fixtures of the report tests (tier 4): real allure-results, the real Allure 3 CLI, headless Chromium.

`allure_results_two_scenarios` is the one producer of results: a real run of two scenarios on the
simulated Android device through pytest, the harness plugin and allure-pytest (one passes; the other
fails waiting for an element, with steps and a screenshot on failure).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.report.report_browser import Browser, Page, find_chromium

REPO = Path(__file__).resolve().parents[2]


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


@pytest.fixture(scope="session")
def allure_results_two_scenarios(tmp_path_factory: pytest.TempPathFactory) -> ScenarioResults:
    """allure-results of a real simulated-device run: one passing and one failing scenario
    (read-only: tests copy it to change it)."""
    from tests.runner.conftest import run_pytest, write_scenario

    project = tmp_path_factory.mktemp("two-scenarios")
    folder = project / "scenarios"
    write_scenario(folder, "Open the account page",
                   "  - tap: tab_bar.my_netflix\n  - tap: my_netflix.menu\n"
                   "  - tap: menu.account\n  - assert_visible: account.title\n")
    write_scenario(folder, "Sign out of all devices",
                   "  - tap: tab_bar.my_netflix\n  - tap: my_netflix.menu\n  - tap: menu.account\n"
                   "  - assert_visible: {text: Log out}\n    timeout: 1\n")
    run = run_pytest([str(folder), "--device", "sim-android"], project)
    assert run.code == 1, f"expected one failure:\n{run.output[-3000:]}"
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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole session (about a second to start)."""
    executable = find_chromium()
    if executable is None:
        pytest.fail(
            "headless Chromium is needed to check the report as a person sees it: install Debian's "
            "`chromium` package (`make system-deps`) or set HARNESS_CHROMIUM to a Chromium binary",
            pytrace=False,
        )
    instance = Browser(executable)
    yield instance
    instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.new_page()
    yield tab
    tab.close()
