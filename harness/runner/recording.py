"""Optional screen recording of a scenario (`--record-video`), where the driver supports it.

UiAutomator2 records with `screenrecord` on the device; XCUITest needs ffmpeg on the host. A driver that
has no recording (the simulated device, the fake driver) gives a warning once and the run goes on.
"""

from __future__ import annotations

import base64
import binascii
import warnings
from typing import Any

from selenium.common.exceptions import WebDriverException


class RecordingWarning(UserWarning):
    """Screen recording was asked for but the driver cannot do it."""


class ScreenRecorder:
    def __init__(self, driver: Any, enabled: bool, time_limit_s: int = 600):
        self.driver = driver
        self.enabled = enabled
        self.time_limit_s = time_limit_s
        self.started = False

    def start(self) -> None:
        if not self.enabled:
            return
        try:
            self.driver.start_recording_screen(timeLimit=self.time_limit_s, forceRestart=True)
            self.started = True
        except WebDriverException as exc:
            reason = (getattr(exc, "msg", None) or str(exc)).strip().splitlines()[0]
            warnings.warn(RecordingWarning(f"screen recording is not available on this device: {reason}"),
                          stacklevel=2)

    def stop(self) -> bytes | None:
        """The MP4 bytes, or None when nothing was recorded."""
        if not self.started:
            return None
        self.started = False
        try:
            encoded = self.driver.stop_recording_screen()
        except WebDriverException:
            return None
        try:
            return base64.b64decode(encoded) if encoded else None
        except (binascii.Error, ValueError):
            return None
