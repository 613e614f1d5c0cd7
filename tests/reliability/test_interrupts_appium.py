"""Tier 6 on the real Appium 3 server with Appium's fake driver: signals and kills of `harness run` and of
its workers, and a server killed mid-run. No Appium process outlives the harness, however it ends."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.helpers import FAKE_PROFILE, require_node_tools
from tests.reliability.helpers import (
    children_of,
    eventually,
    group_members,
    harness_run,
    scenario,
    servers_logging_to,
)

pytestmark = pytest.mark.appium
BLOCK = "  - wait_for: {id: never_there}\n    timeout: 60\n"
PASS = "  - assert_visible: {id: sign_in}\n"


@pytest.fixture(autouse=True)
def _node_tools() -> None:
    require_node_tools()


def started(child, artifacts: Path, count: int = 1) -> list[int]:
    def up() -> list[int] | None:
        found = servers_logging_to(artifacts)
        return found if len(found) >= count else None

    servers = eventually(up, timeout=60)
    assert servers, f"no Appium server came up:\n{child.text()[-3000:]}"
    return servers


def test_sigterm_during_a_scenario_stops_appium_and_writes_the_results(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "a_blocks", BLOCK, app="fake")
    scenario(folder, "b_not_reached", PASS, app="fake")
    child = harness_run(tmp_path, [str(folder), "--device", str(FAKE_PROFILE)])
    servers = started(child, tmp_path / "artifacts")
    child.wait_for_server_log(tmp_path / "artifacts", "never_there")  # inside the blocking step
    sent = time.monotonic()
    child.signal(signal.SIGTERM)
    code = child.wait(timeout=40)
    took = time.monotonic() - sent
    print(f"\nappium, SIGTERM: exit {code}, ended {took:.1f}s after the signal")
    assert code == 2, child.text()[-3000:]
    assert took < 12, f"{took:.1f}s to end"
    results = child.results_by_name()
    assert set(results) == {"a_blocks"}
    assert results["a_blocks"]["status"] == "broken"
    assert "interrupted (SIGTERM) at step" in results["a_blocks"]["statusDetails"]["message"]
    assert (child.results / "environment.properties").is_file()
    assert servers_logging_to(tmp_path / "artifacts") == [] and group_members(child.pid) == []
    assert all(not Path(f"/proc/{pid}").exists() for pid in servers)


def test_sigkill_of_harness_run_leaves_no_appium(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "a_blocks", BLOCK, app="fake")
    child = harness_run(tmp_path, [str(folder), "--device", str(FAKE_PROFILE)])
    started(child, tmp_path / "artifacts")
    child.wait_for_text("a_blocks.yaml::a_blocks[fake-device]")
    sent = time.monotonic()
    child.signal(signal.SIGKILL)  # no handler of the harness runs
    child.wait(timeout=10)
    left = eventually(lambda: not servers_logging_to(tmp_path / "artifacts"), timeout=15)
    assert left, f"Appium still runs: {servers_logging_to(tmp_path / 'artifacts')}"
    print(f"\nappium, SIGKILL of harness run: server gone {time.monotonic() - sent:.1f}s after")
    assert time.monotonic() - sent < 10


def test_sigkill_of_a_worker_leaves_no_appium_and_a_broken_result(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "a_blocks", BLOCK.replace("60", "8"), app="fake")
    child = harness_run(tmp_path, [str(folder), "--device", str(FAKE_PROFILE), "-n", "1"])
    started(child, tmp_path / "artifacts")
    time.sleep(1.0)
    workers = children_of(child.pid)
    assert len(workers) == 1
    os.kill(workers[0], signal.SIGKILL)
    gone = eventually(lambda: not servers_logging_to(tmp_path / "artifacts") or None, timeout=15)
    code = child.wait(timeout=60)
    assert gone, "the killed worker's Appium was stopped by its watchdog"
    assert code == 1, child.text()[-3000:]
    result = child.results_by_name()["a_blocks"]
    assert result["status"] == "broken" and "died before it reported a result" in (
        result["statusDetails"]["message"])
    assert servers_logging_to(tmp_path / "artifacts") == []


def test_a_server_killed_mid_run_is_named_and_restarted_once(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "a_server_dies", BLOCK.replace("60", "20"), app="fake")
    scenario(folder, "b_after_restart", PASS, app="fake")
    child = harness_run(tmp_path, [str(folder), "--device", str(FAKE_PROFILE)])
    servers = started(child, tmp_path / "artifacts")
    child.wait_for_server_log(tmp_path / "artifacts", "never_there")
    for pid in servers:
        os.kill(pid, signal.SIGKILL)
    code = child.wait(timeout=120)
    output = child.text()
    assert code == 1, output[-3000:]
    results = child.results_by_name()
    died = results["a_server_dies"]
    assert died["status"] == "broken"
    message = died["statusDetails"]["message"]
    assert "the Appium server at http://127.0.0.1:" in message and "died while the scenario ran" in message
    assert "its url" not in message and "appium-fake-device-main.log" in message
    assert results["b_after_restart"]["status"] == "passed", output[-3000:]
    logs = sorted(p.name for p in (tmp_path / "artifacts").glob("appium-*.log"))
    assert logs == ["appium-fake-device-main.died.log", "appium-fake-device-main.log"]
    assert servers_logging_to(tmp_path / "artifacts") == []


def test_sigterm_with_two_workers_stops_both_servers_and_nothing_is_written_after(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    for name in ("w1", "w2", "w3"):
        scenario(folder, name, BLOCK, app="fake")
    child = harness_run(tmp_path, [str(folder), "--device", str(FAKE_PROFILE), "-n", "2"])
    started(child, tmp_path / "artifacts", count=2)
    child.wait_for_server_log(tmp_path / "artifacts", "never_there")
    time.sleep(1.0)  # the other worker reaches its blocking step too
    sent = time.monotonic()
    child.signal(signal.SIGTERM)
    code = child.wait(timeout=60)
    took = time.monotonic() - sent
    print(f"\nappium -n 2, SIGTERM: exit {code}, ended {took:.1f}s after the signal")
    assert code == 2, child.text()[-3000:]
    assert servers_logging_to(tmp_path / "artifacts") == [] and group_members(child.pid) == []
    results = child.results_by_name()
    assert results and all(r["status"] == "broken" for r in results.values()), sorted(results)
    count = len(list(child.results.glob("*")))
    time.sleep(2.0)
    assert len(list(child.results.glob("*"))) == count, "nothing is written after the run ended"
