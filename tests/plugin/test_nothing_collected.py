"""A run that cannot start or selects nothing leaves the results folder alone and says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import results, run_harness, run_pytest

EARLIER = "0b7e3c4a-5d51-4c55-9a43-0c6f4f4c2e11"  # an Allure result of an earlier run, by name and content
KEPT = f"{EARLIER}-result.json"


def earlier_results(project: Path) -> Path:
    folder = project / "allure-results"
    folder.mkdir()
    (folder / KEPT).write_text(f'{{"uuid": "{EARLIER}", "name": "from the run before", "status": "passed"}}')
    return folder


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["run", "scenarios/misspelt", "--device", "sim-android"], 4, "file or directory not found"),
        (["run", "scenarios", "--device", "sim-android", "--", "--no-such-flag"], 4,
         "unrecognized arguments: --no-such-flag"),
        (["run", "scenarios", "--device", "sim-android", "-k", "nothing_matches"], 5,
         "nothing ran; the Allure results folder allure-results was left as it was"),
    ],
    ids=["misspelt-path", "unknown-flag", "nothing-selected"],
)
def test_results_folder_is_left_as_it_was(project: Path, argv: list[str], code: int, says: str) -> None:
    folder = earlier_results(project)
    done = run_harness(*argv, cwd=project)
    assert done.code == code, done.output
    assert says in done.output
    assert [p.name for p in folder.iterdir()] == [KEPT]
    assert "make a report with" not in done.output


def test_a_run_that_collects_replaces_the_earlier_results(project: Path) -> None:
    folder = earlier_results(project)
    (folder / "notes.txt").write_text("mine")
    done = run_harness("run", "scenarios/opens.yaml", "--device", "sim-android", cwd=project)
    assert done.code == 0, done.output
    assert [r["name"] for r in results(folder)] == ["Opens the app"]
    assert (folder / "notes.txt").read_text() == "mine"  # not an Allure file: kept


def test_with_workers_the_folder_is_cleaned_once_before_the_tests(project: Path) -> None:
    folder = earlier_results(project)
    done = run_harness("run", "scenarios", "--device", "sim-android", "-n", "2", cwd=project)
    assert done.code == 1, done.output
    assert sorted(r["name"] for r in results(folder)) == ["Opens the app", "Taps what is not there"]


def test_a_folder_without_scenarios_says_so(project: Path) -> None:
    (project / "flows").mkdir()
    (project / "flows" / "login.yaml").write_text("name: Log in\nsteps:\n  - launch_app\n")
    done = run_harness("run", "flows", cwd=project)
    assert done.code == 5, done.output
    assert "harness: no scenario files under flows (a scenario is a YAML file with `steps:`" in done.output


def test_plain_pytest_without_a_device_says_to_name_one(project: Path) -> None:
    folder_run = run_pytest(["scenarios"], None, cwd=project)
    assert folder_run.code == 5
    assert "2 scenario file(s) not collected (e.g. scenarios/opens.yaml): scenario files run on a " \
           "device profile: add --device sim-android" in folder_run.output
    file_run = run_pytest(["scenarios/taps.yaml"], None, cwd=project)
    assert file_run.code == 2
    assert "taps.yaml: scenario files run on a device profile: add --device sim-android" in file_run.output
    assert "not found" not in file_run.output
