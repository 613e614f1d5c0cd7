"""The simulated iPhone as the host sees it over usbmux: its facts, pairing and installed apps.

The app under test lives in the simulated device (`SimLink`); lockdown, the installation proxy and the
stand-in WebDriverAgent read these facts, so the driver, the session's capabilities and the report agree.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from harness.sim.device_side.ios.certs import Pairing
from harness.sim.device_side.journal import Journal
from harness.sim.device_side.simlink import SimLink
from harness.sim.device_side.strict import Strictness

LOCKDOWN_PORT = 62078
FIRST_SERVICE_PORT = 49152
WDA_BUNDLE = "com.facebook.WebDriverAgentRunner.xctrunner"


@dataclass(frozen=True)
class IosFacts:
    """lockdown's GetValue answers and WebDriverAgent's device info (the direct mode's values)."""

    udid: str = "00008110-000A1B2C3D4E5F60"
    product_version: str = "17.5"
    build_version: str = "21F79"
    product_type: str = "iPhone15,2"
    device_name: str = "Simulated iPhone"
    model: str = "iPhone"
    screen: tuple[int, int] = (390, 844)  # points
    scale: int = 3
    status_bar: int = 47  # points
    wda_version: str = "10.1.0"  # the WebDriverAgent the pinned XCUITest driver ships with

    @property
    def values(self) -> dict[str, Any]:
        return {
            "ProductVersion": self.product_version,
            "BuildVersion": self.build_version,
            "ProductType": self.product_type,
            "ProductName": "iPhone OS",
            "DeviceName": self.device_name,
            "DeviceClass": self.model,
            "UniqueDeviceID": self.udid,
            "HardwareModel": "D73AP",
            "CPUArchitecture": "arm64e",
        }


class IosDevice:
    """State of the phone; the usbmux, lockdown and service fakes and the WDA stand-in act on it."""

    def __init__(self, link: SimLink, facts: IosFacts, pairing: Pairing, journal: Journal,
                 strictness: Strictness):
        self.link = link
        self.facts = facts
        self.pairing = pairing
        self.journal = journal
        self.strictness = strictness
        self.bundle_id: str = link.model.ios.bundle_id
        self.apps = {self.bundle_id: "1.0", WDA_BUNDLE: facts.wda_version}
        self.host_id = "HARNESS-SIMULATED-HOST"
        self.system_buid = "HARNESS-SIMULATED-BUID"
        self.services: dict[int, str] = {}  # port -> service started by lockdown
        self._next_port = FIRST_SERVICE_PORT
        self._lock = threading.Lock()

    def start_service(self, name: str) -> int:
        with self._lock:
            port = self._next_port
            self._next_port += 1
            self.services[port] = name
            return port

    def pair_record(self) -> dict[str, Any]:
        host, device = self.pairing.host, self.pairing.device
        return {
            "HostID": self.host_id,
            "SystemBUID": self.system_buid,
            "HostCertificate": host.certificate,
            "HostPrivateKey": host.private_key,
            "RootCertificate": host.certificate,
            "RootPrivateKey": host.private_key,
            "DeviceCertificate": device.certificate,
            "WiFiMACAddress": "00:00:00:00:00:00",
        }
