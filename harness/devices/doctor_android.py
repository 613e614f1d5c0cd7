"""Doctor checks of a UiAutomator2 profile on this machine: the Android SDK (adb; the emulator and an
AVD for `avd:` profiles, with /dev/kvm on Linux; an attached device for `udid:` ones) and a JDK."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from harness.devices import inventory
from harness.devices.doctor_checks import CheckRun
from harness.devices.profiles import DeviceProfile
from harness.devices.versions import parse_version, show

ANDROID_API = "34"  # system image suggested for a new AVD


def android_checks(d: CheckRun) -> None:
    host = d.host
    sdk = host.android_home
    sdk_fix = d.mac(
        "brew install --cask android-commandlinetools && "
        'export ANDROID_HOME="$(brew --prefix)/share/android-commandlinetools"',
        "download the Android command-line tools (https://developer.android.com/studio#command-tools), "
        "unzip them to $HOME/Android/Sdk/cmdline-tools/latest, "
        "then: export ANDROID_HOME=$HOME/Android/Sdk",
    )
    set_vars = [n for n in ("ANDROID_HOME", "ANDROID_SDK_ROOT") if host.environ.get(n)]
    if sdk is not None:
        d.add("ANDROID_HOME", True, f"Android SDK at {sdk}")
    elif set_vars:
        d.add(
            "ANDROID_HOME", False, f"{set_vars[0]}={host.environ[set_vars[0]]} is not a folder", sdk_fix
        )
    else:
        d.add("ANDROID_HOME", False, "neither ANDROID_HOME nor ANDROID_SDK_ROOT is set", sdk_fix)
    sdkmanager = _sdk_tool(d, "sdkmanager")
    emulated = d.profile is None or bool(capability_values(d.profile, "avd"))
    tools = [("adb", "platform-tools")] + ([("emulator", "emulator")] if emulated else [])
    for tool, package in tools:  # an attached device (udid) needs no emulator
        found = host.which(tool)
        d.add(
            tool,
            found is not None,
            str(found) if found else f"{tool} not found in the SDK nor on PATH",
            f'{sdkmanager} "{package}"',
        )
    avd_checks(d, sdkmanager)
    if d.profile is not None and emulated:
        kvm_check(d)
    java_check(d)


def kvm_check(d: CheckRun) -> None:
    """The Android emulator on Linux runs x86 images at usable speed only with KVM (/dev/kvm)."""
    if d.host.system != "Linux":
        return  # macOS: Hypervisor.framework, nothing to check here
    kvm = d.host.kvm
    if not kvm.exists():
        d.add("/dev/kvm", False, f"{kvm} does not exist: the emulator cannot use hardware acceleration",
              "enable virtualization (VT-x / AMD-V) in the BIOS, or use a VM with nested virtualization; "
              "then: sudo apt-get install -y qemu-kvm")
    elif not os.access(kvm, os.R_OK | os.W_OK):
        d.add("/dev/kvm", False, f"{kvm} exists but this user cannot open it",
              'sudo usermod -aG kvm "$USER"   (then log out and in again)')
    else:
        d.add("/dev/kvm", True, f"{kvm} is usable (hardware acceleration for the emulator)")


def _sdk_tool(d: CheckRun, name: str) -> str:
    found = d.host.which(name)
    if found:
        return shlex.quote(str(found))
    return f'"$ANDROID_HOME/cmdline-tools/latest/bin/{name}"'


def avd_checks(d: CheckRun, sdkmanager: str) -> None:
    assert d.profile is None or d.profile.platform == "android"
    avds = capability_values(d.profile, "avd")
    udids = capability_values(d.profile, "udid")
    if not avds and not udids:
        if d.profile is not None:
            d.add(
                "device",
                False,
                "the profile names neither an avd nor a udid",
                "add capabilities: {avd: <name from `harness devices`>} to the profile",
            )
        return
    if avds:
        listed = inventory.list_avds(d.host)
        image = f"system-images;android-{ANDROID_API};google_apis;" + d.mac("arm64-v8a", "x86_64")
        avdmanager = _sdk_tool(d, "avdmanager")
        for avd in avds:
            create = (
                f'{sdkmanager} "{image}" && {avdmanager} create avd -n {shlex.quote(avd)} '
                f'-k "{image}" -d pixel_7'
            )
            if listed.items is None:
                d.add(f"AVD {avd}", False, f"cannot list AVDs: {listed.problem}", create)
            else:
                have = ", ".join(listed.items) or "none"
                d.add(
                    f"AVD {avd}",
                    avd in listed.items,
                    f"AVD {avd} exists" if avd in listed.items else f"no AVD named {avd} (AVDs: {have})",
                    create,
                )
    if udids:
        attached = inventory.adb_devices(d.host)
        for udid in udids:
            serials = [device.serial for device in attached.items or []]
            d.add(
                f"device {udid}",
                udid in serials,
                f"{udid} is attached"
                if udid in serials
                else attached.problem
                or f"{udid} is not in `adb devices` ({', '.join(serials) or 'none'})",
                f"{_sdk_tool(d, 'emulator')} -avd <name>   "
                "(or connect the device and accept USB debugging)",
            )


def java_check(d: CheckRun) -> None:
    """UiAutomator2 signs and inspects APKs with the JDK it finds through JAVA_HOME."""
    host = d.host
    java_home = host.environ.get("JAVA_HOME")
    install = d.mac(
        'brew install openjdk@17 && export JAVA_HOME="$(/usr/libexec/java_home -v 17)"',
        "sudo apt-get install -y openjdk-17-jdk-headless && "
        "export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
    )
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        result = host.run([Path(java_home) / "bin" / "java", "-version"], timeout=30)
        version = parse_version(result.output)
        d.add("java", True, f"JAVA_HOME={java_home} (java {show(version) if version else '?'})")
        return
    java = host.which("java")
    if java is not None:
        home = Path(os.path.realpath(java)).parents[1]
        why = f"JAVA_HOME={java_home} has no bin/java" if java_home else "JAVA_HOME is not set"
        d.add(
            "java",
            False,
            f"{why}; the UiAutomator2 driver needs it (java found at {java})",
            f"export JAVA_HOME={shlex.quote(str(home))}",
        )
    else:
        d.add("java", False, "no JDK: JAVA_HOME is not set and java is not on PATH", install)


def capability_values(profile: DeviceProfile | None, name: str) -> list[str]:
    """The values of a capability in the profile and in its pool entries (one per parallel worker)."""
    if profile is None:
        return []
    values = [profile.capability(name)] + [
        entry.get(name, entry.get(f"appium:{name}")) for entry in profile.pool
    ]
    unique: list[str] = []
    for value in values:
        if value and str(value) not in unique:
            unique.append(str(value))
    return unique
