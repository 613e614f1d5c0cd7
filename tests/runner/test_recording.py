"""Screen recording: attached as MP4 where the driver records, a warning where it cannot."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from selenium.common.exceptions import UnknownMethodException

from harness.runner.recording import RecordingWarning, ScreenRecorder
from tests.helpers import run_pytest


class RecordingDriver:
    def __init__(self, video: bytes):
        self.video, self.calls = video, []

    def start_recording_screen(self, **options: object) -> None:
        self.calls.append(("start", options))

    def stop_recording_screen(self) -> str:
        self.calls.append(("stop", {}))
        return base64.b64encode(self.video).decode()


class NoRecordingDriver:
    def start_recording_screen(self, **options: object) -> None:
        raise UnknownMethodException("Method has not yet been implemented")


def test_recording_returns_the_drivers_video() -> None:
    driver = RecordingDriver(b"\x00\x00\x00\x18ftypmp42")
    recorder = ScreenRecorder(driver, enabled=True, time_limit_s=120)
    recorder.start()
    assert recorder.stop() == b"\x00\x00\x00\x18ftypmp42"
    assert driver.calls[0] == ("start", {"timeLimit": 120, "forceRestart": True})
    assert recorder.stop() is None  # stopped once


def test_recording_off_sends_nothing() -> None:
    driver = RecordingDriver(b"x")
    recorder = ScreenRecorder(driver, enabled=False)
    recorder.start()
    assert recorder.stop() is None and driver.calls == []


def test_a_driver_without_recording_warns() -> None:
    recorder = ScreenRecorder(NoRecordingDriver(), enabled=True)
    with pytest.warns(RecordingWarning, match="not available on this device"):
        recorder.start()
    assert recorder.stop() is None


def test_record_video_on_the_simulated_device_warns_and_passes(tmp_path: Path) -> None:
    run = run_pytest(["scenarios/netflix/cancel_sign_out.yaml", "--device", "sim-android", "--record-video"],
                     tmp_path)
    assert run.code == 0, run.output[-3000:]
    assert "screen recording is not available on this device" in run.output
