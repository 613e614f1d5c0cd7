"""What devices this machine has: Android AVDs and running devices, iOS simulators.

Each function returns what it found plus, when a tool is absent or fails, one sentence saying so; the
callers (`harness devices`, `harness doctor`) add the command that installs the tool.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from harness.devices.tools import Host

_AVD_NOISE = re.compile(r"^(INFO|WARNING|ERROR|emulator:)|\|")


@dataclass(frozen=True)
class AndroidDevice:
    serial: str
    state: str  # device, offline, unauthorized
    model: str | None = None
    avd: str | None = None  # for emulators: the AVD they run

    @property
    def is_emulator(self) -> bool:
        return self.serial.startswith("emulator-")


@dataclass(frozen=True)
class Simulator:
    name: str
    udid: str
    state: str  # Booted, Shutdown
    runtime: str  # "iOS 17.5"
    available: bool = True

    @property
    def os_version(self) -> str:
        return self.runtime.split(" ", 1)[-1]


@dataclass
class Found:
    """A listing: items, or None with `problem` when the tool is missing or failed."""

    items: list | None
    problem: str | None = None
    tool: str | None = None


def list_avds(host: Host) -> Found:
    """`emulator -list-avds`: the AVDs the emulator can boot."""
    emulator = host.which("emulator")
    if emulator is None:
        return Found(
            None,
            "the Android emulator is not installed (no `emulator` in $ANDROID_HOME/emulator nor on PATH)",
            "emulator",
        )
    result = host.run([emulator, "-list-avds"], timeout=30)
    if not result.ok:
        return Found(None, result.error(), "emulator")
    names = [line.strip() for line in result.stdout.splitlines()]
    return Found([name for name in names if name and not _AVD_NOISE.search(name)])


def adb_devices(host: Host) -> Found:
    """`adb devices -l`: attached devices and running emulators (with the AVD each emulator runs)."""
    adb = host.which("adb")
    if adb is None:
        return Found(
            None, "adb is not installed (no `adb` in $ANDROID_HOME/platform-tools nor on PATH)", "adb"
        )
    result = host.run([adb, "devices", "-l"], timeout=30)
    if not result.ok:
        return Found(None, result.error(), "adb")
    devices = []
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) < 2 or line.startswith(("List of devices", "*")):
            continue
        fields = dict(part.split(":", 1) for part in parts[2:] if ":" in part)
        avd = None
        if parts[0].startswith("emulator-") and parts[1] == "device":
            named = host.run([adb, "-s", parts[0], "emu", "avd", "name"], timeout=10)
            first = named.stdout.strip().splitlines()[0].strip() if named.ok and named.stdout.strip() else ""
            avd = first or None
        devices.append(AndroidDevice(parts[0], parts[1], fields.get("model"), avd))
    return Found(devices)


def ios_simulators(host: Host) -> Found:
    """`xcrun simctl list devices --json`: the simulators Xcode knows (macOS only)."""
    if host.system != "Darwin":
        return Found(None, f"iOS simulators need macOS with Xcode; this machine runs {host.system}", "xcode")
    xcrun = host.which("xcrun")
    if xcrun is None:
        return Found(None, "xcrun is not installed (Xcode command line tools)", "xcrun")
    result = host.run([xcrun, "simctl", "list", "devices", "--json"], timeout=60)
    if not result.ok:
        return Found(None, result.error(), "simctl")
    try:
        data = json.loads(result.stdout)
    except ValueError:
        return Found(None, "`xcrun simctl list devices --json` did not print JSON", "simctl")
    simulators = []
    for runtime_id, entries in sorted((data.get("devices") or {}).items()):
        runtime = runtime_name(runtime_id)
        for entry in entries:
            simulators.append(
                Simulator(
                    name=str(entry.get("name", "")),
                    udid=str(entry.get("udid", "")),
                    state=str(entry.get("state", "")),
                    runtime=runtime,
                    available=bool(entry.get("isAvailable", True)),
                )
            )
    return Found(simulators)


def runtime_name(runtime_id: str) -> str:
    """`com.apple.CoreSimulator.SimRuntime.iOS-17-5` -> `iOS 17.5`."""
    last = runtime_id.rsplit(".", 1)[-1]
    os_name, _, version = last.partition("-")
    return f"{os_name} {version.replace('-', '.')}".strip()
