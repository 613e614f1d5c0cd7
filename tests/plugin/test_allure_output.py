"""What a run leaves in allure-results, JUnit XML and pytest-html: screenshots per --screenshots mode, step
lists with their source lines, the server the run really used."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from harness.sim.server import SimServer
from tests.helpers import all_steps, results, run_pytest

SCENARIO = """name: Two taps and a picture
app: netflix
steps:
  - launch_app
  - tap: {accessibility_id: nowhere}
    optional: true
    timeout: 0.2
  - screenshot: start screen
  - tap: {id: missing}
    timeout: 0.2
"""


def attachments(step: dict[str, Any]) -> list[str]:
    return [a["name"] for a in step.get("attachments", [])]


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    (tmp_path / "pictures.yaml").write_text(SCENARIO)
    return tmp_path


def run_with(scenario: Path, *extra: str) -> dict[str, Any]:
    done = run_pytest(["pictures.yaml", "--device", "sim-android", "-p", "no:cacheprovider",
                      "--alluredir", "results", *extra], None, cwd=scenario)
    assert done.code == 1, done.output
    (result,) = results(scenario / "results")
    return result


def test_each_step_attaches_a_screenshot_to_every_step_that_did_something(scenario: Path) -> None:
    result = run_with(scenario, "--screenshots", "each-step")
    by_title = {s["name"]: s for s in all_steps(result)}
    assert attachments(by_title["Launch app"]) == ["screenshot"]
    assert attachments(by_title["Screenshot start screen"]) == ["start screen"]  # its own, no second
    optional = next(s for t, s in by_title.items() if t.startswith("Tap accessibility_id='nowhere'"))
    # an optional step that failed: the scenario went on, and the step shows what went wrong
    assert attachments(optional) == ["last commands", "screenshot on failure", "page source"]
    failing = next(s for t, s in by_title.items() if t.startswith("Tap id='missing'"))
    assert attachments(failing) == ["last commands", "screenshot on failure", "page source"]
    assert "screenshot on failure" not in attachments(result)


def test_never_takes_no_screenshot_but_keeps_the_failure_text(scenario: Path) -> None:
    result = run_with(scenario, "--screenshots", "never")
    everywhere = attachments(result) + [a for s in all_steps(result) for a in attachments(s)]
    assert "screenshot on failure" not in everywhere and "screenshot" not in everywhere
    assert "page source" not in everywhere
    assert "start screen" in everywhere  # a screenshot: step is part of the scenario
    assert "last commands" in everywhere  # on the failing step
    assert result["statusDetails"]["message"].startswith("harness.runner.errors.ElementNotFound")


def test_junit_xml_and_pytest_html_carry_the_steps(scenario: Path) -> None:
    done = run_pytest(["pictures.yaml", "--device", "sim-android", "-p", "no:cacheprovider",
                       "--junitxml", "junit.xml", "--html", "report.html", "--self-contained-html"],
                      None, cwd=scenario)
    assert done.code == 1, done.output
    case = ElementTree.parse(scenario / "junit.xml").getroot().find(".//testcase")
    assert case is not None
    steps = [(p.get("name"), p.get("value")) for p in case.iter("property")]
    assert steps[0] == ("step 1", "passed: Launch app (pictures.yaml:4:5)")
    assert steps[1][1].startswith("broken: Tap accessibility_id='nowhere'") or steps[1][1].startswith(
        "failed: Tap accessibility_id='nowhere'")
    assert steps[-1][0] == "step 4" and steps[-1][1].startswith("failed: Tap id='missing'")
    assert steps[-1][1].endswith("(pictures.yaml:9:5)")

    html = (scenario / "report.html").read_text()
    data = json.loads(html.split('data-jsonblob="')[1].split('"')[0].replace("&#34;", '"')
                      .replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                      .replace("&#x27;", "'").replace("&#39;", "'"))
    test = next(iter(data["tests"].values()))[0]
    log = "".join(test["log"]) if isinstance(test["log"], list) else test["log"]
    assert "scenario steps" in log and "failed: Tap id=" in log and "(pictures.yaml:9:5)" in log
    assert any(extra["format_type"] == "image" and extra["content"].startswith("data:image/png;base64,")
               for extra in test["extras"]), "the failure screenshot"
    assert "screenshot on failure" in html


def test_environment_says_which_server_the_run_used(scenario: Path) -> None:
    sim = SimServer(platform="android").start()
    try:
        done = run_pytest(["pictures.yaml", "--device", "sim-android", "-p", "no:cacheprovider",
                          "--alluredir", "results", "--appium-url", sim.url], None, cwd=scenario)
    finally:
        sim.stop()
    assert done.code == 1, done.output
    props = dict(line.split("=", 1) for line in (scenario / "results" / "environment.properties")
                 .read_text().splitlines())
    assert props["device.sim-android"] == f"android / UiAutomator2 / {sim.url}".replace(":", "\\:")
    assert props["sim-android.server"].startswith("simulated device ")
