"""Tier 6: what a hostile or careless scenario does at run time is bounded: a catastrophic regex in
assert_text, a runaway nested repeat, a nonsense --step-timeout. Each case prints its exit code, the time
to refuse it and the child's peak memory (run with -s to see them)."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest

from tests.helpers import run_harness, run_pytest
from tests.reliability.helpers import harness_run, scenario

RUNAWAY = ("  - launch_app\n  - repeat:\n      times: 1000\n      steps:\n        - repeat:\n"
           "            times: 1000\n            steps:\n              - repeat:\n"
           "                  times: 1000\n                  steps:\n                    - back:\n"
           "                        optional: true\n")


def measured(tmp_path: Path, args: list[str], timeout: float = 60) -> tuple[int, float, str, dict]:
    child = harness_run(tmp_path, args)
    code = child.wait(timeout=timeout)
    took = time.monotonic() - child.started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"\n{tmp_path.name}: exit {code}, {took:.1f}s, largest child's peak RSS so far {peak_mb:.0f} MB")
    return code, took, child.text(), child.results_by_name()


def test_a_catastrophic_pattern_in_assert_text_is_bounded_by_the_step_timeout(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "evil_regex", "  - launch_app\n  - type_text: {text: '" + "a" * 64 + "!', "
             "into: {id: login_email}}\n  - assert_text: {element: {id: login_email}, matches: '^(a|aa)+$'}\n"
             "    timeout: 1\n")
    code, took, output, results = measured(tmp_path, [str(folder), "--device", "sim-android"])
    assert code == 1, output[-3000:]
    assert took < 15
    message = results["evil_regex"]["statusDetails"]["message"]
    assert results["evil_regex"]["status"] == "failed"
    assert "matching the text against '^(a|aa)+$' took longer than the step's timeout" in message
    assert "evil_regex.yaml:6:5" in message


@pytest.mark.parametrize(("device", "field", "target"), [
    ("sim-android", "login_email", "{text_regex: '(a|aa)+$'}"),  # UiSelector textMatches
    ("sim-ios", "Email or phone number", "{ios: {ios_predicate: 'value MATCHES \"(a|aa)+$\"'}}"),
])
def test_a_catastrophic_pattern_in_a_selector_ends_within_the_step_timeout(
    tmp_path: Path, device: str, field: str, target: str
) -> None:
    """The simulated device's own matcher is bounded: the step fails within its 2 s, the run goes on."""
    folder = tmp_path / "scenarios"
    into = "{id: login_email}" if device == "sim-android" else f"{{accessibility_id: {field}}}"
    typing = f"  - type_text: {{text: '{'a' * 64}!', into: {into}}}\n"
    body = f"  - launch_app\n{typing}  - tap: {target}\n    timeout: 2\n  - back\n"
    scenario(folder, "evil_selector", body)
    code, took, output, results = measured(tmp_path, [str(folder), "--device", device])
    assert code == 1, output[-3000:]
    assert took < 20  # interpreter, device and session start included; the old matcher never returned
    result = results["evil_selector"]
    assert result["status"] == "failed", result["statusDetails"]
    steps = [(step["name"].split(" (")[0], step["status"]) for step in result["steps"]]
    assert [status for _, status in steps[:2]] == ["passed", "passed"] and steps[2][1] == "failed"
    message = result["statusDetails"]["message"]
    if device == "sim-android":  # UiAutomator2 passes the device's refusal on
        assert "took longer than 0.5s: the simulated device gives up on it" in message
    else:  # XCUITest turns any WebDriverAgent error into "nothing found"
        assert "no element matched" in message and "within 2s" in message
    assert "evil_selector.yaml:6:5" in message


@pytest.mark.parametrize("how", ["header", "option"])
def test_a_runaway_repeat_fails_at_the_step_where_it_stood(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "scenarios"
    extra = "timeout: 2\n" if how == "header" else ""
    scenario(folder, "runaway", RUNAWAY, extra=extra)
    args = [str(folder), "--device", "sim-android"] + (["--scenario-timeout", "2"] if how == "option" else [])
    code, took, output, results = measured(tmp_path, args)
    assert code == 1, output[-3000:]
    assert took < 15
    result = results["runaway"]
    assert result["status"] == "failed"
    message = result["statusDetails"]["message"]
    assert message.startswith("harness.runner.errors.ScenarioTimeout: the scenario ran past its time limit "
                              "of 2s\n  at step ")
    line = 15 if how == "header" else 14  # the innermost `back`, inside three repeats
    assert message.rstrip().endswith(f"{folder / 'runaway.yaml'}:{line}:23")


@pytest.mark.parametrize("value", ["nan", "0", "-1", "inf", "soon"])
def test_step_timeout_takes_only_positive_finite_seconds(value: str) -> None:
    started = time.monotonic()
    done = run_harness("run", "scenarios/netflix", "--step-timeout", value, timeout=60)
    assert done.code == 2, done.stderr
    assert f"argument --step-timeout: expected a positive number of seconds, got '{value}'" in done.stderr
    through_pytest = run_pytest(["scenarios/netflix", "--device", "sim-android", f"--step-timeout={value}",
                                 "-p", "no:cacheprovider"], None, timeout=60)
    assert through_pytest.code == 4, through_pytest.stderr
    assert "expected a positive number of seconds" in through_pytest.stderr
    print(f"\n--step-timeout {value}: exit 2 / 4 in {time.monotonic() - started:.1f}s")
