"""A fake usbmuxd on a unix socket (USBMUXD_SOCKET_ADDRESS): the one device, its pair record, Connect.

appium-ios-device asks usbmuxd for the device list and the pair record, then `Connect`s to a device
port: lockdown (62078), or a service port lockdown handed out. After a successful Connect the socket is
a plain pipe to that port, served by lockdown.py or services.py. To model a new message, add a function
with `@MESSAGES.entry("Type")`; an unknown message fails the driver session, naming it.
"""

from __future__ import annotations

import os
import plistlib
import socket
import socketserver
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.sim.device_side.ios import framing, lockdown, services
from harness.sim.device_side.ios.device import LOCKDOWN_PORT, IosDevice
from harness.sim.device_side.strict import NotModelled
from harness.sim.device_side.table import Table
from harness.sim.serving import Serving

DEVICE_ID = 1
RESULT_OK, RESULT_BAD_COMMAND, RESULT_CONNECTION_REFUSED = 0, 1, 3
Answer = dict[str, Any] | None  # None: the connection was handed to a device port
MessageHandler = Callable[[IosDevice, dict[str, Any], socket.socket, int], Answer]


MESSAGES: Table[str, MessageHandler] = Table()


class Usbmuxd:
    def __init__(self, device: IosDevice, path: Path):
        self.device = device
        self.path = path
        self.serving = Serving("sim-usbmuxd")

    @property
    def address(self) -> str:
        return f"unix:{self.path}"

    def start(self) -> Usbmuxd:
        if self.path.exists():
            self.path.unlink()
        handler = type("Handler", (_Connection,), {"device": self.device})
        server = _Server(str(self.path), handler)
        os.chmod(self.path, 0o600)
        self.serving.start(server)
        return self

    def stop(self) -> None:
        self.serving.stop()
        self.path.unlink(missing_ok=True)


class _Server(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


class _Connection(socketserver.BaseRequestHandler):
    device: IosDevice

    def handle(self) -> None:
        sock: socket.socket = self.request
        try:
            while True:
                tag, message = framing.read_usbmux(sock)
                kind = str(message.get("MessageType"))
                handler = MESSAGES.handlers.get(kind)
                shown = {k: v for k, v in message.items() if k not in ("ProgName", "ClientVersionString")}
                if handler is None:
                    error = NotModelled("usbmux", kind)
                    self.device.strictness.failed(error)
                    self.device.journal.record("usbmux", kind, shown, "not modelled")
                    framing.send_usbmux(sock, tag, {"MessageType": "Result", "Number": RESULT_BAD_COMMAND})
                    continue
                self.device.journal.record("usbmux", kind, _printable(shown))
                answer = handler(self.device, message, sock, tag)
                if answer is None:
                    return
                framing.send_usbmux(sock, tag, answer)
        except (framing.Closed, OSError):
            return


def _printable(message: dict[str, Any]) -> dict[str, Any]:
    return {k: (v if not isinstance(v, bytes) else f"<{len(v)} bytes>") for k, v in message.items()}


@MESSAGES.entry("ListDevices")
def list_devices(device: IosDevice, message: dict[str, Any], sock: socket.socket, tag: int) -> Answer:
    udid = device.facts.udid
    return {"DeviceList": [{"DeviceID": DEVICE_ID, "MessageType": "Attached", "Properties": {
        "ConnectionType": "USB", "DeviceID": DEVICE_ID, "LocationID": 0, "ProductID": 4776,
        "SerialNumber": udid, "USBSerialNumber": udid}}]}


@MESSAGES.entry("ReadPairRecord")
def read_pair_record(device: IosDevice, message: dict[str, Any], sock: socket.socket, tag: int) -> Answer:
    if message.get("PairRecordID") != device.facts.udid:
        return {"MessageType": "Result", "Number": RESULT_BAD_COMMAND}
    return {"PairRecordData": plistlib.dumps(device.pair_record())}


@MESSAGES.entry("ReadBUID")
def read_buid(device: IosDevice, message: dict[str, Any], sock: socket.socket, tag: int) -> Answer:
    return {"BUID": device.system_buid}


@MESSAGES.entry("Connect")
def connect(device: IosDevice, message: dict[str, Any], sock: socket.socket, tag: int) -> Answer:
    raw = int(message.get("PortNumber", 0))
    port = ((raw & 0xFF) << 8) | ((raw >> 8) & 0xFF)  # sent in network byte order
    service = "lockdown" if port == LOCKDOWN_PORT else device.services.get(port)
    if message.get("DeviceID") == DEVICE_ID and port == device.mjpeg_port:  # no stream: as a device says
        device.journal.record("usbmux", "Connect to the MJPEG port", None, "refused")
        return {"MessageType": "Result", "Number": RESULT_CONNECTION_REFUSED}
    if message.get("DeviceID") != DEVICE_ID or service is None:
        device.strictness.failed(NotModelled("usbmux", f"Connect to device port {port}",
                                             "nothing listens there on the simulated iPhone"))
        device.journal.record("usbmux", f"Connect to port {port}", None, "refused")
        return {"MessageType": "Result", "Number": RESULT_CONNECTION_REFUSED}
    framing.send_usbmux(sock, tag, {"MessageType": "Result", "Number": RESULT_OK})
    if service == "lockdown":
        lockdown.serve(device, sock)
    else:
        services.serve(device, service, sock)
    return None
