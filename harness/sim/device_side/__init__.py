"""The device side of the simulated device: what the real Appium drivers talk to below themselves.

The direct mode (harness.sim.server) answers the W3C protocol itself; here the real UiAutomator2 and
XCUITest drivers run in a real Appium 3 server and the simulated device plays the *device*: a fake
Android SDK (adb) with a stand-in UiAutomator2 server, or a stand-in WebDriverAgent with usbmuxd,
lockdown and installation_proxy fakes. Every command then goes through the real driver's routing,
argument checks and rewriting, over the same simulated device model (see docs/devices.md).

    side = start_device_side(sim, workdir, journal, index=0)   # threads in this process
    appium_env.update(side.env); session_caps.update(side.capabilities)
    ...
    side.stop()
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from harness.sim.device_side.journal import Journal
from harness.sim.device_side.strict import Strictness
from harness.sim.server import SimServer


class DeviceSide(Protocol):
    platform: str
    journal: Journal
    strictness: Strictness

    def start(self) -> Any: ...

    def stop(self) -> None: ...

    @property
    def env(self) -> dict[str, str]:
        """Environment of the Appium server (where the driver finds the device)."""
        ...

    @property
    def capabilities(self) -> dict[str, Any]:
        """Capabilities each session needs to reach this device (udid, ports, URLs)."""
        ...

    @property
    def replacements(self) -> dict[str, str]:
        """Run-specific values and what they are (the journal records them; transcripts hide them)."""
        ...


def start_device_side(sim: SimServer, workdir: Path, journal: Journal, index: int = 0) -> DeviceSide:
    """The device side of `sim` (its platform decides which), started; `index` keeps workers apart."""
    side: DeviceSide
    if sim.platform == "android":
        from harness.sim.device_side.android.side import AndroidDeviceSide

        side = AndroidDeviceSide(sim, workdir, journal, index)
    else:
        from harness.sim.device_side.ios.side import IosDeviceSide

        side = IosDeviceSide(sim, workdir, journal, index)
    side.start()
    return side
