"""`harness sim` starts a standalone device, prints its URL and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_harness_sim_prints_its_url_and_stops_on_ctrl_c():
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "sim", "--platform", "ios", "--port", "0", "--latency-ms", "1"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url + "/status", timeout=10) as response:
            assert json.loads(response.read())["value"]["ready"] is True
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert "stopped" in err and "Traceback" not in err


def test_harness_sim_reports_a_bad_model(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nscreens: {}\n")
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "sim", "--app", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert f"{bad}:1:1: missing required key" in done.stderr


def test_harness_sim_refuses_a_non_loopback_address():
    done = subprocess.run(
        [sys.executable, "-m", "harness.cli", "sim", "--host", "0.0.0.0"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "0.0.0.0 is not a loopback address" in done.stderr
