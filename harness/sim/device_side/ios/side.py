"""The iOS device side, assembled: the phone, its pairing, usbmuxd with lockdown behind it, the agent."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from harness.sim.device_side.ios.certs import make_pairing
from harness.sim.device_side.ios.device import IosDevice, IosFacts
from harness.sim.device_side.ios.usbmux import Usbmuxd
from harness.sim.device_side.ios.wda import WdaServer
from harness.sim.device_side.journal import Journal
from harness.sim.device_side.simlink import SimLink
from harness.sim.device_side.strict import Strictness
from harness.sim.server import SimServer


class IosDeviceSide:
    """What the XCUITest driver talks to in real-device mode: WebDriverAgent's URL and usbmuxd."""


    def __init__(self, sim: SimServer, workdir: Path, journal: Journal, index: int = 0):
        self.journal = journal
        self.strictness = Strictness()
        self.link = SimLink(sim)
        self.folder = workdir / "iphone"
        facts = IosFacts(udid=f"00008110-{index:016X}")
        self.device = IosDevice(self.link, facts, make_pairing(self.folder), journal, self.strictness)
        self.usbmuxd = Usbmuxd(self.device, self.folder / "usbmuxd.sock")
        self.wda = WdaServer(self.device)

    def start(self) -> IosDeviceSide:
        self.usbmuxd.start()
        self.wda.start()
        for value, kind in self.replacements.items():
            self.journal.alias(value, kind)
        return self

    def stop(self) -> None:
        self.wda.stop()
        self.usbmuxd.stop()
        self.link.delete_session()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def env(self) -> dict[str, str]:
        return {"USBMUXD_SOCKET_ADDRESS": self.usbmuxd.address}

    @property
    def capabilities(self) -> dict[str, Any]:
        """Real-device mode with a running agent: the udid, the agent's URL, the OS version and the
        device's own MJPEG port."""
        return {"udid": self.device.facts.udid, "webDriverAgentUrl": self.wda.url,
                "platformVersion": self.device.facts.product_version,
                "mjpegServerPort": self.device.mjpeg_port}

    @property
    def replacements(self) -> dict[str, str]:
        """Run-specific values and what they are: transcripts show `<kind>` instead."""
        return {self.device.facts.udid: "udid", self.wda.url: "wda", str(self.folder): "folder",
                str(self.device.mjpeg_port): "mjpegServerPort"}
