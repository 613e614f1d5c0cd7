"""Tier 3 end to end: `pytest <scenarios> --device <fake profile>` runs YAML scenarios with raw selectors
(id, xpath, class name) on the real Appium 3 server and Appium's fake driver, through the harness plugin.

Checks what a user sees: the passing scenario passes, a missing element fails the scenario with a clear
message and the Appium log attached to its Allure result, and no Appium process outlives the run.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests import helpers
from tests.devices.device_helpers import DATA
from tests.helpers import FAKE_PROFILE, ROOT

pytestmark = pytest.mark.appium

def appium_processes_logging_to(folder: Path) -> list[int]:
    """Pids of servers whose log goes into `folder` (HARNESS_SERVER_LOG in their environment, Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                environ = (entry / "environ").read_bytes().decode(errors="replace")
            except OSError:
                continue
            if f"HARNESS_SERVER_LOG={folder}" in environ:
                found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def run(node_tools: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("fake-run")
    plugin = (
        []
        if any(e.name == "harness" for e in entry_points(group="pytest11"))
        else ["-p", "harness.pytest_plugin"]
    )
    command = [
        sys.executable,
        "-m",
        "pytest",
        *plugin,
        str(DATA / "fake-scenarios"),
        "--device",
        str(FAKE_PROFILE),
        "--alluredir",
        str(out / "allure-results"),
        "--harness-artifacts",
        str(out / "artifacts"),
        "-p",
        "no:cacheprovider",
        "-q",
        "-rA",
    ]
    done = helpers.run(command, cwd=node_tools, env={"PYTHONPATH": str(node_tools)}, timeout=240,
               results_dir=out / "allure-results")
    return {"done": done, "out": out, "results": {r["name"]: r for r in done.results()}}


def test_passing_and_failing_scenarios(run):
    done = run["done"]
    assert done.code == 1, done.stdout + done.stderr  # one scenario fails on purpose
    assert "1 failed, 1 passed" in done.stdout.splitlines()[-1], done.stdout
    results = run["results"]
    assert results["Fake sign in with raw selectors"]["status"] == "passed"
    failed = results["Fake missing element fails clearly"]
    assert failed["status"] == "failed"
    assert "no_such_button" in failed["statusDetails"]["message"]


def test_failure_carries_the_appium_log(run):
    failed = run["results"]["Fake missing element fails clearly"]
    attachments = {a["name"]: a["source"] for a in _all_attachments(failed)}
    assert "appium server log (tail)" in attachments
    log = (run["out"] / "allure-results" / attachments["appium server log (tail)"]).read_text()
    assert "POST /session" in log and "no_such_button" in log


def test_no_appium_outlives_the_run(run):
    logs = list((run["out"] / "artifacts").glob("appium-fake-device-*.log"))
    assert logs, "the run wrote its Appium log into --harness-artifacts"
    assert appium_processes_logging_to(run["out"] / "artifacts") == []


def _all_attachments(result: dict) -> list[dict]:
    found = list(result.get("attachments", []))
    for step in result.get("steps", []):
        found += _all_attachments(step)
    return found


def test_the_report_names_the_fake_driver_and_the_appium_it_ran_on(run):
    """The driver label comes from the profile (Fake, not the platform's UiAutomator2); the server and
    driver versions from the live server's /status and the installed driver package."""
    result = run["results"]["Fake sign in with raw selectors"]
    assert {"name": "driver", "value": "Fake"} in result["labels"]
    params = {p["name"]: p["value"] for p in result["parameters"]}
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert params["server"] == f"Appium {pinned['appium']}"
    assert params["driver"] == f"Fake {pinned['@appium/fake-driver']}"
    props = (run["out"] / "allure-results" / "environment.properties").read_text()
    assert "device.fake-device=android / Fake / start appium" in props
