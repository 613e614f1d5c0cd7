"""The Android device side, assembled: the phone, its adb control server, the fake SDK, the stand-in."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from harness.ports import free_port
from harness.sim.device_side.android.control import ControlServer
from harness.sim.device_side.android.device import AndroidDevice, AndroidFacts
from harness.sim.device_side.android.sdk import make_sdk
from harness.sim.device_side.android.uia2 import Uia2Server
from harness.sim.device_side.journal import Journal
from harness.sim.device_side.simlink import SimLink
from harness.sim.device_side.strict import Strictness
from harness.sim.server import SimServer

FIRST_EMULATOR_PORT = 5554  # emulator-5554, -5556...: worker N is the N-th emulator


class AndroidDeviceSide:
    """What the UiAutomator2 driver talks to: ANDROID_HOME with a fake adb, and the on-device server."""


    def __init__(self, sim: SimServer, workdir: Path, journal: Journal, index: int = 0):
        self.journal = journal
        self.strictness = Strictness()
        self.link = SimLink(sim)
        facts = AndroidFacts(udid=f"emulator-{FIRST_EMULATOR_PORT + 2 * index}")
        self.device = AndroidDevice(self.link, facts, journal, self.strictness)
        self.device.uia2 = Uia2Server(self.device)
        self.control = ControlServer(self.device)
        self.sdk = workdir / "android-sdk"
        self.system_port: int | None = None

    def start(self) -> AndroidDeviceSide:
        self.control.start()
        make_sdk(self.sdk, self.control.port, self.control.token)
        self.system_port = free_port()
        for value, kind in self.replacements.items():
            self.journal.alias(value, kind)
        return self

    def stop(self) -> None:
        self.device.end_instrumentation()  # the adb process of the server exits
        self.device.uia2.stop()
        self.control.stop()
        self.link.delete_session()
        shutil.rmtree(self.sdk, ignore_errors=True)

    @property
    def env(self) -> dict[str, str]:
        """For the Appium server: where the driver finds adb."""
        return {"ANDROID_HOME": str(self.sdk), "ANDROID_SDK_ROOT": str(self.sdk)}

    @property
    def capabilities(self) -> dict[str, Any]:
        """What a session needs to reach this phone: its serial and the port the server is forwarded to."""
        return {"udid": self.device.facts.udid, "systemPort": self.system_port}

    @property
    def replacements(self) -> dict[str, str]:
        """Run-specific values and what they are: transcripts show `<kind>` instead."""
        return {self.device.facts.udid: "udid", str(self.sdk): "sdk", str(self.system_port): "systemPort"}
