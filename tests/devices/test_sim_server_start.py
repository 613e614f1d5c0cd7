"""start_server_for with a `start: sim` profile starts the simulated device (harness.sim.server)."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from harness.devices.profiles import load_profile
from harness.devices.servers import start_server_for


def test_sim_profile_starts_the_simulated_device(tmp_path: Path):
    handle = start_server_for(load_profile("sim-android", environ={}), tmp_path)
    try:
        assert handle.url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(handle.url + "/status", timeout=5) as response:
            assert json.load(response)["value"]["ready"] is True
    finally:
        handle.stop()
