"""Doctor checks of an XCUITest profile on this machine: macOS, Xcode, simctl and the simulator."""

from __future__ import annotations

import shlex

from harness.devices import inventory
from harness.devices.doctor_android import capability_values
from harness.devices.doctor_checks import CheckRun

IOS_RUNTIME_HINT = "xcodebuild -downloadPlatform iOS"


def ios_checks(d: CheckRun) -> None:
    host = d.host
    xcode_fix = (
        "install Xcode from the App Store, then: sudo xcode-select -s "
        "/Applications/Xcode.app/Contents/Developer && sudo xcodebuild -runFirstLaunch"
    )
    if host.system != "Darwin":
        d.add(
            "macOS",
            False,
            f"iOS simulators run only on macOS with Xcode; this machine runs {host.system}",
            "run this profile on a Mac, or in CI with .github/workflows/ios-simulator.yml",
        )
        return
    xcodebuild = host.which("xcodebuild")
    result = host.run([xcodebuild, "-version"], timeout=60) if xcodebuild else None
    if result is not None and result.ok:
        d.add("Xcode", True, result.stdout.strip().splitlines()[0])
    else:
        d.add("Xcode", False, result.error() if result else "xcodebuild is not on PATH", xcode_fix)
    sims = inventory.ios_simulators(host)
    d.add(
        "simctl",
        sims.items is not None,
        "xcrun simctl lists simulators" if sims.items is not None else str(sims.problem),
        xcode_fix,
    )
    simulator_checks(d, sims)
    ffmpeg = host.which("ffmpeg")
    d.add(
        "ffmpeg",
        ffmpeg is not None,
        str(ffmpeg) if ffmpeg else "ffmpeg not found: needed only to record the screen of iOS sessions",
        "brew install ffmpeg",
        needed=False,
    )


def simulator_checks(d: CheckRun, sims: inventory.Found) -> None:
    if d.profile is None:
        return
    udids = capability_values(d.profile, "udid")
    name = d.profile.capability("deviceName")
    version = d.profile.capability("platformVersion")
    wanted = [("udid", u) for u in udids] or ([("name", str(name))] if name else [])
    if not wanted:
        d.add(
            "simulator",
            False,
            "the profile names neither a udid nor a deviceName",
            'add capabilities: {deviceName: iPhone 15, platformVersion: "17.5"} to the profile',
        )
        return
    runtime = f"com.apple.CoreSimulator.SimRuntime.iOS-{str(version or '17.5').replace('.', '-')}"
    for kind, value in wanted:
        create = (
            (
                f"{IOS_RUNTIME_HINT} && xcrun simctl create {shlex.quote(value)} "
                f"{shlex.quote(value)} {runtime}"
            )
            if kind == "name"
            else "xcrun simctl list devices available"
        )
        label = f"simulator {value}" + (f" (iOS {version})" if kind == "name" and version else "")
        if sims.items is None:
            d.add(label, False, f"cannot list simulators: {sims.problem}", create)
            continue
        matches = [
            s
            for s in sims.items
            if s.available
            and (
                s.udid == value
                if kind == "udid"
                else s.name == value and (not version or s.os_version == str(version))
            )
        ]
        d.add(
            label,
            bool(matches),
            f"{matches[0].name} {matches[0].runtime} {matches[0].udid}"
            if matches
            else "no such available simulator",
            create,
        )
