"""lockdownd on the simulated iPhone (device port 62078): device values, the TLS session, services.

After StartSession the client switches the connection to TLS (the host certificate of the pair
record on its side, the phone's own on this side). To model a new request, add a function with
`@REQUESTS.entry("Name")`; an unknown request is answered with an error and fails the driver session.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable
from typing import Any

from harness.sim.device_side.ios import framing
from harness.sim.device_side.ios.device import IosDevice
from harness.sim.device_side.strict import NotModelled
from harness.sim.device_side.table import Table

SERVICES = ("com.apple.mobile.installation_proxy", "com.apple.webinspector")  # served by services.py
Answer = dict[str, Any]
RequestHandler = Callable[[IosDevice, dict[str, Any]], Answer]


REQUESTS: Table[str, RequestHandler] = Table()


def serve(device: IosDevice, sock: socket.socket) -> None:
    """One lockdown connection, until the client closes it."""
    conn: socket.socket = sock
    try:
        while True:
            request = framing.read_service(conn)
            name = str(request.get("Request"))
            shown = {k: v for k, v in request.items() if k not in ("Label", "ProtocolVersion", "Request")}
            handler = REQUESTS.handlers.get(name)
            if handler is None:
                device.strictness.failed(NotModelled("lockdown", name))
                device.journal.record("lockdown", name, shown, "not modelled")
                framing.send_service(conn, {"Request": name, "Error": "UnknownRequest"})
                continue
            try:
                answer = handler(device, request)
            except NotModelled as exc:
                device.strictness.failed(exc)
                answer = {"Error": "NotModelled"}
            device.journal.record("lockdown", name, shown, answer.get("Error", ""))
            framing.send_service(conn, {"Request": name, **answer})
            if name == "StartSession" and answer.get("EnableSessionSSL"):
                conn = device.pairing.tls.wrap_socket(conn, server_side=True)
    except (framing.Closed, OSError, ssl.SSLError):
        return


@REQUESTS.entry("QueryType")
def query_type(device: IosDevice, request: dict[str, Any]) -> Answer:
    return {"Type": "com.apple.mobile.lockdown"}


@REQUESTS.entry("GetValue")
def get_value(device: IosDevice, request: dict[str, Any]) -> Answer:
    if request.get("Domain"):
        raise NotModelled("lockdown", f"GetValue in domain {request['Domain']}")
    values = device.facts.values
    key = request.get("Key")
    if key is None:
        return {"Value": values}
    if key not in values:
        raise NotModelled("lockdown", f"GetValue {key}")
    return {"Key": key, "Value": values[key]}


@REQUESTS.entry("StartSession")
def start_session(device: IosDevice, request: dict[str, Any]) -> Answer:
    if request.get("HostID") != device.host_id:
        return {"Error": "InvalidHostID"}
    return {"SessionID": "HARNESS-SIMULATED-SESSION", "EnableSessionSSL": True}


@REQUESTS.entry("StopSession")
def stop_session(device: IosDevice, request: dict[str, Any]) -> Answer:
    return {}


@REQUESTS.entry("StartService")
def start_service(device: IosDevice, request: dict[str, Any]) -> Answer:
    name = str(request.get("Service"))
    if name not in SERVICES:
        device.strictness.failed(NotModelled("lockdown", f"StartService {name}"))
        return {"Service": name, "Error": "InvalidService"}
    return {"Service": name, "Port": device.start_service(name), "EnableServiceSSL": False}
