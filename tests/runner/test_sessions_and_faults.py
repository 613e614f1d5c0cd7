"""Tier 2: sessions are reused across scenarios; faults of the app model fail (or are survived) rightly;
`harness run` runs in parallel workers and prints the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.sim.server import SimServer
from tests.helpers import ROOT, all_steps, run_harness, run_pytest

SIM_ANDROID = (ROOT / "device_profiles" / "sim-android.yaml").read_text()


def profile_with(tmp_path: Path, name: str, extra: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(SIM_ANDROID.replace("name: sim-android", f"name: {name}") + extra)
    return path


def test_one_session_serves_every_scenario(tmp_path: Path) -> None:
    with SimServer(platform="android") as server:
        text = SIM_ANDROID.replace("name: sim-android", "name: shared").replace(
            "  start: sim\n", f"  url: {server.url}\n")
        profile = tmp_path / "shared.yaml"
        profile.write_text(text)
        run = run_pytest(["scenarios/netflix", "--device", str(profile)], tmp_path)
        assert run.code == 0, run.output[-3000:]
        assert len(server.counts) == 1, "four scenarios, one Appium session"
        counts = server.command_counts(next(iter(server.counts)))
    # the scenarios start with launch_app, so the harness adds no reset of its own
    assert counts["execute:mobile: terminateApp"] == 4
    assert counts["execute:mobile: activateApp"] == 4


def test_app_crash_fails_the_scenario_with_artifacts(tmp_path: Path) -> None:
    profile = profile_with(tmp_path, "crashing", 'capabilities:\n  "harness:faults":\n'
                           "    crash: {screen: menu, element: account}\n")
    run = run_pytest(["scenarios/netflix/sign_out_all_devices.yaml", "--device", str(profile)], tmp_path)
    assert run.code == 1
    result = run.by_name()["Sign out of all devices[crashing]"]
    assert result["status"] == "failed"
    message = result["statusDetails"]["message"]
    assert message.startswith("harness.runner.errors.AppNotRunning: the app is not running (crashed or "
                              "closed): com.netflix.mediaclient is not running; "
                              "no element matched account.title")
    assert "flows/open_account.yaml" in result["statusDetails"]["message"]


def test_a_stale_element_is_found_again(tmp_path: Path) -> None:
    profile = profile_with(tmp_path, "stale", 'capabilities:\n  "harness:faults":\n'
                           "    stale_once: [{screen: my_netflix, element: menu}]\n")
    run = run_pytest(["scenarios/netflix/sign_out_all_devices.yaml", "--device", str(profile)], tmp_path)
    assert run.code == 0, run.output[-3000:]


def test_late_element_is_waited_for_within_the_step_timeout(tmp_path: Path) -> None:
    late = ('capabilities:\n  "harness:faults":\n'
            "    late_elements: [{screen: my_netflix, element: menu, after_ms: 1500}]\n")
    patient = run_pytest(["scenarios/netflix/sign_out_all_devices.yaml", "--device",
                          str(profile_with(tmp_path, "late", late))], tmp_path / "patient")
    assert patient.code == 0, patient.output[-3000:]
    hasty = run_pytest(["scenarios/netflix/sign_out_all_devices.yaml", "--step-timeout", "0.5", "--device",
                        str(profile_with(tmp_path, "late", late))], tmp_path / "hasty")
    assert hasty.code == 1
    message = hasty.by_name()["Sign out of all devices[late]"]["statusDetails"]["message"]
    assert "no element matched my_netflix.menu within 0.5s" in message


@pytest.mark.parametrize("workers", ["2"])
def test_harness_run_in_parallel_workers(tmp_path: Path, workers: str) -> None:
    results = tmp_path / "results"
    results.mkdir()
    (results / "notes.txt").write_text("mine")
    stale = results / "6f1c2d3e-0a1b-4c2d-8e3f-405162738495-result.json"
    stale.write_text('{"uuid": "x", "name": "old"}')  # from an earlier run: cleaned
    (results / "my-result.json").write_text('{"uuid": "mine"}')  # a user's, by name: kept
    done = run_harness("run", "scenarios/netflix", "--device", "sim-android", "--device", "sim-ios",
                       "-n", workers, "--alluredir", str(results))
    assert done.code == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "8 passed" in done.stdout, done.stdout[-2000:]
    summary = done.stdout[done.stdout.index("= scenarios ="):]
    assert "Sign out of all devices" in summary and summary.count("PASS") == 8
    assert len(list(results.glob("*-result.json"))) == 9  # 8 and the user's own
    assert not stale.exists() and (results / "my-result.json").exists()
    assert f"{results}: left 2 files that are not Allure's own" in done.stdout + done.stderr
    assert (results / "notes.txt").read_text() == "mine"  # not Allure's: kept
    assert (results / "environment.properties").is_file()
    assert f"harness report --results {results}" in done.stderr


def test_steps_of_a_skipped_condition_are_marked(tmp_path: Path) -> None:
    run = run_pytest(["scenarios/netflix/security_and_privacy_entries.yaml", "--device", "sim-ios"], tmp_path)
    assert run.code == 0, run.output[-3000:]
    result = run.by_name()["Security and Privacy lists its entries[sim-ios]"]
    titles = [s["name"] for s in all_steps(result)]
    # a fresh device is signed out: the login flow runs, and the profile picker is answered
    assert "Run flow flows/login.yaml" in titles
    assert any(t.startswith("Tap profiles.first_profile") for t in titles)
