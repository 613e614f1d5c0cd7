"""The plugin collects scenario files (not flows or screen maps) as one item per device; tags are markers."""

from __future__ import annotations

from xml.etree import ElementTree

from tests.helpers import run_pytest


def collect(*args: str) -> list[str]:
    done = run_pytest(["scenarios/netflix", "--collect-only", "-q", "-o", "testpaths=",
                       "-p", "no:cacheprovider", *args], None, timeout=120)
    assert done.code in (0, 5), done.output
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_one_item_per_scenario_and_device_flows_and_screens_left_out() -> None:
    items = collect("--device", "sim-android", "--device", "sim-ios")
    assert len(items) == 8  # four scenarios, two devices
    assert "scenarios/netflix/sign_out_all_devices.yaml::Sign out of all devices[sim-ios]" in items
    assert not [i for i in items if "/flows/" in i or "/screens/" in i]


def test_nothing_is_collected_without_a_device() -> None:
    assert collect() == []


def test_tags_and_platforms_are_markers_and_k_matches_names() -> None:
    assert collect("--device", "sim-android", "--device", "sim-ios", "-m", "smoke") == [
        "scenarios/netflix/sign_out_all_devices.yaml::Sign out of all devices[sim-android]",
        "scenarios/netflix/sign_out_all_devices.yaml::Sign out of all devices[sim-ios]",
    ]
    ios_regression = collect("--device", "sim-android", "--device", "sim-ios", "-m", "regression and ios")
    assert len(ios_regression) == 3 and all(i.endswith("[sim-ios]") for i in ios_regression)
    assert collect("--device", "sim-android", "-k", "Cancel") == [
        "scenarios/netflix/cancel_sign_out.yaml::"
        "Cancel at the sign-out confirmation stays signed in[sim-android]"
    ]


def test_failure_location_points_at_the_scenario_line(tmp_path) -> None:
    scenario = tmp_path / "broken.yaml"
    scenario.write_text(
        "# a comment\nname: Broken on purpose\nsteps:\n  - tap: {id: nowhere}\n    timeout: 0.2\n")
    junit = tmp_path / "junit.xml"
    done = run_pytest([str(scenario), "--device", "sim-android", "-o", "testpaths=", "-p", "no:cacheprovider",
                       "-rf", f"--junitxml={junit}", "-o", "junit_family=xunit1"], None, timeout=120)
    assert done.code == 1
    assert "scenario: Broken on purpose[sim-android]" in done.stdout
    assert f"no element matched id='nowhere' within 0.2s (tried id='nowhere')\n  at step {scenario}:4:5" in (
        done.stdout)
    assert "Traceback" not in done.stdout
    case = ElementTree.parse(junit).getroot().find(".//testcase")
    assert case is not None and case.get("line") == "1"  # 0-based: the `name:` line, line 2
