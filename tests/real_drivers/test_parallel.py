"""`-n 2` with a real-driver profile: each pytest-xdist worker gets its own Appium server and simulated
phone, with its own udid and ports, and both run at once."""

from __future__ import annotations

from pathlib import Path

from harness.sim.device_side.journal import Journal, read
from harness.sim.device_side.start import start_device_side
from harness.sim.server import SimServer
from tests.helpers import run_pytest, write_scenario


def test_two_workers_drive_two_simulated_phones_through_two_servers(tmp_path: Path) -> None:
    for name in ("first", "second"):
        write_scenario(tmp_path / "scenarios", name, "  - assert_visible: tab_bar.my_netflix\n")
    run = run_pytest([str(tmp_path / "scenarios"), "--device", "appium-sim-android", "-n", "2",
                      "--dist", "load"], tmp_path, timeout=300)
    assert run.code == 0, run.output[-3000:]
    assert sorted(r["status"] for r in run.results()) == ["passed", "passed"]
    seen = {}
    for worker in ("gw0", "gw1"):
        journal = tmp_path / "artifacts" / f"device-appium-sim-android-{worker}.jsonl"
        kinds = {e.body: e.request for e in read(journal) if e.layer == "alias"}
        assert any(e.layer == "uia2" and e.request == "POST /session" for e in read(journal)), worker
        seen[worker] = (kinds["udid"], kinds["systemPort"])
    assert seen["gw0"][0] == "emulator-5554" and seen["gw1"][0] == "emulator-5556"
    assert seen["gw0"][1] != seen["gw1"][1]


def test_each_worker_has_its_own_iphone(tmp_path: Path) -> None:
    sides = [start_device_side(SimServer(platform="ios"), tmp_path / str(i), Journal(None), index=i)
             for i in (0, 1)]
    try:
        caps = [side.capabilities for side in sides]
        assert [c["udid"] for c in caps] == ["00008110-0000000000000000", "00008110-0000000000000001"]
        assert caps[0]["webDriverAgentUrl"] != caps[1]["webDriverAgentUrl"]
        assert sides[0].env != sides[1].env  # a usbmuxd socket each
    finally:
        for side in sides:
            side.stop()
