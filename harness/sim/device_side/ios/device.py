"""The simulated iPhone as the host sees it over usbmux: its facts, pairing and installed apps.

The app under test lives in the simulated device (`SimLink`); lockdown, the installation proxy and the
stand-in WebDriverAgent read these facts, so the driver, the session's capabilities and the report agree.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from harness.ports import free_port
from harness.sim.device_side.ios.certs import Pairing
from harness.sim.device_side.journal import Journal
from harness.sim.device_side.simlink import SimLink
from harness.sim.device_side.strict import Strictness
from harness.sim.flavours import xcuitest_device as phone

LOCKDOWN_PORT = 62078
FIRST_SERVICE_PORT = 49152
WDA_BUNDLE = "com.facebook.WebDriverAgentRunner.xctrunner"


@dataclass(frozen=True)
class IosFacts:
    """lockdown's GetValue answers and WebDriverAgent's device info: the direct mode's phone
    (flavours/xcuitest_device.py), so both modes report one device; the udid is a real device's, as
    the driver runs it in real-device mode."""

    udid: str = "00008110-000A1B2C3D4E5F60"
    product_version: str = phone.PLATFORM_VERSION
    build_version: str = "21F79"
    product_type: str = "iPhone14,7"  # an iPhone 14
    device_name: str = phone.NAME
    model: str = "iPhone"
    screen: tuple[int, int] = (round(phone.GEOMETRY.width), round(phone.GEOMETRY.height))  # points
    scale: int = round(phone.GEOMETRY.scale)
    status_bar: int = round(phone.GEOMETRY.status_bar)  # points
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
        # WebDriverAgent's MJPEG port, which the driver forwards at session start: a port of its own per
        # device, so two drivers on one machine never share the forward (another driver's probe of a
        # shared port would reach this device); the stand-in agent serves no MJPEG stream there
        self.mjpeg_port = free_port()
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
