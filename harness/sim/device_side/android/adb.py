"""adb itself on the simulated phone: its global options and commands, `shell` handed to the shell table.

To model a new adb command, add a function with `@ADB.command("name")`: it gets the device and the
arguments after the command name and returns the Output. `forward tcp:<local> tcp:6790` is how the
driver reaches the UiAutomator2 server: the stand-in starts listening on <local> only then (the driver
refuses a systemPort that is already taken) and stops at `forward --remove`.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from harness.sim.device_side.android.device import SERVER_DEVICE_PORT, AndroidDevice
from harness.sim.device_side.android.output import Output, text
from harness.sim.device_side.android.shell import SHELL
from harness.sim.device_side.strict import NotModelled
from harness.sim.device_side.table import Table

AdbHandler = Callable[[AndroidDevice, list[str]], Output]
GLOBAL_OPTIONS = {"-P": True, "-s": True, "-H": True, "-t": True, "-a": False, "-d": False, "-e": False}
ADB_PORT = "5037"
VERSION = "Android Debug Bridge version 1.0.41\nVersion 35.0.2-12147458\n"


class AdbTable(Table[str, AdbHandler]):
    def command(self, name: str) -> Callable[[AdbHandler], AdbHandler]:
        return self.entry(name)

    def run(self, device: AndroidDevice, argv: list[str]) -> Output:
        args = strip_global_options(device, argv)
        if not args:
            raise NotModelled("adb", shlex.join(argv), "no command")
        handler = self.handlers.get(args[0])
        if handler is None:
            raise NotModelled("adb", shlex.join(args))
        return handler(device, args[1:])


def strip_global_options(device: AndroidDevice, argv: list[str]) -> list[str]:
    """`-P 5037 -s emulator-5554 shell ...` -> `shell ...`, checking the port and the serial."""
    args = list(argv)
    while args and args[0] in GLOBAL_OPTIONS:
        flag = args.pop(0)
        value = args.pop(0) if GLOBAL_OPTIONS[flag] and args else None
        if flag == "-s" and value != device.facts.udid:
            raise NotModelled("adb", shlex.join(argv), f"device '{value}' not found: this phone is "
                              f"{device.facts.udid}")
        if flag == "-P" and value != ADB_PORT:
            raise NotModelled("adb", shlex.join(argv), f"adb server port {value}")
        if flag not in ("-s", "-P"):
            raise NotModelled("adb", shlex.join(argv), f"global option {flag}")
    return args


ADB = AdbTable()


@ADB.command("version")
def version(device: AndroidDevice, args: list[str]) -> Output:
    return Output(VERSION)


@ADB.command("start-server")
def start_server(device: AndroidDevice, args: list[str]) -> Output:
    return Output()


@ADB.command("devices")
def devices(device: AndroidDevice, args: list[str]) -> Output:
    if args not in ([], ["-l"]):
        raise NotModelled("adb", shlex.join(["devices", *args]))
    return text(f"List of devices attached\n{device.facts.udid}\tdevice\n")


@ADB.command("shell")
def shell(device: AndroidDevice, args: list[str]) -> Output:
    if not args:
        raise NotModelled("adb", "shell", "an interactive shell")
    return SHELL.run(device, " ".join(args))  # as adb does: the words joined, the phone's sh splits them


@ADB.command("forward")
def forward(device: AndroidDevice, args: list[str]) -> Output:
    if args == ["--list"]:
        return text("\n".join(f"{device.facts.udid} tcp:{local} tcp:{remote}"
                              for local, remote in device.forwards.items()))
    if len(args) == 2 and args[0] == "--remove":
        local = _tcp_port(args[1], args)
        with device.lock:
            remote = device.forwards.pop(local, None)
        if remote == SERVER_DEVICE_PORT and device.uia2 is not None:
            device.uia2.stop()
        return Output()
    if len(args) == 2:
        local, remote = _tcp_port(args[0], args), _tcp_port(args[1], args)
        with device.lock:
            device.forwards[local] = remote
        if remote == SERVER_DEVICE_PORT and device.uia2 is not None:
            device.uia2.listen(local)
        return Output()
    raise NotModelled("adb", shlex.join(["forward", *args]))


def _tcp_port(spec: str, args: list[str]) -> int:
    kind, _, number = spec.partition(":")
    if kind != "tcp" or not number.isdigit():
        raise NotModelled("adb", shlex.join(["forward", *args]), f"forward spec {spec}")
    return int(number)
