"""`harness report`: what it prints, its exit codes, its errors, and the quality gate."""

from __future__ import annotations

import json
import shutil
import webbrowser
from pathlib import Path

import pytest

from harness.cli import main
from harness.report.errors import ReportConfigError
from harness.report.generate import generate_report
from harness.report.quality_gate import check_quality_gate
from tests.report.report_results import ScenarioResults


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["report", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_prints_only_the_report_path_and_passes_the_gate_within_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], allure_results_two_scenarios: ScenarioResults
):
    results = str(allure_results_two_scenarios.results_dir)
    history = tmp_path / "history.jsonl"
    code, out, err = run(
        capsys, "--results", results, "--output", str(tmp_path / "report"), "--history", str(history),
        "--name", "Nightly sign-out", "--max-failures", "1",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines() == [str(tmp_path / "report" / "index.html")]
    assert "quality gate passed: 1 of 2 tests failed or broken (allowed: 1)" in err
    assert json.loads((tmp_path / "report" / "summary.json").read_text())["name"] == "Nightly sign-out"
    assert len(history.read_text().splitlines()) == 1


def test_quality_gate_fails_the_command_but_keeps_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], allure_results_two_scenarios: ScenarioResults
):
    results = str(allure_results_two_scenarios.results_dir)
    code, out, err = run(
        capsys, "--results", results, "--output", str(tmp_path / "r"), "--no-history", "--max-failures", "0"
    )
    assert code == 1
    assert Path(out.strip()).is_file()
    assert (
        f"quality gate FAILED: 1 of 2 tests failed or broken (allowed: 0): {_failed_full_name(results)}"
        in err
    )


def _failed_full_name(results_dir: str) -> str:
    for path in Path(results_dir).glob("*-result.json"):
        result = json.loads(path.read_text())
        if result["status"] == "failed":
            return result["fullName"]
    raise AssertionError("no failed result")


def test_gate_counts_the_last_attempt_of_a_retried_test(tmp_path: Path, allure_results_two_scenarios):
    results = tmp_path / "results"
    shutil.copytree(allure_results_two_scenarios.results_dir, results)
    failed = next(p for p in results.glob("*-result.json") if json.loads(p.read_text())["status"] == "failed")
    retry = json.loads(failed.read_text())
    retry.update(uuid="retry-passed", status="passed", statusDetails={}, start=retry["stop"] + 1)
    retry["stop"] = retry["start"] + 5
    (results / "retry-passed-result.json").write_text(json.dumps(retry))
    gate = check_quality_gate(results, 0)
    assert (gate.failures, gate.total, gate.passed) == (0, 2, True)


def test_missing_results_say_what_to_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, out, err = run(capsys, "--results", str(tmp_path / "nothing-here"), "--output", str(tmp_path / "r"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"harness report: no results directory {tmp_path / 'nothing-here'}")
    assert "harness run" in err


def test_empty_results_say_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "allure-results").mkdir()
    (tmp_path / "allure-results" / "environment.properties").write_text("a=b\n")
    code, _, err = run(capsys, "--results", str(tmp_path / "allure-results"), "--output", str(tmp_path / "r"))
    assert code == 2
    assert "holds no test results (*-result.json)" in err


def test_missing_allure_cli_names_npm_ci(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch, allure_results_two_scenarios
):
    monkeypatch.setenv("HARNESS_PROJECT_ROOT", str(tmp_path))  # a project without node_modules
    code, _, err = run(
        capsys, "--results", str(allure_results_two_scenarios.results_dir), "--output", str(tmp_path / "r")
    )
    assert code == 2
    assert "the Allure 3 CLI is not installed" in err and "`npm ci`" in err
    assert err.count("\n") == 1


def test_missing_node_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch, allure_results_two_scenarios
):
    monkeypatch.setenv("PATH", str(tmp_path))  # no `node` there
    code, _, err = run(
        capsys, "--results", str(allure_results_two_scenarios.results_dir), "--output", str(tmp_path / "r")
    )
    assert code == 2
    assert "Node.js is not on PATH" in err and "npm ci" in err


def test_refuses_to_clear_a_folder_that_is_not_a_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], allure_results_two_scenarios
):
    precious = tmp_path / "docs"
    precious.mkdir()
    (precious / "notes.md").write_text("mine")
    (precious / "index.html").write_text("<html>a site with an index page is still not a report</html>")
    code, _, err = run(
        capsys, "--results", str(allure_results_two_scenarios.results_dir), "--output", str(precious)
    )
    assert code == 2 and "holds no Allure report" in err
    assert (precious / "notes.md").read_text() == "mine"


def test_conflicting_options_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    code, _, err = run(capsys, "--publish", str(tmp_path / "site"), "--output", str(tmp_path / "r"))
    assert code == 2 and "--output and --publish" in err
    code, _, err = run(capsys, "--run-id", "7")
    assert code == 2 and "only apply with --publish" in err


def test_a_config_that_ignores_the_history_option_is_caught(tmp_path: Path, allure_results_two_scenarios):
    config = tmp_path / "allurerc.mjs"
    config.write_text('export default { name: "no history here" };\n')
    with pytest.raises(ReportConfigError, match="ignores HARNESS_ALLURE_HISTORY"):
        generate_report(
            allure_results_two_scenarios.results_dir,
            tmp_path / "r",
            history_path=tmp_path / "history.jsonl",
            config=config,
        )


def test_paths_with_glob_and_shell_characters_are_taken_literally(
    tmp_path: Path, allure_results_two_scenarios
):
    odd = tmp_path / "results [1] {a,b} (x) *? $HOME; rm -rf"
    shutil.copytree(allure_results_two_scenarios.results_dir, odd)
    name = '-n --open "$(id)" {a,b}'
    index = generate_report(
        odd, tmp_path / "report $(x) [2]", history_path=tmp_path / "h {1}.jsonl", report_name=name
    )
    summary = json.loads((index.parent / "summary.json").read_text())
    assert (summary["stats"]["total"], summary["name"]) == (2, name)
    assert len((tmp_path / "h {1}.jsonl").read_text().splitlines()) == 1


def test_open_single_file_hands_the_file_to_the_browser(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch, allure_results_two_scenarios
):
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    results = str(allure_results_two_scenarios.results_dir)
    code, out, _err = run(
        capsys,
        "--results",
        results,
        "--output",
        str(tmp_path / "one"),
        "--single-file",
        "--open",
        "--no-history",
    )
    assert code == 0
    assert out.strip() == str(tmp_path / "one" / "index.html")
    assert opened == [(tmp_path / "one" / "index.html").as_uri()]
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == [
        "index.html",
        "summary.json",
        "test-results.json",
    ]


def test_refuses_an_output_folder_that_holds_the_results(tmp_path: Path, allure_results_two_scenarios):
    results = tmp_path / "out" / "allure-results"
    shutil.copytree(allure_results_two_scenarios.results_dir, results)
    (tmp_path / "out" / "index.html").write_text("<html>a site, not a report</html>")
    with pytest.raises(ReportConfigError, match="would contain the results"):
        generate_report(results, tmp_path / "out", history_path=None)
    assert (tmp_path / "out" / "index.html").is_file() and any(results.iterdir())


def test_a_new_report_replaces_the_previous_one(tmp_path: Path, allure_results_two_scenarios):
    first = generate_report(allure_results_two_scenarios.results_dir, tmp_path / "report", history_path=None)
    (first.parent / "stale-from-last-run.txt").write_text("old")
    second = generate_report(allure_results_two_scenarios.results_dir, tmp_path / "report", history_path=None)
    assert second == first and second.is_file()
    assert not (second.parent / "stale-from-last-run.txt").exists()
