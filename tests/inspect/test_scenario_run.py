"""`harness inspect SCENARIO`: the real runner runs it to a step (named as `harness plan` numbers it, by
label, or file:line), or to its failure, and the screen shown is where it stands."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from harness.cli import main
from harness.inspect.scenario_run import StepNotFound, find_step, run_to
from harness.scenario.loader import load_scenario
from tests.inspect.inspect_tier import Screens, write_kestrel_scenario

# the sign-in flow twice: first with a wrong password (the error shows), then the right one
TWICE = """\
  - launch_app: {clear_state: true}
  - tap: consent.essential_only
  - run_flow:
      file: flows/sign_in.yaml
      params: {PASSWORD: not-the-password}
  - run_flow: flows/sign_in.yaml
  - assert_visible: parcels.title
    label: my parcels
"""
TEARDOWN = "on_complete:\n  - tap: parcels.sign_out\n"


@pytest.fixture(scope="module")
def twice(kestrel_copy: Path) -> Path:
    return write_kestrel_scenario(kestrel_copy, "twice", TWICE)


def test_steps_are_found_by_number_label_and_file_line(twice: Path) -> None:
    scenario = load_scenario(twice)
    assert find_step(scenario, "4.5").step is scenario.steps[3].flow.steps[4]
    assert find_step(scenario, "my parcels").step is scenario.steps[4]
    # the flow's file and line: its first call (the second is `4.5`)
    assert find_step(scenario, "flows/sign_in.yaml:13").number == "3.5"
    assert find_step(scenario, f"{twice.name}:14").number == "5"
    assert find_step(scenario, f"{twice}:9:5").number == "2"  # the full path, with a column
    with pytest.raises(StepNotFound, match=r"has no step 6 .*numbers them: 1, 2, 3, 3\.1"):
        find_step(scenario, "6")
    with pytest.raises(StepNotFound, match="a step number as `harness plan` shows it, a label"):
        find_step(scenario, "flows/sign_in.yaml:12")  # not the first line of a step


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["inspect", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("device", ["sim-kestrel-android", "sim-kestrel-ios"])
def test_a_flow_called_twice_stops_in_the_call_named(
    capsys: pytest.CaptureFixture[str], twice: Path, device: str
) -> None:
    code, out, err = run_cli(capsys, str(twice), "--device", device, "--until", "4.5")
    assert code == 0, err
    assert f"{device}: stopped before step 4.5 of {twice}" in err
    assert "    3.5. Tap sign_in.submit" in err and "    4.4. Hide keyboard" in err
    assert "4.5. Tap" not in err
    # before the second submit: still on the sign-in screen, the first attempt's error shown
    assert "That password is not right. Check it and try again." in out
    assert "My parcels" not in out


def test_a_scenario_runs_to_its_end_without_on_complete(screens: Screens, kestrel_copy: Path) -> None:
    path = write_kestrel_scenario(kestrel_copy, "ends", "  - launch_app: {clear_state: true}\n"
                                  "  - run_flow: flows/start.yaml\n" + TEARDOWN)
    device = "sim-kestrel-android"
    outcome = run_to(load_scenario(path), screens.profiles[device], screens.manager, out=None)
    assert (outcome.stopped_before, outcome.failure, outcome.reached) == (None, None, "2.3")
    assert screens.driver(device).find_elements("id", "btnSignOut")  # not signed out: on_complete did not run
    stopped = run_to(load_scenario(path), screens.profiles[device], screens.manager, until="on_complete:1",
                     out=None)
    assert stopped.stopped_before == "on_complete:1"
    assert screens.driver(device).find_elements("id", "btnSignOut")


def test_at_failure_inspects_the_screen_the_failure_left(
    capsys: pytest.CaptureFixture[str], kestrel_copy: Path
) -> None:
    path = write_kestrel_scenario(kestrel_copy, "fails", "  - launch_app: {clear_state: true}\n"
                                  "  - tap: consent.accept_all\n  - assert_visible: parcels.title\n"
                                  "    timeout: 0.5\n" + TEARDOWN)
    code, out, err = run_cli(capsys, str(path), "--device", "sim-kestrel-ios", "--at-failure")
    assert code == 0, err
    assert f"{path} failed after step 3: " in err and "no element matched parcels.title" in err
    assert 'Button "Sign in"' in out  # where the failure stood, not where a teardown would have gone


def test_at_failure_of_a_scenario_that_passes_says_so(
    capsys: pytest.CaptureFixture[str], kestrel_copy: Path
) -> None:
    path = write_kestrel_scenario(kestrel_copy, "passes", "  - launch_app: {clear_state: true}\n")
    code, out, err = run_cli(capsys, str(path), "--device", "sim-kestrel-android", "--at-failure")
    assert code == 1
    assert "the scenario did not fail: inspecting where it ended" in err
    assert 'Button "Accept all"' in out


def test_a_step_its_condition_skips_is_not_reached(
    capsys: pytest.CaptureFixture[str], kestrel_copy: Path
) -> None:
    path = write_kestrel_scenario(kestrel_copy, "skipped", "  - launch_app: {clear_state: true}\n"
                                  "  - run_flow: flows/sign_in.yaml\n    when: {visible: sign_in.submit}\n")
    code, _, err = run_cli(capsys, str(path), "--device", "sim-kestrel-android", "--until", "2.1")
    assert code == 1
    assert "step 2.1 was not reached (a condition skipped it)" in err


def test_a_wrong_step_fails_before_anything_starts(capsys: pytest.CaptureFixture[str], twice: Path) -> None:
    code, _, err = run_cli(capsys, str(twice), "--device", "no-such-profile", "--until", "9")
    assert code == 1
    assert err.startswith(f"harness inspect: {twice} has no step 9")  # the profile was not even read


def test_a_secret_typed_by_the_scenario_appears_nowhere_inspect_prints(
    capsys: pytest.CaptureFixture[str], kestrel_copy: Path, screens: Screens
) -> None:
    """The password typed into a plain field (the tracking number) is on screen: every output masks it."""
    from harness.inspect.serve import PageServer

    secret = screens.profiles["sim-kestrel-android"].env["KESTREL_PASSWORD"]
    path = write_kestrel_scenario(kestrel_copy, "secret", "  - launch_app: {clear_state: true}\n"
                                  "  - run_flow: flows/start.yaml\n"
                                  "  - type_text: {text: \"${PASSWORD}\", into: parcels.tracking_number}\n")
    both = ["--device", "sim-kestrel-android", "--device", "sim-kestrel-ios"]
    code, out, err = run_cli(capsys, str(path), *both, "--all")
    assert code == 0, err
    assert 'TextField "***"' in out  # iOS shows the field's value: the password, masked
    code, fragment, err = run_cli(capsys, str(path), *both, "--yaml")
    assert code == 0, err
    for device in ("sim-kestrel-android", "sim-kestrel-ios"):
        run_to(load_scenario(path), screens.profiles[device], screens.manager)
    server = PageServer(screens.inspector("sim-kestrel-android", "sim-kestrel-ios")).start()
    try:
        with urllib.request.urlopen(server.url + "api/screens", timeout=30) as response:
            body = response.read().decode("utf-8")
    finally:
        server.close()
    state = json.loads(body)
    typed = [e["attributes"] for d in state["devices"] for e in d["elements"]
             if "***" in (e["attributes"].get("text", "") + e["attributes"].get("value", ""))]
    assert len(typed) == 2  # the field, on each platform, with its value masked
    for text in (out, err, fragment, body):
        assert secret not in text
