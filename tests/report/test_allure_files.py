"""Run-level Allure files: checked against Allure 3's own parser and category matcher (run with Node)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness.report import allure_files
from harness.report.executor import executor_from_env
from tests.helpers import NODE_MODULES, ROOT, run_node


def node(script: str, payload: object) -> object:
    """Run an ES module snippet with Node; it reads JSON on stdin and prints JSON."""
    return json.loads(run_node(script, input=json.dumps(payload), timeout=60))


READ_STDIN_ESM = "import { readFileSync } from 'node:fs'; const input = JSON.parse(readFileSync(0, 'utf8'));"


def test_environment_properties_round_trip_through_allure_parser(tmp_path: Path):
    props = {
        "platform": "android",
        "appium url": "http://127.0.0.1:4723/wd/hub",
        "key=with:separators": "value=with:separators",
        "# not a comment": "! not a comment either",
        "leading": "  two leading spaces",
        "multi": "line one\nline two\ttab",
        "path": "C:\\Users\\me",
        "unicode": "ünïcödé → 🎬",
    }
    path = allure_files.write_environment(tmp_path, props)
    raw = path.read_bytes()
    raw.decode("ascii")  # Java reads .properties as ISO-8859-1: non-ASCII must be \\u escapes
    parser = (NODE_MODULES / "@allurereport/reader/dist/properties.js").as_uri()
    parsed = node(
        f"{READ_STDIN_ESM} const {{ parseProperties }} = await import({json.dumps(parser)});"
        "console.log(JSON.stringify(parseProperties(readFileSync(input, 'utf8'))));",
        str(path),
    )
    assert parsed == props


def test_environment_rejects_an_empty_name(tmp_path: Path):
    with pytest.raises(ValueError, match="must not be empty"):
        allure_files.write_environment(tmp_path, {"": "x"})


NOT_FOUND, TIMEOUT, ASSERTION = "Element not found", "Timeout", "Assertion failed"
SESSION, INVALID = "Session lost / server gone", "Invalid scenario"
# (status, message, trace) -> the category a person should find the result under.
SAMPLES = [
    (
        "failed",
        "harness.runner.errors.ElementNotFound: no element matched account.menu within 5s",
        "",
        NOT_FOUND,
    ),
    ("broken", "selenium.common.exceptions.NoSuchElementException: Message: no such element", "", NOT_FOUND),
    ("failed", "harness.runner.errors.StepTimeout: the dialog was still on screen after 5s", "", TIMEOUT),
    ("broken", "selenium.common.exceptions.TimeoutException: Message: timed out", "", TIMEOUT),
    ("failed", "AssertionError: expected 'Log out' to be visible within 5s\nassert False", "", ASSERTION),
    ("failed", "harness.runner.errors.StepFailure: repeat: the while condition still held", "", ASSERTION),
    ("broken", "harness.runner.errors.SessionLost: the Appium session is gone", "", SESSION),
    (
        "broken",
        "urllib3.exceptions.MaxRetryError: HTTPConnectionPool(host='127.0.0.1', port=4723)",
        "",
        SESSION,
    ),
    ("broken", "Message: ", "selenium.common.exceptions.InvalidSessionIdException: x", SESSION),
    ("broken", "harness.errors.InvalidInputError: scenarios/a.yaml:12:5: unknown step 'tapp'", "", INVALID),
    ("broken", "harness.runner.errors.StepError: the driver refused find: invalid selector", "", INVALID),
    ("passed", "", "", None),
]


def allure2_category(categories: list[dict], status: str, message: str, trace: str) -> str | None:
    """Allure 2 semantics: regexes match the whole text (Java `matches`), first category listed wins."""
    for category in categories:
        if status not in category.get("matchedStatuses", [status]):
            continue
        if "messageRegex" in category and not re.fullmatch(category["messageRegex"], message):
            continue
        if "traceRegex" in category and not re.fullmatch(category["traceRegex"], trace):
            continue
        return category["name"]
    return None


def test_categories_sort_failures_like_a_person_would_in_allure_2_semantics():
    categories = allure_files.load_categories()
    got = [allure2_category(categories, status, message, trace) for status, message, trace, _ in SAMPLES]
    assert got == [expected for *_, expected in SAMPLES]


def test_allurerc_categories_sort_failures_the_same_in_allure_3():
    config = (ROOT / "allurerc.mjs").as_uri()
    core_api = (NODE_MODULES / "@allurereport/core-api/dist/index.js").as_uri()
    script = (
        f"{READ_STDIN_ESM}"
        f"const {{ default: config }} = await import({json.dumps(config)});"
        f"const {{ normalizeCategoriesConfig, matchCategory }} = await import({json.dumps(core_api)});"
        "const categories = normalizeCategoriesConfig(config.categories);"
        "const names = input.map(([status, message, trace]) => {"
        "  const c = matchCategory(categories, {status, message, trace, labels: [], flaky: false});"
        "  return c && !c.id.startsWith('_') ? c.name : null; });"
        "console.log(JSON.stringify(names));"
    )
    assert node(script, [sample[:3] for sample in SAMPLES]) == [expected for *_, expected in SAMPLES]


def test_written_categories_are_the_project_list(tmp_path: Path):
    path = allure_files.write_categories(tmp_path)
    assert json.loads(path.read_text(encoding="utf-8")) == allure_files.load_categories()
    names = {category["name"] for category in allure_files.load_categories()}
    assert names == {
        "Element not found",
        "Timeout",
        "Assertion failed",
        "Session lost / server gone",
        "Invalid scenario",
    }


GITHUB = {
    "GITHUB_ACTIONS": "true",
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "acme/mobile-tests",
    "GITHUB_RUN_ID": "9876543210",
    "GITHUB_RUN_NUMBER": "42",
    "GITHUB_RUN_ATTEMPT": "1",
    "GITHUB_WORKFLOW": "Android emulator",
}


def test_executor_from_github_actions():
    assert executor_from_env(GITHUB) == {
        "name": "GitHub Actions",
        "type": "github",
        "url": "https://github.com/acme/mobile-tests",
        "buildOrder": 42,
        "buildName": "Android emulator #42",
        "buildUrl": "https://github.com/acme/mobile-tests/actions/runs/9876543210",
    }


def test_executor_from_gitlab_ci():
    env = {
        "GITLAB_CI": "true",
        "CI_PROJECT_PATH": "acme/mobile-tests",
        "CI_PROJECT_URL": "https://gitlab.com/acme/mobile-tests",
        "CI_PIPELINE_ID": "555",
        "CI_PIPELINE_IID": "17",
        "CI_PIPELINE_URL": "https://gitlab.com/acme/mobile-tests/-/pipelines/555",
        "CI_JOB_NAME": "android",
    }
    assert executor_from_env(env, report_name="Nightly") == {
        "name": "GitLab CI",
        "type": "gitlab",
        "url": "https://gitlab.com/acme/mobile-tests",
        "buildOrder": 17,
        "buildName": "acme/mobile-tests pipeline #17 (android)",
        "buildUrl": "https://gitlab.com/acme/mobile-tests/-/pipelines/555",
        "reportName": "Nightly",
    }


def test_executor_from_jenkins():
    env = {
        "JENKINS_URL": "https://ci.example/",
        "BUILD_URL": "https://ci.example/job/mobile/7/",
        "BUILD_NUMBER": "7",
        "JOB_NAME": "mobile",
    }
    assert executor_from_env(env) == {
        "name": "Jenkins",
        "type": "jenkins",
        "url": "https://ci.example/",
        "buildOrder": 7,
        "buildName": "mobile #7",
        "buildUrl": "https://ci.example/job/mobile/7/",
    }


def test_build_order_is_left_out_when_the_ci_gives_no_number():
    env = {key: value for key, value in GITHUB.items() if key != "GITHUB_RUN_NUMBER"}
    info = executor_from_env(env)
    assert info is not None and "buildOrder" not in info
    assert info["buildName"] == "Android emulator"


def test_no_executor_outside_ci(tmp_path: Path):
    assert executor_from_env({"HOME": "/root"}) is None
    assert allure_files.write_executor(tmp_path, {"HOME": "/root"}) is None
    assert not (tmp_path / "executor.json").exists()


def test_run_files_written_once_with_ci_executor(tmp_path: Path):
    env = {**GITHUB, "HARNESS_RUN_ID": "run-1"}
    assert allure_files.write_run_files_once(tmp_path, {"platform": "ios"}, env=env) is True
    assert allure_files.write_run_files_once(tmp_path, {"platform": "changed"}, env=env) is False
    assert (tmp_path / "environment.properties").read_text(encoding="ascii") == "platform=ios\n"
    assert json.loads((tmp_path / "executor.json").read_text())["buildOrder"] == 42
    assert (tmp_path / "categories.json").is_file()
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".tmp"))
    assert visible == ["categories.json", "environment.properties", "executor.json"]
    # The next run (another id) rewrites them and leaves one marker only.
    assert allure_files.write_run_files_once(
        tmp_path, {"platform": "android"}, env={"HARNESS_RUN_ID": "run-2"}
    )
    assert (tmp_path / "environment.properties").read_text(encoding="ascii") == "platform=android\n"
    assert len(list(tmp_path.glob(".harness-run-*.tmp"))) == 1


def test_xdist_workers_leave_the_run_files_to_the_controller(tmp_path: Path):
    assert (
        allure_files.write_run_files_once(tmp_path, {"a": "b"}, env={"PYTEST_XDIST_WORKER": "gw1"}) is False
    )
    assert list(tmp_path.iterdir()) == []


WRITER = (
    "import sys; from harness.report.allure_files import write_run_files_once as w; "
    "print(w(sys.argv[1], {'worker': 'same'}, env={'HARNESS_RUN_ID': 'shared'}))"
)


def test_concurrent_processes_of_one_run_write_exactly_once(tmp_path: Path):
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(6)
    ]
    outcomes = [process.communicate(timeout=60)[0].strip() for process in processes]
    assert sorted(outcomes) == ["False"] * 5 + ["True"]
    assert (tmp_path / "environment.properties").read_text(encoding="ascii") == "worker=same\n"
    leftovers = [
        p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp") and ".harness-run-" not in p.name
    ]
    assert leftovers == []
