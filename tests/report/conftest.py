"""Fixtures of the report tests (tier 4): real allure-results, the real Allure 3 CLI, headless Chromium.

The results come from real runs of one project of two scenarios through pytest, the harness plugin and
allure-pytest (one passes; the other fails waiting for an element, with steps and a screenshot on
failure): `allure_results_two_scenarios` on the simulated Android device, `allure_results_second_run`
and `allure_results_third_run` the same again (later runs, for history and trends),
`allure_results_two_devices` on the simulated Android and iOS devices at once (one Allure environment
per device).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_scenario
from tests.report.report_results import ScenarioResults, run_two_scenarios


@pytest.fixture(scope="session")
def two_scenario_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scenarios folder every report test runs: one passing and one failing scenario."""
    folder = tmp_path_factory.mktemp("two-scenarios") / "scenarios"
    write_scenario(folder, "Open the account page",
                   "  - tap: tab_bar.my_netflix\n  - tap: my_netflix.menu\n"
                   "  - tap: menu.account\n  - assert_visible: account.title\n")
    write_scenario(folder, "Sign out of all devices",
                   "  - tap: tab_bar.my_netflix\n  - tap: my_netflix.menu\n  - tap: menu.account\n"
                   "  - assert_visible: {text: Log out}\n    timeout: 1\n")
    return folder


@pytest.fixture(scope="session")
def allure_results_two_scenarios(two_scenario_project: Path) -> ScenarioResults:
    """allure-results of a real simulated-device run (read-only: tests copy it to change it)."""
    return run_two_scenarios(two_scenario_project, two_scenario_project.parent / "run1", "sim-android")


@pytest.fixture(scope="session")
def allure_results_second_run(two_scenario_project: Path, allure_results_two_scenarios) -> ScenarioResults:
    """The same scenarios run again (after the first run): new results of the same tests."""
    return run_two_scenarios(two_scenario_project, two_scenario_project.parent / "run2", "sim-android")


@pytest.fixture(scope="session")
def allure_results_third_run(two_scenario_project: Path, allure_results_second_run) -> ScenarioResults:
    return run_two_scenarios(two_scenario_project, two_scenario_project.parent / "run3", "sim-android")


@pytest.fixture(scope="session")
def allure_results_two_devices(two_scenario_project: Path) -> ScenarioResults:
    """The same scenarios on the simulated Android and iOS devices in one run."""
    return run_two_scenarios(two_scenario_project, two_scenario_project.parent / "both", "sim-android",
                             "sim-ios")
