"""`harness doctor`: on a machine without Android or iOS tools it names exactly what is missing and how to
install it; with the tools present (scripted stand-ins on a private PATH) the same profile is ready.

Each test builds its own PATH, so the answer is the same on every machine that has Node and `npm ci` done.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness.devices.doctor import Doctor, exit_code, render
from harness.devices.profiles import load_profile
from harness.devices.project import project_root
from harness.devices.tools import Host

ROOT = project_root()
SIMCTL_JSON = {
    "devices": {
        "com.apple.CoreSimulator.SimRuntime.iOS-17-5": [
            {"name": "iPhone 15", "udid": "AAAA-1111", "state": "Shutdown", "isAvailable": True},
            {"name": "iPhone 15 Pro", "udid": "BBBB-2222", "state": "Booted", "isAvailable": True},
        ],
        "com.apple.CoreSimulator.SimRuntime.iOS-16-4": [
            {"name": "iPhone 14", "udid": "CCCC-3333", "state": "Shutdown", "isAvailable": False},
        ],
    }
}


def doctor(host: Host, profile_name: str | None) -> tuple[list, str]:
    profile = load_profile(profile_name, environ=host.environ) if profile_name else None
    checks = Doctor(host, profile).run()
    return checks, render(checks, profile)


def section(host: Host, profile_name: str, method: str) -> list:
    """Only one group of checks: the Node group is covered once, Appium takes seconds to answer."""
    runner = Doctor(host, load_profile(profile_name, environ=host.environ))
    getattr(runner, method)()
    return runner.checks


def missing(checks) -> list[str]:
    return [c.name for c in checks if c.status == "missing"]


@pytest.fixture
def bare(fake_bin, node_tools, tmp_path) -> Host:
    """Node and npm only: no Android SDK, no JDK, no Xcode."""
    fake_bin.link("node")
    fake_bin.link("npm")
    return Host(environ={"PATH": str(fake_bin.path), "HOME": str(tmp_path)}, system="Linux", root=node_tools)


def android_sdk(fake_bin, tmp_path: Path, avds: str = "Pixel_7_API_34") -> dict[str, str]:
    sdk = tmp_path / "sdk"
    fake_bin.script("adb", 'echo "List of devices attached"', sdk / "platform-tools")
    fake_bin.script("emulator", f'[ "$1" = "-list-avds" ] && printf "{avds}\\n"', sdk / "emulator")
    fake_bin.script("sdkmanager", "exit 0", sdk / "cmdline-tools" / "latest" / "bin")
    fake_bin.script("java", "echo 'openjdk version \"17.0.9\" 2023-10-17' >&2", tmp_path / "jdk" / "bin")
    return {"ANDROID_HOME": str(sdk), "JAVA_HOME": str(tmp_path / "jdk")}


# ------------------------------------------------------------------------------------------ android


def test_android_emulator_on_a_machine_without_android_tools(bare: Host):
    checks, text = doctor(bare, "android-emulator")
    assert missing(checks) == ["ANDROID_HOME", "adb", "emulator", "AVD Pixel_7_API_34", "java"]
    assert exit_code(checks) == 1
    assert all(c.ok for c in checks if c.group in ("Python", "Node tools (Appium 3)"))
    lines = text.splitlines()
    assert (
        lines[0]
        == "harness doctor: device profile android-emulator (android, UiAutomator2; server: start appium)"
    )
    assert "  missing  ANDROID_HOME: neither ANDROID_HOME nor ANDROID_SDK_ROOT is set" in lines
    assert '           fix: "$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "platform-tools"' in lines
    assert '           fix: "$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" "emulator"' in lines
    assert (
        '           fix: "$ANDROID_HOME/cmdline-tools/latest/bin/sdkmanager" '
        '"system-images;android-34;google_apis;x86_64" && '
        '"$ANDROID_HOME/cmdline-tools/latest/bin/avdmanager" '
        'create avd -n Pixel_7_API_34 -k "system-images;android-34;google_apis;x86_64" -d pixel_7'
    ) in lines
    assert (
        "           fix: sudo apt-get install -y openjdk-17-jdk-headless && "
        "export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64"
    ) in lines
    assert (
        lines[-1] == "5 missing for android-emulator: ANDROID_HOME, adb, emulator, AVD Pixel_7_API_34, java"
    )
    for index, line in enumerate(lines):  # every missing line is followed by its fix
        if line.startswith("  missing"):
            assert lines[index + 1].startswith("           fix: ")


def test_android_emulator_ready_when_sdk_avd_and_jdk_are_there(bare: Host, fake_bin, tmp_path: Path):
    env = {
        **bare.environ,
        **android_sdk(fake_bin, tmp_path, avds="INFO    | noise\\nCI_AVD"),
        "ANDROID_AVD": "CI_AVD",
    }
    host = Host(environ=env, system="Linux", root=bare.root)
    checks = section(host, "android-emulator", "android_checks")
    assert missing(checks) == [] and exit_code(checks) == 0
    assert [c.name for c in checks] == ["ANDROID_HOME", "adb", "emulator", "AVD CI_AVD", "java"]
    assert "  ok       java: JAVA_HOME=" + str(tmp_path / "jdk") + " (java 17.0.9)" in render(checks, None)


def test_named_avd_absent_gives_the_create_command(bare: Host, fake_bin, tmp_path: Path):
    env = {**bare.environ, **android_sdk(fake_bin, tmp_path, avds="Other_AVD")}
    checks = section(Host(environ=env, system="Linux", root=bare.root), "android-emulator", "android_checks")
    assert missing(checks) == ["AVD Pixel_7_API_34"]
    [avd] = [c for c in checks if c.name == "AVD Pixel_7_API_34"]
    assert avd.detail == "no AVD named Pixel_7_API_34 (AVDs: Other_AVD)"
    sdkmanager = tmp_path / "sdk" / "cmdline-tools" / "latest" / "bin" / "sdkmanager"
    assert avd.fix.startswith(f'{sdkmanager} "system-images;android-34;google_apis;x86_64" && ')
    assert "create avd -n Pixel_7_API_34" in avd.fix


def test_java_on_path_without_java_home_gives_the_export(bare: Host, fake_bin, tmp_path: Path):
    env = android_sdk(fake_bin, tmp_path)
    del env["JAVA_HOME"]
    (fake_bin.path / "java").symlink_to(tmp_path / "jdk" / "bin" / "java")
    host = Host(environ={**bare.environ, **env}, system="Linux", root=bare.root)
    checks = section(host, "android-emulator", "android_checks")
    [java] = [c for c in checks if c.name == "java"]
    assert not java.ok and java.detail.startswith("JAVA_HOME is not set; the UiAutomator2 driver needs it")
    assert java.fix == f"export JAVA_HOME={tmp_path / 'jdk'}"


def test_sdk_variable_pointing_nowhere(bare: Host, tmp_path: Path):
    env = {**bare.environ, "ANDROID_SDK_ROOT": str(tmp_path / "nowhere")}
    checks = section(Host(environ=env, system="Linux", root=bare.root), "android-emulator", "android_checks")
    [sdk] = [c for c in checks if c.name == "ANDROID_HOME"]
    assert sdk.detail == f"ANDROID_SDK_ROOT={tmp_path / 'nowhere'} is not a folder"


# ----------------------------------------------------------------------------------------------- ios


def test_ios_simulator_on_linux_says_it_needs_a_mac(bare: Host):
    checks = section(bare, "ios-simulator", "ios_checks")
    text = render(checks, None)
    assert missing(checks) == ["macOS"] and exit_code(checks) == 1
    assert "  missing  macOS: iOS simulators run only on macOS with Xcode; this machine runs Linux" in text
    assert "fix: run this profile on a Mac, or in CI with .github/workflows/ios-simulator.yml" in text


def test_ios_simulator_ready_on_a_mac(bare: Host, fake_bin, tmp_path: Path):
    (tmp_path / "simctl.json").write_text(json.dumps(SIMCTL_JSON))
    fake_bin.script("xcodebuild", 'echo "Xcode 15.4"; echo "Build version 15F31d"')
    fake_bin.script(
        "xcrun", f'[ "$1 $2 $3 $4" = "simctl list devices --json" ] && cat {tmp_path / "simctl.json"}'
    )
    host = Host(environ=bare.environ, system="Darwin", root=bare.root)
    checks, text = doctor(host, "ios-simulator")
    assert missing(checks) == [] and exit_code(checks) == 0
    assert "  ok       simulator iPhone 15 (iOS 17.5): iPhone 15 iOS 17.5 AAAA-1111" in text
    assert "  warn     ffmpeg: ffmpeg not found: needed only to record the screen of iOS sessions" in text
    assert "fix: brew install ffmpeg" in text
    assert (
        text.splitlines()[-1] == "ready: everything ios-simulator needs is here (1 optional missing: ffmpeg)"
    )

    other = Host(environ={**bare.environ, "IOS_UDID": "DDDD-4444"}, system="Darwin", root=bare.root)
    checks = section(other, "ios-simulator", "ios_checks")
    assert missing(checks) == ["simulator DDDD-4444"]


def test_ios_simulator_missing_runtime_gives_the_create_command(bare: Host, fake_bin, tmp_path: Path):
    (tmp_path / "simctl.json").write_text(json.dumps(SIMCTL_JSON))
    fake_bin.script("xcodebuild", 'echo "Xcode 15.4"')
    fake_bin.script("xcrun", f"cat {tmp_path / 'simctl.json'}")
    env = {**bare.environ, "IOS_PLATFORM_VERSION": "18.0"}
    checks = section(Host(environ=env, system="Darwin", root=bare.root), "ios-simulator", "ios_checks")
    [sim] = [c for c in checks if c.status == "missing"]
    assert sim.name == "simulator iPhone 15 (iOS 18.0)"
    assert sim.fix == (
        "xcodebuild -downloadPlatform iOS && xcrun simctl create 'iPhone 15' 'iPhone 15' "
        "com.apple.CoreSimulator.SimRuntime.iOS-18-0"
    )


# -------------------------------------------------------------------------------- simulated / node


def test_sim_profiles_need_nothing_but_python(tmp_path: Path):
    host = Host(environ={"PATH": str(tmp_path)}, system="Linux", root=ROOT)  # not even node
    for name in ("sim-android", "sim-ios"):
        checks, text = doctor(host, name)
        assert [c.group for c in checks] == ["Python"] and exit_code(checks) == 0
        assert "no Node, Appium, SDK or Xcode needed" in text
        assert text.splitlines()[-1] == f"ready: everything {name} needs is here"


def test_without_node_the_appium_profile_names_node_and_what_depends_on_it(tmp_path: Path, node_tools: Path):
    host = Host(environ={"PATH": str(tmp_path)}, system="Linux", root=node_tools)
    checks, text = doctor(host, "android-emulator")
    names = missing(checks)
    assert names[:2] == ["node", "npm"]
    assert names[2:4] == ["appium", "appium driver uiautomator2"]
    assert "fix: install Node.js 22 LTS from https://nodejs.org (or: nvm install 22)" in text


def test_without_node_modules_the_fix_is_npm_ci(bare: Host, tmp_path: Path):
    root = tmp_path / "clone"
    root.mkdir()
    (root / "package.json").write_text((ROOT / "package.json").read_text())
    checks, text = doctor(Host(environ=bare.environ, system="Linux", root=root), None)
    assert missing(checks) == ["node_modules", "appium", "appium driver uiautomator2"]
    assert f"  {'':<8} fix: cd {root} && npm ci" in text
    assert exit_code(checks) == 1  # without a profile the project's own Node tools are still needed


def test_running_server_profile_checks_its_status(bare: Host, tmp_path: Path):
    profile = tmp_path / "remote.yaml"
    profile.write_text(
        "platform: android\nserver: {url: 'http://127.0.0.1:9'}\nscreen: {width: 1, height: 1}\n"
    )
    checks, text = doctor(bare, str(profile))
    assert missing(checks) == ["server"]
    assert "nothing answers GET http://127.0.0.1:9/status" in text
    assert f"fix: APPIUM_HOME={bare.root} npx appium server --address 127.0.0.1 --port 9" in text


# ------------------------------------------------------------------------------------ this machine


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=240,
        check=False,
    )


def test_this_machine_android_emulator_report_is_consistent(node_tools: Path):
    done = run_cli("doctor", "--device", "android-emulator")
    lines = done.stdout.splitlines()
    missing_lines = [line for line in lines if line.startswith("  missing")]
    assert done.returncode == (1 if missing_lines else 0), done.stdout + done.stderr
    for line in missing_lines:
        assert lines[lines.index(line) + 1].startswith("           fix: ")
    assert lines[-1].startswith(
        f"{len(missing_lines)} missing for android-emulator" if missing_lines else "ready"
    )


def test_this_machine_sim_android_passes():
    done = run_cli("doctor", "--device", "sim-android")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "ready: everything sim-android needs is here"


def test_unknown_profile_is_a_usage_error():
    done = run_cli("doctor", "--device", "sim-andriod")
    assert done.returncode == 2
    assert 'unknown device profile "sim-andriod" (did you mean "sim-android"?)' in done.stderr


def test_node_outside_appiums_own_range_is_missing(fake_bin, node_tools: Path, tmp_path: Path):
    """package.json says >=20.19, Appium 3 itself refuses 21.x: both ranges count."""
    fake_bin.script("node", 'echo "v21.7.0"')
    host = Host(environ={"PATH": str(fake_bin.path)}, system="Linux", root=node_tools)
    runner = Doctor(host)
    runner.node_checks()
    [node] = [c for c in runner.checks if c.name == "node"]
    assert not node.ok
    assert node.detail.startswith("21.7.0 (wanted: package.json >=20.19 and appium ^20.19.0 || ^22.12.0")
