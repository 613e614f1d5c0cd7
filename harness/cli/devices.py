"""`harness doctor` and `harness devices`: what this machine has, and what a device profile still needs."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from harness.devices import inventory
from harness.devices.doctor import Doctor, exit_code, render
from harness.devices.doctor_checks import VariableNeed
from harness.devices.profiles import DeviceProfile, load_profile
from harness.devices.tools import Host
from harness.errors import HarnessError

INSTALL = {
    "emulator": '"$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "emulator"   '
    "(no SDK yet: harness doctor --device android-emulator)",
    "adb": '"$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "platform-tools"   '
    "(no SDK yet: harness doctor --device android-emulator)",
    "xcode": "use a Mac with Xcode (or .github/workflows/ios-simulator.yml)",
    "xcrun": "install Xcode from the App Store, then: "
    "sudo xcode-select -s /Applications/Xcode.app/Contents/Developer",
    "simctl": "sudo xcodebuild -runFirstLaunch",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    doctor = subparsers.add_parser(
        "doctor",
        help="check this machine for a device profile and print the commands that fix what is missing",
    )
    doctor.add_argument(
        "--device", metavar="PROFILE", help="a profile name in device_profiles/ or a path to a profile .yaml"
    )
    doctor.add_argument(
        "scenarios", nargs="*", metavar="SCENARIOS",
        help="scenario files or folders whose variables to check (default with --device: scenarios/, "
             "when it exists)",
    )
    doctor.set_defaults(func=doctor_command)
    devices = subparsers.add_parser(
        "devices", help="list Android AVDs, running Android devices, iOS simulators"
    )
    devices.add_argument("--json", action="store_true", help="print JSON instead of text")
    devices.set_defaults(func=devices_command)


def doctor_command(args: argparse.Namespace, host: Host | None = None) -> int:
    host = host or Host()
    try:
        profile = load_profile(args.device, environ=host.environ) if args.device else None
    except HarnessError as exc:
        print(f"harness doctor: {exc}", file=sys.stderr)
        return 2
    paths = list(getattr(args, "scenarios", None) or [])
    if not paths and profile is not None and Path("scenarios").is_dir():
        paths = ["scenarios"]
    needs = variable_needs(paths, profile) if profile is not None else []
    checks = Doctor(host, profile, needs).run()
    print(render(checks, profile))
    return exit_code(checks)


def variable_needs(paths: list[str], profile: DeviceProfile) -> list[VariableNeed]:
    """The `${NAME}` references of the env: blocks of the scenarios that run on `profile` (those of its
    apps); a scenario with problems is left to `harness lint`."""
    from harness.kinds import YAML_SUFFIXES, classify, yaml_files
    from harness.scenario.loader import LoadCache, load_scenario
    from harness.scenario.variables import references

    cache = LoadCache()
    needs: list[VariableNeed] = []
    for path in yaml_files(paths):
        if path.suffix not in YAML_SUFFIXES or classify(path) != "scenario":
            continue
        try:
            scenario = load_scenario(path, cache)
        except HarnessError:
            continue
        if scenario.file.app and scenario.file.app not in profile.apps:
            continue
        if profile.platform not in scenario.file.platforms:
            continue  # a web scenario on an app's profile, or the other way: it does not run there
        for raw in [*scenario.file.env.values(), *([scenario.file.url] if scenario.file.url else [])]:
            for name, default, secret in references(str(raw)):
                needs.append(VariableNeed(name, secret, default, str(scenario.path)))
    return needs


def devices_command(args: argparse.Namespace, host: Host | None = None) -> int:
    host = host or Host()
    listings = {
        "android_avds": ("Android AVDs (emulator -list-avds)", inventory.list_avds(host)),
        "android_devices": (
            "Android devices and running emulators (adb devices -l)",
            inventory.adb_devices(host),
        ),
        "ios_simulators": (
            "iOS simulators (xcrun simctl list devices --json)",
            inventory.ios_simulators(host),
        ),
    }
    if getattr(args, "json", False):
        print(
            json.dumps(
                {
                    key: {
                        "items": None if found.items is None else [_plain(i) for i in found.items],
                        "problem": found.problem,
                        "fix": INSTALL.get(found.tool or "") if found.problem else None,
                    }
                    for key, (_, found) in listings.items()
                },
                indent=2,
            )
        )
        return 0
    for title, found in listings.values():
        print(title)
        if found.items is None:
            print(f"  missing: {found.problem}")
            if found.tool in INSTALL:
                print(f"  fix: {INSTALL[found.tool]}")
            continue
        if not found.items:
            print("  (none)")
        for item in found.items:
            print(f"  {_line(item)}")
    return 0


def _plain(item: object) -> object:
    return asdict(item) if hasattr(item, "__dataclass_fields__") else item  # type: ignore[arg-type]


def _line(item: object) -> str:
    if isinstance(item, inventory.AndroidDevice):
        extra = f"  avd {item.avd}" if item.avd else ""
        return f"{item.serial:<20} {item.state:<12} {item.model or ''}{extra}".rstrip()
    if isinstance(item, inventory.Simulator):
        unavailable = "" if item.available else "  (unavailable)"
        return f"{item.name:<28} {item.runtime:<10} {item.state:<9} {item.udid}{unavailable}"
    return str(item)
