"""`harness sim` starts a standalone device, prints its URL and stops cleanly on Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import urllib.request

import pytest

from tests.helpers import ROOT, clean_env, run_harness


@pytest.mark.parametrize("when", ["at once", "after a request"])
def test_harness_sim_prints_its_url_and_stops_on_ctrl_c(when: str) -> None:
    """Ctrl-C at any moment after the URL is printed stops the device cleanly (exit 0, "stopped"), even
    the moment the URL appears (a client that reads it and interrupts at once)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "sim", "--platform", "ios", "--port", "0", "--latency-ms", "1"],
        cwd=ROOT, env=clean_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = process.stdout.readline().strip()  # type: ignore[union-attr]
        assert url.startswith("http://127.0.0.1:"), process.stderr.read()  # type: ignore[union-attr]
        if when == "after a request":
            with urllib.request.urlopen(url + "/status", timeout=10) as response:
                assert json.loads(response.read())["value"]["ready"] is True
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert (process.returncode, "Traceback" in err) == (0, False), err
    assert err.rstrip().endswith("stopped"), err


def test_harness_sim_reports_a_bad_model(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nscreens: {}\n")
    done = run_harness("sim", "--app", str(bad), timeout=60)
    assert done.code == 2
    assert f"{bad}:1:1: missing required key" in done.stderr


def test_harness_sim_refuses_a_non_loopback_address():
    done = run_harness("sim", "--host", "0.0.0.0", timeout=60)
    assert done.code == 2
    assert "0.0.0.0 is not a loopback address" in done.stderr
