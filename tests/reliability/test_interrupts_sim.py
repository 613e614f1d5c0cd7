"""Tier 6 on the simulated device: SIGINT and SIGTERM end `harness run` the same clean way, with and
without xdist workers; a worker killed mid-scenario gets a broken result from the controller."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.reliability.helpers import (
    BLOCKING_STEP,
    children_of,
    eventually,
    group_members,
    harness_run,
    scenario,
)


def folder_with_a_blocking_scenario(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    scenario(folder, "a_passes", "  - launch_app\n  - assert_visible: {text: Sign In}\n")
    scenario(folder, "b_blocks", "  - launch_app\n" + BLOCKING_STEP)
    scenario(folder, "c_not_reached", "  - launch_app\n")
    return folder


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_ends_the_run_cleanly(tmp_path: Path, sig: signal.Signals) -> None:
    folder = folder_with_a_blocking_scenario(tmp_path)
    child = harness_run(tmp_path, [str(folder), "--device", "sim-android"])
    child.wait_for_text("b_blocks.yaml::b_blocks[sim-android]")
    time.sleep(1.5)  # inside the blocking step (the sim answers in milliseconds; margin for a busy machine)
    sent = time.monotonic()
    child.signal(sig)
    code = child.wait(timeout=30)
    took = time.monotonic() - sent
    output = child.text()
    print(f"\nsim, {sig.name}: exit {code}, ended {took:.1f}s after the signal")
    assert code == 2, output[-3000:]
    assert took < 5, f"the run took {took:.1f}s to end after {sig.name}"
    results = child.results_by_name()
    assert set(results) == {"a_passes", "b_blocks"}, "the scenario not reached has no result"
    assert results["a_passes"]["status"] == "passed"
    broken = results["b_blocks"]
    assert broken["status"] == "broken"
    assert broken["statusDetails"]["message"].startswith(
        f"harness.runner.errors.Interrupted: interrupted ({sig.name}) at step {folder / 'b_blocks.yaml'}:5:5")
    assert (child.results / "environment.properties").is_file()
    assert (child.results / "categories.json").is_file()
    assert f"interrupted ({sig.name}): 2 of 3 scenarios ran, 1 not run" in output
    assert f"harness run: interrupted ({sig.name})" in output
    assert group_members(child.pid) == []


@pytest.mark.parametrize("how", ["SIGTERM to the controller", "SIGINT to the group"])
def test_a_signal_stops_every_worker(tmp_path: Path, how: str) -> None:
    folder = tmp_path / "scenarios"
    for name in ("w1", "w2", "w3", "w4"):
        scenario(folder, name, "  - launch_app\n" + BLOCKING_STEP)
    child = harness_run(tmp_path, [str(folder), "--device", "sim-android", "-n", "2"])
    child.wait_for_text("scheduling tests via")
    workers = eventually(lambda: len(children_of(child.pid)) >= 2 and children_of(child.pid))
    assert len(workers) == 2
    time.sleep(3.5)  # both workers inside their blocking step (margin for a busy machine)
    sent = time.monotonic()
    if how.startswith("SIGTERM"):
        child.signal(signal.SIGTERM)  # as `kill` does: the controller only
    else:
        os.killpg(child.pid, signal.SIGINT)  # as Ctrl-C in a terminal does: every process of the group
    name = how.split()[0]
    code = child.wait(timeout=30)
    took = time.monotonic() - sent
    output = child.text()
    print(f"\nsim -n 2, {how}: exit {code}, ended {took:.1f}s after the signal")
    assert code == 2, output[-3000:]
    assert took < 8, f"the run took {took:.1f}s to end"
    results = child.results_by_name()
    assert len(results) == 2, f"the two running scenarios, nothing else: {sorted(results)}"
    for result in results.values():
        assert result["status"] == "broken"
        assert f"interrupted ({name}) at step" in result["statusDetails"]["message"]
    assert (child.results / "environment.properties").is_file()
    assert group_members(child.pid) == [], "no worker outlives the run"
    time.sleep(1.0)
    assert len(list(child.results.glob("*-result.json"))) == 2, "nothing written after the run ended"


def test_a_killed_worker_gets_a_broken_result(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "k_blocks", "  - launch_app\n" + BLOCKING_STEP.replace("60", "6"))
    child = harness_run(tmp_path, [str(folder), "--device", "sim-android", "-n", "1"])
    child.wait_for_text("scheduling tests via")
    workers = eventually(lambda: children_of(child.pid))
    time.sleep(1.5)
    os.kill(workers[0], signal.SIGKILL)
    code = child.wait(timeout=60)
    output = child.text()
    assert code == 1, output[-3000:]
    result = child.results_by_name()["k_blocks"]
    assert result["status"] == "broken"
    assert result["statusDetails"]["message"].startswith("the worker gw0 that ran this scenario died")
    assert {p["name"]: p["value"] for p in result["parameters"]} == {"device": "'sim-android'"}
    assert "BROKEN" in output[output.index("= scenarios ="):]
    assert group_members(child.pid) == []
