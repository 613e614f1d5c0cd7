"""`harness report --publish`: a static site keeping the last N reports and the history across publishes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from harness.cli import main
from harness.report.errors import PublishError
from harness.report.publish import publish_report
from tests.report import report_page as ui
from tests.report.report_browser import Page
from tests.report.report_results import ScenarioResults
from tests.report.report_server import StaticServer

SITE_URL = "https://acme.github.io/mobile-tests"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, allure_results_two_scenarios: ScenarioResults,
         allure_results_second_run: ScenarioResults, allure_results_third_run: ScenarioResults) -> Path:
    """Three runs published with --keep 2: the first through the command line, then through the API."""
    root = tmp_path_factory.mktemp("pages") / "site"
    first = str(allure_results_two_scenarios.results_dir)
    args = ["report", "--results", first, "--publish", str(root), "--keep", "2", "--site-url", SITE_URL]
    assert main([*args, "--run-id", "101-1"]) == 0
    publish_report(allure_results_second_run.results_dir, root, keep=2, run_id="102-1", site_url=SITE_URL)
    publish_report(allure_results_third_run.results_dir, root, keep=2, run_id="103-1", site_url=SITE_URL)
    return root


def test_site_keeps_the_last_reports_and_lists_them_newest_first(site: Path):
    manifest = json.loads((site / "runs.json").read_text())
    assert [run["id"] for run in manifest["runs"]] == ["103-1", "102-1"]
    assert manifest["runs"][0]["stats"] == {"total": 2, "passed": 1, "failed": 1}
    assert sorted(p.name for p in (site / "runs").iterdir()) == ["102-1", "103-1", "index.html"]
    listing = (site / "runs" / "index.html").read_text()
    assert listing.index('href="103-1/index.html"') < listing.index('href="102-1/index.html"')
    assert "101-1" not in listing


def test_history_outlives_the_removed_reports_and_links_to_each_run(site: Path):
    runs = [json.loads(line) for line in (site / "history.jsonl").read_text().splitlines()]
    assert len(runs) == 3
    assert [run["url"] for run in runs] == [
        f"{SITE_URL}/runs/{rid}/index.html" for rid in ("101-1", "102-1", "103-1")
    ]


def test_site_root_opens_the_latest_report(
    site: Path, page: Page, allure_results_two_scenarios: ScenarioResults
):
    results = allure_results_two_scenarios
    with StaticServer(site) as server:
        ui.open_report(page, server.url("index.html"))
        assert page.url() == server.url("runs/103-1/index.html")
        assert ui.tree(page) == {results.passed: "passed", results.failed: "failed"}
        ui.open_test(page, results.failed)
        assert ui.history_items(page) == 2, "two earlier runs are in the history of the latest report"


def test_publishing_the_same_results_again_adds_no_history_entry(
    site: Path, tmp_path: Path, allure_results_third_run: ScenarioResults
):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    before = (copy / "history.jsonl").read_text().splitlines()
    publish_report(allure_results_third_run.results_dir, copy, keep=2, run_id="103-2", site_url=SITE_URL)
    after = (copy / "history.jsonl").read_text().splitlines()
    assert len(after) == len(before) == 3
    assert json.loads(after[-1])["url"] == f"{SITE_URL}/runs/103-2/index.html"  # the entry now links here


def test_publishing_the_same_run_twice_is_refused(site: Path, allure_results_two_scenarios: ScenarioResults):
    with pytest.raises(PublishError, match="already published"):
        publish_report(allure_results_two_scenarios.results_dir, site, run_id="103-1")


@pytest.mark.parametrize("run_id", ["../escape", "a/b", ".hidden", ""])
def test_run_ids_that_are_not_plain_folder_names_are_refused(
    tmp_path: Path, run_id: str, allure_results_two_scenarios
):
    with pytest.raises(PublishError, match="run id"):
        publish_report(allure_results_two_scenarios.results_dir, tmp_path / "site", run_id=run_id)


def test_a_restored_manifest_cannot_make_publish_delete_outside_the_site(
    tmp_path: Path, allure_results_two_scenarios
):
    site = tmp_path / "site"
    (site / "runs").mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.mkdir()
    (site / "runs.json").write_text(json.dumps({"runs": [{"id": "../../victim"}, {"id": "old"}]}))
    published = publish_report(allure_results_two_scenarios.results_dir, site, keep=1, run_id="new")
    assert victim.is_dir()
    assert published.kept == ["new"]


def test_refuses_a_folder_that_is_not_a_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "notes.md").write_text("mine")
    code = main(["report", "--results", str(tmp_path), "--publish", str(tmp_path / "home")])
    assert code == 2
    assert "is not a report site" in capsys.readouterr().err
