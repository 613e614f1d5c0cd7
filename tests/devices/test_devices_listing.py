"""`harness devices`: AVDs, attached devices and simulators from the real tools' output formats."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from harness.cli.devices import devices_command
from harness.devices import inventory
from harness.devices.tools import Host

ADB_OUTPUT = """\
* daemon not running; starting now at tcp:5037
* daemon started successfully
List of devices attached
emulator-5554 device product:sdk_gphone64_x86_64 model:sdk_gphone64_x86_64 device:emu64xa transport_id:1
R58M123ABC             unauthorized usb:1-1 transport_id:2

"""


def android_tools(fake_bin, tmp_path: Path) -> Host:
    sdk = tmp_path / "sdk"
    (tmp_path / "adb.txt").write_text(ADB_OUTPUT)
    fake_bin.script(
        "adb",
        f"""
case "$*" in
  "devices -l") cat {tmp_path / "adb.txt"} ;;
  "-s emulator-5554 emu avd name") printf 'Pixel_7_API_34\\r\\nOK\\r\\n' ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac""",
        sdk / "platform-tools",
    )
    fake_bin.script(
        "emulator",
        """
[ "$1" = "-list-avds" ] || exit 1
echo "INFO    | Storing crashdata in: /tmp/android-unknown/emu-crash-35.1.db"
echo "Pixel_7_API_34"
echo "Tablet API 33"
""",
        sdk / "emulator",
    )
    return Host(environ={"PATH": str(fake_bin.path), "ANDROID_HOME": str(sdk)}, system="Linux")


def test_avds_and_attached_devices(fake_bin, tmp_path: Path):
    host = android_tools(fake_bin, tmp_path)
    assert inventory.list_avds(host).items == ["Pixel_7_API_34", "Tablet API 33"]
    devices = inventory.adb_devices(host).items
    assert devices == [
        inventory.AndroidDevice("emulator-5554", "device", "sdk_gphone64_x86_64", "Pixel_7_API_34"),
        inventory.AndroidDevice("R58M123ABC", "unauthorized", None, None),
    ]
    assert devices[0].is_emulator and not devices[1].is_emulator


def test_simulators_from_simctl_json(fake_bin, tmp_path: Path):
    data = {
        "devices": {
            "com.apple.CoreSimulator.SimRuntime.iOS-17-5": [
                {"name": "iPhone 15", "udid": "U1", "state": "Booted", "isAvailable": True}
            ],
            "com.apple.CoreSimulator.SimRuntime.tvOS-17-0": [
                {"name": "Apple TV", "udid": "U2", "state": "Shutdown", "isAvailable": False}
            ],
        }
    }
    (tmp_path / "s.json").write_text(json.dumps(data))
    fake_bin.script("xcrun", f"cat {tmp_path / 's.json'}")
    found = inventory.ios_simulators(Host(environ={"PATH": str(fake_bin.path)}, system="Darwin"))
    assert found.items == [
        inventory.Simulator("iPhone 15", "U1", "Booted", "iOS 17.5", True),
        inventory.Simulator("Apple TV", "U2", "Shutdown", "tvOS 17.0", False),
    ]
    assert found.items[0].os_version == "17.5"


def test_a_failing_tool_is_reported_not_raised(fake_bin, tmp_path: Path):
    fake_bin.script("adb", "echo 'adb: cannot connect to daemon' >&2; exit 1")
    found = inventory.adb_devices(Host(environ={"PATH": str(fake_bin.path)}, system="Linux"))
    assert found.items is None
    assert found.problem == "`adb devices -l` failed (exit 1): adb: cannot connect to daemon"


def test_devices_command_lists_everything(fake_bin, tmp_path: Path, capsys):
    host = android_tools(fake_bin, tmp_path)
    assert devices_command(argparse.Namespace(json=False), host) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["Android AVDs (emulator -list-avds)", "  Pixel_7_API_34", "  Tablet API 33"]
    assert out[3] == "Android devices and running emulators (adb devices -l)"
    assert out[4].split() == ["emulator-5554", "device", "sdk_gphone64_x86_64", "avd", "Pixel_7_API_34"]
    assert out[5].split() == ["R58M123ABC", "unauthorized"]
    assert out[6:] == [
        "iOS simulators (xcrun simctl list devices --json)",
        "  missing: iOS simulators need macOS with Xcode; this machine runs Linux",
        "  fix: use a Mac with Xcode (or .github/workflows/ios-simulator.yml)",
    ]


def test_devices_command_on_a_bare_machine_names_each_missing_tool(tmp_path: Path, capsys):
    host = Host(environ={"PATH": str(tmp_path)}, system="Linux")
    assert devices_command(argparse.Namespace(json=False), host) == 0
    out = capsys.readouterr().out
    assert (
        "  missing: the Android emulator is not installed "
        "(no `emulator` in $ANDROID_HOME/emulator nor on PATH)" in out
    )
    assert '  fix: "$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "emulator"' in out
    assert "  missing: adb is not installed (no `adb` in $ANDROID_HOME/platform-tools nor on PATH)" in out
    assert '  fix: "$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "platform-tools"' in out

    assert devices_command(argparse.Namespace(json=True), host) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"android_avds", "android_devices", "ios_simulators"}
    assert data["ios_simulators"]["items"] is None
    assert data["android_avds"]["fix"].startswith(
        '"$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "emulator"'
    )


def test_user_text_is_never_read_by_a_shell(fake_bin, tmp_path: Path):
    """A hostile AVD name is one argv element: the stand-in sees it verbatim and nothing else runs."""
    marker = tmp_path / "pwned"
    fake_bin.script("emulator", 'printf "%s\\n" "$@" > ' + str(tmp_path / "args.txt"))
    host = Host(environ={"PATH": str(fake_bin.path)}, system="Linux")
    name = f"x; touch {marker}"
    host.run([host.which("emulator"), "-avd", name])
    assert (tmp_path / "args.txt").read_text().splitlines() == ["-avd", name]
    assert not marker.exists()
