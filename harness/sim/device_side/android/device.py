"""The simulated Android phone as adb sees it: its facts, packages, port forwards and instrumentation.

The app under test and its screens live in the simulated device (`SimLink`); what only a phone has (the
UiAutomator2 server's packages and instrumentation process, adb port forwards, the launcher) lives here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from harness.sim.device_side.journal import Journal
from harness.sim.device_side.simlink import SimLink
from harness.sim.device_side.strict import Strictness
from harness.sim.flavours import uiautomator2_device as phone

SERVER_PACKAGE = "io.appium.uiautomator2.server"
SERVER_TEST_PACKAGE = "io.appium.uiautomator2.server.test"
SETTINGS_PACKAGE = "io.appium.settings"
INSTRUMENTATION = f"{SERVER_TEST_PACKAGE}/androidx.test.runner.AndroidJUnitRunner"
SERVER_DEVICE_PORT = 6790  # where the UiAutomator2 server listens on the phone
LAUNCHER = "com.google.android.apps.nexuslauncher/.NexusLauncherActivity"
APP_PID = 5151
SERVER_PID = 4242


@dataclass(frozen=True)
class AndroidFacts:
    """What `getprop` and the UiAutomator2 server's device info report: the direct mode's phone
    (flavours/uiautomator2_device.py), so both modes report one device."""

    udid: str = phone.UDID
    api_level: int = phone.API_LEVEL
    release: str = phone.PLATFORM_VERSION
    model: str = phone.MODEL
    manufacturer: str = phone.MANUFACTURER
    brand: str = phone.BRAND
    screen: tuple[int, int] = phone.GEOMETRY.pixel_size  # pixels
    density: int = phone.DENSITY  # dpi
    status_bar: int = phone.status_bar_px()  # pixels
    navigation_bar: int = round(phone.GEOMETRY.bottom_inset * phone.GEOMETRY.scale)  # pixels
    server_version: str = "8.7.0"  # the UiAutomator2 server the pinned driver ships with

    @property
    def properties(self) -> dict[str, str]:
        return {
            "ro.build.version.sdk": str(self.api_level),
            "ro.build.version.release": self.release,
            "ro.product.model": self.model,
            "ro.product.manufacturer": self.manufacturer,
            "ro.product.brand": self.brand,
            "ro.kernel.qemu": "1",
            "ro.build.characteristics": "emulator",
        }


@dataclass(eq=False)
class Instrumentation:
    """The on-device UiAutomator2 server process (`am instrument -w`): running while `ended` is unset."""

    ended: threading.Event = field(default_factory=threading.Event)


class AndroidDevice:
    """State of the phone; the adb and shell tables and the UiAutomator2 stand-in act on it."""

    def __init__(self, link: SimLink, facts: AndroidFacts, journal: Journal, strictness: Strictness):
        self.link = link
        self.facts = facts
        self.journal = journal
        self.strictness = strictness
        self.lock = threading.RLock()
        self.app_package: str = link.model.android.package
        self.app_activity: str = link.model.android.activity
        self.packages = {SETTINGS_PACKAGE: 1, SERVER_PACKAGE: 1, SERVER_TEST_PACKAGE: 1, self.app_package: 1}
        self.forwards: dict[int, int] = {}  # local port -> device port
        self.instrumentation: Instrumentation | None = None
        self.started = threading.Event()  # set while an instrumentation runs
        self.uia2: Any = None  # the UiAutomator2 stand-in (android/uia2.py), serving while forwarded

    # ---- the app under test ----------------------------------------------------------------------
    def app_state(self) -> int:
        return self.link.app_state("appId", self.app_package)

    def app_running(self) -> bool:
        return self.app_state() >= 3

    def focused_component(self) -> str:
        if self.app_state() == 4:
            activity = self.link.execute("mobile: getCurrentActivity")
            return f"{self.app_package}/{activity}"
        return LAUNCHER

    # ---- the UiAutomator2 server -----------------------------------------------------------------
    def start_instrumentation(self) -> Instrumentation:
        with self.lock:
            self.end_instrumentation()
            self.instrumentation = Instrumentation()
            self.started.set()
            return self.instrumentation

    def end_instrumentation(self, which: Instrumentation | None = None) -> None:
        """Stop the server process (`which`: only if that one still runs)."""
        with self.lock:
            running = self.instrumentation
            if running is None or (which is not None and which is not running):
                return
            self.instrumentation = None
            self.started.clear()
        running.ended.set()

    def wait_for_server(self, timeout: float) -> bool:
        """Whether the server process runs now or starts within `timeout` seconds."""
        return self.started.wait(timeout)

    @property
    def server_running(self) -> bool:
        return self.instrumentation is not None
