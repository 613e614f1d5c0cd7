"""Tier 2, issue 11: every scenario starts clean on both simulated platforms (native context, no dialog
open, the app in the foreground), whatever the scenario before it left; scroll_to waits for a late target
on every strategy; launch_app waits for the app to be in the foreground."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from harness.sim.server import SimServer
from tests.helpers import NETFLIX_FLOWS, ROOT, Run, run_pytest, write_scenario

PLATFORMS = ["android", "ios"]
OPEN_ACCOUNT = NETFLIX_FLOWS / "open_account.yaml"
OPEN_HELP = "  - tap: tab_bar.my_netflix\n  - tap: my_netflix.menu\n  - tap: menu.help\n"


def profile(tmp_path: Path, platform: str, name: str, extra: str = "", *, url: str | None = None) -> Path:
    text = (ROOT / "device_profiles" / f"sim-{platform}.yaml").read_text()
    text = text.replace(f"name: sim-{platform}", f"name: {name}")
    if url:
        text = text.replace("  start: sim\n", f"  url: {url}\n")
        text = "\n".join(line for line in text.splitlines() if "sim_latency_ms" not in line) + "\n"
    path = tmp_path / f"{name}.yaml"
    path.write_text(text + extra)
    return path


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("launch", [True, False], ids=["launch_app", "reset"])
def test_a_scenario_after_one_that_failed_in_a_web_view_starts_native(tmp_path: Path, platform: str,
                                                                       launch: bool) -> None:
    folder = tmp_path / "scenarios"
    write_scenario(folder, "a_fails_in_web", OPEN_HELP + "  - switch_context: webview\n"
                   "  - assert_visible: {xpath: '//nothing'}\n    timeout: 0.5\n")
    write_scenario(folder, "b_next", "  - tap: tab_bar.my_netflix\n  - assert_visible: my_netflix.title\n",
                   launch=launch)
    run = run_pytest([str(folder), "--device", f"sim-{platform}", "-p", "no:randomly"], tmp_path)
    results = run.by_name()
    assert results[f"a_fails_in_web[sim-{platform}]"]["status"] == "failed"
    assert results[f"b_next[sim-{platform}]"]["status"] == "passed", run.output[-3000:]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_dialog_left_open_is_dismissed_before_the_next_scenario(tmp_path: Path, platform: str) -> None:
    # `reset: none` (an app the harness must not restart): only the clean start stands between them
    extra_app = "    reset: none\n"
    text = profile(tmp_path, platform, "no-reset").read_text()
    marker = "    id: com.netflix.mediaclient\n" if platform == "android" else "    id: com.netflix.Netflix\n"
    path = tmp_path / "no-reset.yaml"
    path.write_text(text.replace(marker, marker + extra_app, 1))
    folder = tmp_path / "scenarios"
    write_scenario(folder, "a_leaves_a_dialog", f"  - run_flow: {OPEN_ACCOUNT}\n"
                   "  - scroll_to: account.sign_out_all_devices\n  - tap: account.sign_out_all_devices\n"
                   "  - assert_visible: sign_out_dialog.title\n")
    (folder / "b_menu_under_it.yaml").write_text(
        f"name: b_menu_under_it\napp: netflix\nscreens: {ROOT / 'scenarios/netflix/screens/netflix.yaml'}"
        + "\nsteps:\n  - assert_not_visible: sign_out_dialog.title\n    timeout: 0.5\n"
        "  - assert_visible: account.title\n")
    run = run_pytest([str(folder), "--device", str(path), "-p", "no:randomly"], tmp_path)
    results = run.by_name()
    assert results["a_leaves_a_dialog[no-reset]"]["status"] == "passed", run.output[-3000:]
    assert results["b_menu_under_it[no-reset]"]["status"] == "passed", run.output[-3000:]


LATE = ('capabilities:\n  "harness:faults":\n'
        "    late_elements: [{screen: account, element: %s, after_ms: 1300}]\n")


@pytest.mark.parametrize(("platform", "target"), [
    ("ios", "account.security_and_privacy"),
    ("ios", "{xpath: \"//*[@label='Security and Privacy']\"}"),
    ("android", "{xpath: \"//*[@text='Security and Privacy']\"}"),
    ("android", "account.security_and_privacy"),
])
def test_scroll_to_finds_a_target_that_appears_late(tmp_path: Path, platform: str, target: str) -> None:
    folder = tmp_path / "scenarios"
    write_scenario(folder, "late_target", f"  - run_flow: {OPEN_ACCOUNT}\n"
                   f"  - scroll_to: {target}\n  - tap: account.sign_out_all_devices\n"
                   "  - assert_visible: sign_out_dialog.title\n")
    path = profile(tmp_path, platform, "late", LATE % "security_and_privacy")
    run = run_pytest([str(folder), "--device", str(path)], tmp_path)
    assert run.by_name()["late_target[late]"]["status"] == "passed", run.output[-3000:]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_scroll_to_a_missing_target_waits_its_timeout(tmp_path: Path, platform: str) -> None:
    folder = tmp_path / "scenarios"
    write_scenario(folder, "missing_target", f"  - run_flow: {OPEN_ACCOUNT}\n"
                   "  - scroll_to: {xpath: \"//*[@name='nothing']\"}\n    timeout: 1.5\n")
    started = time.monotonic()
    run = run_pytest([str(folder), "--device", f"sim-{platform}"], tmp_path)
    result = run.by_name()[f"missing_target[sim-{platform}]"]
    assert result["status"] == "failed"
    assert "did not come into view within 1.5s" in result["statusDetails"]["message"]
    assert result["stop"] - result["start"] >= 1500 and time.monotonic() - started > 1.5


@pytest.mark.parametrize("platform", PLATFORMS)
def test_launch_app_asks_for_the_app_state(tmp_path: Path, platform: str) -> None:
    with SimServer(platform=platform) as server:
        path = profile(tmp_path, platform, "counted", url=server.url)
        folder = tmp_path / "scenarios"
        write_scenario(folder, "launches", "  - tap: tab_bar.my_netflix\n")
        run: Run = run_pytest([str(folder), "--device", str(path)], tmp_path)
        assert run.code == 0, run.output[-3000:]
        counts = server.command_counts(next(iter(server.counts)))
    assert counts["execute:mobile: queryAppState"] >= 1
