"""`harness lint` on the shipped and the good files, and `harness plan` of the Netflix scenario."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cli import main
from harness.cli.lint import lint_paths
from harness.scenario.loader import load_scenario
from tests.helpers import GOOD, ROOT, SCENARIOS, run_harness

SIGN_OUT = "scenarios/netflix/sign_out_all_devices.yaml"


def test_lint_of_the_shipped_scenarios_exits_0() -> None:
    result = run_harness("lint", "scenarios/")
    assert result.code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    files = len([p for p in SCENARIOS.rglob("*.yaml")])
    assert result.stderr.strip() == f"{files} files checked, all valid"


def test_lint_defaults_to_the_scenarios_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 0
    assert "all valid" in capsys.readouterr().err


def test_lint_of_the_good_corpus_finds_nothing() -> None:
    """Quoted YAML 1.1 words, anchors and merge keys, platform-only forms under a platform condition,
    nested flows resolved relative to their caller, $$ and empty defaults: none of these is a problem."""
    count, problems = lint_paths([str(GOOD.relative_to(ROOT))])
    assert count == len(list(GOOD.rglob("*.yaml")))
    assert problems == []


def test_good_files_load_as_written() -> None:
    anchors = load_scenario("tests/data/good/anchors.yaml")
    assert [step.timeout for step in anchors.steps[:2]] == [30, 30]
    assert [step.element.index for step in anchors.steps[2:]] == [0, 0, 1]  # type: ignore[attr-defined]
    quoting = load_scenario("tests/data/good/quoting_and_variables.yaml")
    assert quoting.file.env["ANSWER"] == "yes" and quoting.file.env["ENABLED"] is True
    assert quoting.steps[0].element == "yes"  # type: ignore[attr-defined]
    nested = quoting.steps[-1].flow.steps[-1].flow  # type: ignore[attr-defined]
    assert nested.path == "tests/data/good/flows/inner/choose_section.yaml"


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_plan_of_the_netflix_sign_out(platform: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", SIGN_OUT, "--platform", platform, "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    scripts = [c["script"] for c in plan if c["op"] == "execute"]
    steps: dict[str, dict] = {}  # the first command of each step
    for command in plan:
        if command["section"] == "steps" and not command.get("condition"):
            steps.setdefault(command["step"], command)
    scroll = [c for c in plan if c["title"].startswith("Scroll to account.sign_out_all_devices")]
    assert scroll
    if platform == "android":
        assert scripts[:2] == ["mobile: terminateApp", "mobile: activateApp"]
        assert scroll[0]["op"] == "find_element"
        assert scroll[0]["locators"][0]["value"] == (
            "new UiScrollable(new UiSelector().scrollable(true).instance(0)).setMaxSearchSwipes(10)"
            ".scrollIntoView("
            'new UiSelector().resourceId("<netflix app id>:id/sign_out_all_devices"))'
        )
        assert steps["10"]["locators"][0] == {"using": "id", "value": "android:id/button1"}
    else:
        assert scripts[:2] == ["mobile: terminateApp", "mobile: launchApp"]
        assert scroll[0]["op"] == "scroll_until_visible"
        assert scroll[0]["swipe"][0]["script"] == "mobile: swipe"
        assert steps["10"]["locators"][0] == {"using": "accessibility id", "value": "Log out"}
    # the password is a secret: masked in every plan
    assert {c["text"] for c in plan if c["op"] == "send_keys"} == {"${NETFLIX_EMAIL}", "***"}


def test_plan_human_text(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETFLIX_EMAIL", "qa@example.com")
    monkeypatch.setenv("NETFLIX_PASSWORD", "pa55word")
    assert main(["plan", SIGN_OUT, "--platform", "android"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[:3] == [
        f"Scenario: Sign out of all devices  ({SIGN_OUT})",
        "Platform: android (UiAutomator2), app id: <netflix app id>",
        "Variables: EMAIL=qa@example.com, PASSWORD=***",
    ]
    assert "pa55word" not in text
    assert f"  2. Run flow flows/login.yaml  [when visible: login.sign_in]    # {SIGN_OUT}:17:5" in text
    assert "on_complete:" in text


def test_plan_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    bad = run_harness("plan", "tests/data/bad/unknown_step.yaml", "--platform", "ios")
    assert bad.code == 1
    assert bad.stdout == ""
    assert bad.stderr.splitlines() == [
        'tests/data/bad/unknown_step.yaml:4:5: unknown step or option "tapp" (did you mean "tap"?)'
    ]
    no_platform = run_harness("plan", SIGN_OUT)
    assert no_platform.code == 1
    assert (
        no_platform.stderr.strip()
        == "harness plan: harness plan needs --platform android|ios or --device PROFILE"
    )
    missing = run_harness("plan", "nowhere.yaml", "--platform", "android")
    assert (missing.code, missing.stderr.strip()) == (1, "nowhere.yaml:1:1: file not found")
    for result in (bad, no_platform, missing):
        assert "Traceback" not in result.stderr
