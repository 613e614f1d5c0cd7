"""Scenarios through Selenium Grid 4: shared one-slot pools, two runs at once, node session timeouts, and a
profile no node serves. Every run must end with the statuses its scenarios earn, never a queue time-out."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.grid.conftest import SESSION_TIMEOUT, GridSetup, profile, run_on_grid, write_walk
from tests.grid.grid_processes import LOOPBACK_HEX, listening_addresses
from tests.helpers import ROOT, Run, clean_env

pytestmark = [pytest.mark.appium, pytest.mark.grid]


def statuses(run: Run) -> dict[str, str]:
    return {name: result["status"] for name, result in run.by_name().items()}


def test_the_grid_listens_on_loopback_only(grid: GridSetup) -> None:
    addresses = listening_addresses(grid.grid.pids())
    assert addresses and addresses <= LOOPBACK_HEX, addresses  # hub, event bus and nodes alike


def test_two_profiles_with_one_slot_each_share_the_grid_with_two_workers(grid: GridSetup,
                                                                        tmp_path: Path) -> None:
    for name in ("first", "second", "third"):
        write_walk(tmp_path / "scenarios", name)
    run = run_on_grid(grid, tmp_path / "scenarios", tmp_path, ["grid-android", "grid-fake"], "-n", "2")
    assert run.code == 0, run.output[-4000:]
    assert statuses(run) == {f"{n}[{d}]": "passed" for n in ("first", "second", "third")
                             for d in ("grid-android", "grid-fake")}
    assert "timed out" not in run.output
    results = run.by_name()
    node = next(p["value"] for p in results["first[grid-android]"]["parameters"] if p["name"] == "grid node")
    assert node.startswith("http://127.0.0.1:") and node not in grid.url
    fake = results["first[grid-fake]"]
    fake_node = next(p["value"] for p in fake["parameters"] if p["name"] == "grid node")
    assert fake_node != node  # each profile ran on its own node
    server = next(p["value"] for p in results["first[grid-android]"]["parameters"] if p["name"] == "server")
    assert server == "Selenium Grid 4.48.0"


def test_two_runs_at_once_on_one_grid(grid: GridSetup, tmp_path: Path) -> None:
    """The runs take the profiles in opposite orders: each holds what the other wants next unless it lets
    go of it when it moves on."""
    procs = []
    orders = {"run-a": ["grid-android", "grid-fake"], "run-b": ["grid-fake", "grid-android"]}
    for run_name, devices in orders.items():
        folder = tmp_path / run_name / "scenarios"
        for name in ("one", "two"):
            write_walk(folder, f"{run_name}-{name}")
        command = [sys.executable, "-m", "pytest", str(folder), "--device", profile(devices[0]),
                   "--device", profile(devices[1]), "-p", "no:randomly", "-p", "no:cacheprovider",
                   "-o", "testpaths=", "--alluredir", str(tmp_path / run_name / "allure-results"),
                   "--harness-artifacts", str(tmp_path / run_name / "artifacts")]
        procs.append(subprocess.Popen(command, cwd=ROOT, env=clean_env({"HARNESS_GRID_URL": grid.url}),
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    outputs = [proc.communicate(timeout=300)[0] for proc in procs]
    for run_name, proc, output in zip(("run-a", "run-b"), procs, outputs, strict=True):
        run = Run(proc.returncode, output, "", tmp_path / run_name / "allure-results")
        assert run.code == 0, output[-4000:]
        assert set(statuses(run).values()) == {"passed"} and len(statuses(run)) == 4, statuses(run)


def test_a_held_session_that_the_node_ended_is_recreated(grid: GridSetup, tmp_path: Path) -> None:
    """grid-android-keep holds its session while the worker spends longer than the node's session timeout
    on grid-fake; the next grid-android-keep scenario finds it gone, gets a new one, and passes."""
    write_walk(tmp_path / "scenarios", "a", fake_wait=SESSION_TIMEOUT + 1)
    write_walk(tmp_path / "scenarios", "b")
    run = run_on_grid(grid, tmp_path / "scenarios", tmp_path, ["grid-android-keep", "grid-fake"])
    assert run.code == 0, run.output[-4000:]
    assert set(statuses(run).values()) == {"passed"}, statuses(run)
    second = run.by_name()["b[grid-android-keep]"]
    notes = [s["name"] for s in second["steps"] if "was gone" in s["name"]]
    assert len(notes) == 1 and "grid-android-keep" in notes[0] and "a new one was created" in notes[0]
    first = run.by_name()["a[grid-android-keep]"]
    assert not any("was gone" in s["name"] for s in first["steps"])


def test_a_profile_no_node_serves_fails_fast(grid: GridSetup, tmp_path: Path) -> None:
    for name in ("one", "two", "three"):
        write_walk(tmp_path / "scenarios", name)
    began = time.monotonic()
    run = run_on_grid(grid, tmp_path / "scenarios", tmp_path, ["grid-ios-unmatched", "grid-fake"])
    took = time.monotonic() - began
    assert statuses(run) == {**{f"{n}[grid-ios-unmatched]": "broken" for n in ("one", "two", "three")},
                             **{f"{n}[grid-fake]": "passed" for n in ("one", "two", "three")}}
    results = run.by_name()
    first = results["one[grid-ios-unmatched]"]["statusDetails"]["message"]
    assert "No nodes support the capabilities in the request" in first
    for later in ("two", "three"):
        message = results[f"{later}[grid-ios-unmatched]"]["statusDetails"]["message"]
        assert "got no session earlier in this worker" in message and "No nodes support" in message
    assert took < 60, took  # nobody waited the queue's timeout
