"""The Allure report of a run with the web scenarios and an app scenario, as a person sees it in headless
Chromium: one environment per device, the web scenarios with their steps, the failing one with the
page's screenshot on its failing step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.report.generate import generate_report
from tests.report import report_page as ui
from tests.report.report_browser import Page
from tests.report.report_server import StaticServer
from tests.web.test_web_scenarios import APP_SCENARIO, WEB_SCENARIOS
from tests.web.web_tier import FAILING, FAILING_STEP, WebRun


@pytest.fixture(scope="module")
def report_url(web_run: WebRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("web-report")
    generate_report(web_run.run.results_dir, root / "report", history_path=None)
    with StaticServer(root) as server:
        yield server.url("report/index.html")


def test_the_report_groups_the_results_by_device(report_url: str, page: Page) -> None:
    ui.open_report(page, report_url)
    assert ui.environment_trees(page) == {
        "sim-android": {APP_SCENARIO: "passed"},
        "web-chromium": {**{name: "passed" for name in WEB_SCENARIOS}, FAILING: "failed"},
    }


def test_the_failing_web_scenario_shows_the_page_on_its_failing_step(report_url: str, page: Page) -> None:
    ui.open_report(page, report_url)
    ui.open_test(page, FAILING)
    assert FAILING_STEP in ui.step_titles(page)
    on_step = ui.step_attachment_headers(page, FAILING_STEP)
    assert any("screenshot on failure" in h and "image/png" in h for h in on_step), on_step
    assert ui.open_image_attachment(page, "screenshot on failure") == (780, 1688)


def test_a_passing_web_scenario_shows_its_steps_and_screenshot(report_url: str, page: Page) -> None:
    ui.open_report(page, report_url)
    ui.open_test(page, WEB_SCENARIOS[0])
    titles = ui.step_titles(page)
    assert "Open url" in titles and "Tap sign_out_dialog.log_out (css selector)" in titles
    on_step = ui.step_attachment_headers(page, "Screenshot confirmation dialog")
    assert any("confirmation dialog" in h and "image/png" in h for h in on_step), on_step
    assert ui.open_image_attachment(page, "confirmation dialog") == (780, 1688)
