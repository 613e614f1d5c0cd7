"""`harness report --open` serves a full report on 127.0.0.1 and stops, with nothing left, on SIGINT and
SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, clean_env


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_open_serves_on_loopback_and_stops_on_a_signal(
    tmp_path: Path, sent: signal.Signals, allure_results_two_scenarios
):
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.cli", "report", "--results",
         str(allure_results_two_scenarios.results_dir), "--output", str(tmp_path / "report"), "--no-history",
         "--open"],
        cwd=ROOT, env=clean_env({"BROWSER": "true"}),  # webbrowser runs `true`: no browser window
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = ""
        deadline = time.monotonic() + 120
        while "serving" not in line and time.monotonic() < deadline:
            line = process.stderr.readline()
            assert line or process.poll() is None, process.communicate()
        url = re.search(r"at (http://127\.0\.0\.1:\d+/index\.html)", line)
        assert url, line
        with urllib.request.urlopen(url.group(1), timeout=10) as response:
            assert response.status == 200 and b"<html" in response.read().lower()
        time.sleep(0.3)  # the browser command (`true`) has come and gone
        assert children(process.pid) == []  # the server lives in the harness process: no node to leak

        os.kill(process.pid, sent)
        code = process.wait(timeout=15)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == (0 if sent == signal.SIGINT else 128 + signal.SIGTERM)
    with pytest.raises(OSError):
        urllib.request.urlopen(url.group(1), timeout=3)
