"""The lockdown services of the simulated iPhone that the XCUITest driver uses.

installation_proxy: with `bundleId` the driver asks whether the app is installed (Lookup).
webinspector: listing contexts connects the remote debugger, which finds no web application here (the
simulated device's web views are not reachable through the real drivers). To model a new command, add a
function with `@COMMANDS.entry(("service", "Command"))`; an unknown one fails the driver session.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

from harness.sim.device_side.ios import framing
from harness.sim.device_side.ios.device import IosDevice
from harness.sim.device_side.strict import NotModelled
from harness.sim.device_side.table import Table

INSTALLATION_PROXY = "com.apple.mobile.installation_proxy"
WEB_INSPECTOR = "com.apple.webinspector"
Replies = list[dict[str, Any]]
CommandHandler = Callable[[IosDevice, dict[str, Any]], Replies]


COMMANDS: Table[tuple[str, str], CommandHandler] = Table()


def serve(device: IosDevice, service: str, sock: socket.socket) -> None:
    try:
        while True:
            request = framing.read_service(sock)
            if not isinstance(request, dict):
                continue  # the web inspector client sends " " after each message to flush it
            name = str(request.get("Command") or request.get("__selector"))
            handler = COMMANDS.handlers.get((service, name))
            layer = service.rsplit(".", 1)[-1]
            if handler is None:
                device.strictness.failed(NotModelled(layer, name))
                device.journal.record(layer, name, request.get("ClientOptions"), "not modelled")
                framing.send_service(sock, {"Error": "UnknownCommand", "Status": "Complete"})
                continue
            device.journal.record(layer, name, request.get("ClientOptions") or _rpc_keys(request))
            for reply in handler(device, request):
                framing.send_service(sock, reply)
    except (framing.Closed, OSError):
        return


def _app(bundle: str, version: str) -> dict[str, Any]:
    return {"CFBundleIdentifier": bundle, "CFBundleVersion": version, "CFBundleShortVersionString": version,
            "ApplicationType": "User"}


@COMMANDS.entry((INSTALLATION_PROXY, "Lookup"))
def lookup(device: IosDevice, request: dict[str, Any]) -> Replies:
    wanted = (request.get("ClientOptions") or {}).get("BundleIDs")
    found = {bundle: _app(bundle, version) for bundle, version in device.apps.items()
             if not wanted or bundle in wanted}
    return [{"LookupResult": found, "Status": "Complete"}]


@COMMANDS.entry((INSTALLATION_PROXY, "Browse"))
def browse(device: IosDevice, request: dict[str, Any]) -> Replies:
    apps = [_app(bundle, version) for bundle, version in device.apps.items()]
    return [{"CurrentList": apps, "CurrentIndex": 0, "Total": len(apps), "Status": "BrowsingApplications"},
            {"Status": "Complete"}]


def _rpc_keys(request: dict[str, Any]) -> list[str] | None:
    argument = request.get("__argument")
    return sorted(argument) if isinstance(argument, dict) else None


@COMMANDS.entry((WEB_INSPECTOR, "_rpc_reportIdentifier:"))
def report_identifier(device: IosDevice, request: dict[str, Any]) -> Replies:
    """The remote debugger introduces itself; webinspectord answers with the apps it can debug: none."""
    connection = (request.get("__argument") or {}).get("WIRConnectionIdentifierKey", "")
    return [{"__selector": "_rpc_reportConnectedApplicationList:",
             "__argument": {"WIRConnectionIdentifierKey": connection, "WIRApplicationDictionaryKey": {}}}]
