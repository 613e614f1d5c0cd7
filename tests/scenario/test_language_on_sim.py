"""What the language promises, run on the simulated device (both flavours) through pytest: web content
after switch_context, ${VAR} in every field at run time, an element given for one platform only."""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.helpers import NETFLIX_FLOWS, NETFLIX_SCREENS, all_steps, results, run_pytest

HEADER = (
    "app: netflix\nscreens: {screens}\n"
    "env:\n  EMAIL: ${{NETFLIX_EMAIL}}\n  PASSWORD: ${{NETFLIX_PASSWORD:secret}}\n"
    "  HELP_TITLE: Netflix Help Center\n  SHOT: help page\n  MENU: Menu\n"
    "steps:\n  - launch_app\n  - run_flow: {flows}/login.yaml\n    when: {{visible: login.sign_in}}\n"
    "  - run_flow: {flows}/choose_profile.yaml\n"
)
WEB = (
    "  - tap: tab_bar.my_netflix\n"
    "  - tap: {{accessibility_id: '${{MENU}}'}}\n"
    "  - tap: menu.help\n"
    "  - switch_context: webview\n"
    "  - assert_visible: Contact Us\n"                           # text -> xpath text match
    "  - assert_text: {{element: {{css: h1}}, equals: '${{HELP_TITLE}}'}}\n"
    "  - screenshot: '${{SHOT}}'\n"
    "  - switch_context: native\n"
)
ANDROID_ONLY = "  - tap: {{android: {{accessibility_id: My Netflix}}}}\n"


def run(tmp_path: Path, scenarios: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Outcome per test id: (passed | failure | error, message)."""
    folder = tmp_path / "s"
    folder.mkdir()
    fields = {"screens": os.path.relpath(NETFLIX_SCREENS, folder),
              "flows": os.path.relpath(NETFLIX_FLOWS, folder)}
    for name, steps in scenarios.items():
        (folder / f"{name}.yaml").write_text(f"name: {name}\n" + (HEADER + steps).format(**fields))
    junit = tmp_path / "junit.xml"
    done = run_pytest([str(folder), "--device", "sim-android", "--device", "sim-ios", f"--junitxml={junit}"],
                      tmp_path)
    assert junit.is_file(), done.stdout + done.stderr
    outcomes = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        failure = case.find("failure")
        if failure is None:
            failure = case.find("error")
        outcomes[case.get("name", "")] = ("passed", "") if failure is None else (
            failure.tag, failure.get("message", "") + (failure.text or ""))
    return outcomes


@pytest.fixture(scope="module")
def where(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("language")


@pytest.fixture(scope="module")
def outcomes(where: Path) -> dict[str, tuple[str, str]]:
    return run(where, {"web": WEB, "android_only": ANDROID_ONLY})


@pytest.mark.parametrize("device", ["sim-android", "sim-ios"])
def test_a_web_view_is_driven_with_web_strategies_and_substituted_fields(
    outcomes: dict[str, tuple[str, str]], where: Path, device: str
) -> None:
    assert outcomes[f"web[{device}]"] == ("passed", "")
    [result] = [r for r in results(where / "allure-results")
                if r["name"] == "web" and device in json.dumps(r["parameters"])]
    names = [a["name"] for step in all_steps(result) for a in step.get("attachments", [])]
    assert "help page" in names  # `screenshot: "${SHOT}"`, substituted at run time


def test_an_element_for_one_platform_works_there_and_is_a_located_error_on_the_other(outcomes) -> None:
    assert outcomes["android_only[sim-android]"] == ("passed", "")
    kind, message = outcomes["android_only[sim-ios]"]
    assert kind == "failure"
    assert "selector has no ios locator: add an `ios:` block" in message
    assert "android_only.yaml:15:5" in message  # the step that uses it
