"""Fixtures of the report tests (tier 4): real allure-results, the real Allure 3 CLI, headless Chromium.

`allure_results_two_scenarios` is the one producer of results: today a small pytest module run with
allure-pytest in a subprocess (one passing and one failing test, steps, a PNG screenshot on the failure),
standing in for a simulated-device run. Swap its body for a real `harness run` on the simulated device and
fill in the same `ScenarioResults`; every report test keeps working.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from harness.report.allure_files import write_run_files_once
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


def png_bytes(width: int, height: int) -> bytes:
    """A real PNG (two colour bands), so the page can show it at a size we know."""
    rows = []
    for y in range(height):
        colour = b"\xe5\x09\x14" if y < height // 2 else b"\x22\x22\x22"
        rows.append(b"\x00" + colour * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


TEST_MODULE = """
import pathlib

import allure

SCREENSHOT = pathlib.Path(__file__).with_name("screen.png").read_bytes()


@allure.feature("Account security")
@allure.title("Open the account page")
def test_open_account():
    with allure.step("Launch app 'netflix'"):
        pass
    with allure.step("Tap 'Account' (accessibility id)"):
        pass


@allure.feature("Account security")
@allure.title("Sign out of all devices")
def test_sign_out_of_all_devices():
    with allure.step("Tap 'Account' (accessibility id)"):
        pass
    with allure.step("Tap 'Sign out of all devices' (accessibility id)"):
        allure.attach(SCREENSHOT, name="screenshot", attachment_type=allure.attachment_type.PNG)
        raise AssertionError("expected 'Log out' to be visible within 5s")
"""

ENVIRONMENT = {
    "platform": "android",
    "device": "sim-android",
    "appium url": "http://127.0.0.1:4723",
    "note": "ünïcödé = #1: a!b\\c",
}


@pytest.fixture(scope="session")
def allure_results_two_scenarios(tmp_path_factory: pytest.TempPathFactory) -> ScenarioResults:
    """allure-results of one passing and one failing scenario (read-only: tests copy it to change it)."""
    project = tmp_path_factory.mktemp("two-scenarios")
    results = project / "allure-results"
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (project / "test_scenarios.py").write_text(textwrap.dedent(TEST_MODULE), encoding="utf-8")
    (project / "screen.png").write_bytes(png_bytes(96, 64))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for inherited in ("PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID"):
        env.pop(inherited, None)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:harness"]
    command += ["-c", str(project / "pytest.ini"), "--rootdir", str(project), "--alluredir", str(results)]
    done = subprocess.run(
        [*command, str(project / "test_scenarios.py")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, f"expected one failure:\n{done.stdout}\n{done.stderr}"
    # What the pytest plugin does at session start.
    write_run_files_once(results, ENVIRONMENT, env={})
    return ScenarioResults(
        results_dir=results,
        passed="Open the account page",
        failed="Sign out of all devices",
        failed_steps=("Tap 'Account' (accessibility id)", "Tap 'Sign out of all devices' (accessibility id)"),
        screenshot="screenshot",
        failure_message="expected 'Log out' to be visible within 5s",
        environment=dict(ENVIRONMENT),
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
