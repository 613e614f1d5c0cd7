"""The summary table of `harness run`: columns sized to their content, FLAKY for a pass on a rerun."""

from __future__ import annotations

import shutil
from pathlib import Path

import tomllib

from harness.pytest_plugin.progress import table
from tests.helpers import ROOT, results, run_harness

NETFLIX = ROOT / "scenarios" / "netflix"
# Fails while the simulated app is signed out; its on_complete signs in, so the rerun passes.
FLAKY = """name: Signed in on the second try
app: netflix
screens: screens/netflix.yaml
env:
  EMAIL: ${NETFLIX_EMAIL}
  PASSWORD: ${NETFLIX_PASSWORD:secret}
steps:
  - launch_app
  - assert_not_visible: login.sign_in
    timeout: 0.5
on_complete:
  - run_flow: flows/login.yaml
    when: {visible: login.sign_in}
"""


def test_columns_are_as_wide_as_their_longest_entry() -> None:
    lines = table({
        "Sign out": {"android-emulator-pixel7": "passed", "sim-ios": "broken"},
        "A much longer scenario name": {"android-emulator-pixel7": "failed"},
    })
    header, first, second = lines[1:]
    name_width = len("A much longer scenario name") + 2
    assert header == " " * name_width + "android-emulator-pixel7  sim-ios"
    column = header.index("sim-ios")
    assert first.startswith("A much longer scenario name  FAIL")
    assert second[column:] == "BROKEN" and second[:column].rstrip() == "Sign out" + " " * (
        name_width - len("Sign out")) + "PASS"


def test_a_scenario_that_passes_on_a_rerun_is_flaky_in_the_summary_and_in_allure(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    for part in ("screens", "flows"):  # scenarios reach only files inside their project
        shutil.copytree(NETFLIX / part, folder / part)
    (folder / "flaky.yaml").write_text(FLAKY)
    (folder / "opens.yaml").write_text("name: Opens the app\napp: netflix\nsteps:\n  - launch_app\n")
    done = run_harness("run", "scenarios", "--device", "sim-android", "-n", "2", "--", "--reruns", "1",
                   cwd=tmp_path)
    assert done.code == 0, done.output
    summary = done.output.split(" scenarios ")[1]
    assert "Signed in on the second try  FLAKY" in summary
    assert "Opens the app                PASS" in summary

    attempts = [r for r in results(tmp_path / "allure-results") if r["name"] == "Signed in on the second try"]
    assert sorted(r["status"] for r in attempts) == ["failed", "passed"]
    assert len({r["historyId"] for r in attempts}) == 1  # one test, two attempts: Allure's retries
    passed = next(r for r in attempts if r["status"] == "passed")
    failed = next(r for r in attempts if r["status"] == "failed")
    assert passed["statusDetails"] == {"flaky": True}
    assert "flaky" not in failed["statusDetails"]
    opened = next(r for r in results(tmp_path / "allure-results") if r["name"] == "Opens the app")
    assert "statusDetails" not in opened or not opened["statusDetails"].get("flaky")


def test_the_project_declares_its_license_as_an_spdx_expression() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    # a TOML table here makes setuptools >= 77 print a deprecation warning at every install
    assert project["project"]["license"] == "Apache-2.0"
    assert "setuptools>=77" in project["build-system"]["requires"][0]
    dev = project["project"]["optional-dependencies"]["dev"]
    assert any(d.startswith("pytest-rerunfailures") for d in dev)
    assert any(d.startswith("pytest-html") for d in dev)
