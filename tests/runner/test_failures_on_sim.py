"""Tier 2: broken scenarios fail with the right Allure status, message and attachments."""

from __future__ import annotations

import pytest

from tests.helpers import Run, all_attachments, all_steps, run_pytest, write_scenario


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    tmp = tmp_path_factory.mktemp("broken")
    folder = tmp / "scenarios"
    write_scenario(folder, "wrong_locator", "  - tap: {accessibility_id: No such button}\n    timeout: 1\n")
    write_scenario(folder, "wrong_text",
                   "  - tap: tab_bar.my_netflix\n"
                   "  - assert_text: {element: my_netflix.title, equals: Your Netflix}\n    timeout: 1\n")
    write_scenario(folder, "optional_miss",
                   "  - tap: {text: Maybe later}\n    optional: true\n    timeout: 0.5\n"
                   "  - assert_visible: tab_bar.my_netflix\n")
    write_scenario(folder, "teardown_after_failure",
                   "  - assert_visible: {text: Not there}\n    timeout: 0.5\n",
                   extra="on_complete:\n  - screenshot: teardown ran\n")
    write_scenario(folder, "optional_refused", "  - tap: {xpath: '//['}\n    optional: true\n"
                   "  - assert_visible: tab_bar.my_netflix\n")
    write_scenario(folder, "refused_selector", "  - tap: {xpath: '//['}\n")
    (folder / "invalid.yaml").write_text("name: Invalid\nsteps:\n  - tapp: Account\n")
    return run_pytest([str(folder), "--device", "sim-android"], tmp)


def test_exit_code_and_the_rest_of_the_run_goes_on(broken_run: Run) -> None:
    assert broken_run.code == 1
    results = broken_run.by_name()
    assert results["optional_miss[sim-android]"]["status"] == "passed"
    assert results["optional_refused[sim-android]"]["status"] == "passed"  # a refused step honours optional
    assert len(results) == 7


def test_missing_element_is_a_failure_with_artifacts(broken_run: Run) -> None:
    result = broken_run.by_name()["wrong_locator[sim-android]"]
    assert result["status"] == "failed"
    message = result["statusDetails"]["message"]
    assert "no element matched accessibility_id='No such button' within 1s" in message
    assert "wrong_locator.yaml:" in message
    names = {a["name"] for a in all_attachments(result)}
    assert {"screenshot on failure", "page source", "last commands", "scenario.yaml"} <= names
    source = next(a for a in all_attachments(result) if a["name"] == "page source")
    assert "<hierarchy" in (broken_run.results_dir / source["source"]).read_text()
    failed = [s for s in all_steps(result) if s["status"] == "failed"]
    assert failed and failed[-1]["name"].startswith("Tap accessibility_id='No such button'")


def test_wrong_text_is_an_assertion_with_the_actual_text(broken_run: Run) -> None:
    result = broken_run.by_name()["wrong_text[sim-android]"]
    assert result["status"] == "failed"
    assert "expected the text of my_netflix.title to equal 'Your Netflix', got 'My Netflix'" in (
        result["statusDetails"]["message"])


def test_optional_step_failure_is_a_warning(broken_run: Run) -> None:
    result = broken_run.by_name()["optional_miss[sim-android]"]
    step = next(s for s in all_steps(result) if s["name"].startswith("Tap 'Maybe later'"))
    assert step["status"] == "failed"  # visible in the report, but the scenario passed
    assert "optional step failed" in broken_run.output


def test_on_complete_runs_after_a_failure(broken_run: Run) -> None:
    result = broken_run.by_name()["teardown_after_failure[sim-android]"]
    assert result["status"] == "failed"
    teardown = next(s for s in all_steps(result) if s["name"] == "Teardown (on_complete)")
    assert any(a["name"] == "teardown ran" for a in all_attachments({"steps": [teardown]}))


def test_invalid_scenario_is_broken_with_file_and_line(broken_run: Run) -> None:
    result = broken_run.by_name()["invalid[sim-android]"]
    assert result["status"] == "broken"
    assert 'invalid.yaml:3:5: unknown step or option "tapp" (did you mean "tap"?)' in (
        result["statusDetails"]["message"])



def test_a_selector_the_driver_refuses_is_a_located_failure_with_artifacts(broken_run: Run) -> None:
    result = broken_run.by_name()["refused_selector[sim-android]"]
    assert result["status"] == "failed"
    message = result["statusDetails"]["message"]
    assert message.startswith("harness.runner.errors.StepError: the driver refused find_element:")
    assert "refused_selector.yaml:12:5" in message
    names = {a["name"] for a in all_attachments(result)}
    assert {"screenshot on failure", "page source", "last commands"} <= names
