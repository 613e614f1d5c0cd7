"""`harness doctor`: on a machine without Android or iOS tools it names exactly what is missing and how to
install it; with the tools present (scripted stand-ins on a private PATH) the same profile is ready.

Each test builds its own PATH, so the answer is the same on every machine that has Node and `npm ci` done.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.devices.doctor import Doctor, exit_code, render
from harness.devices.profiles import load_profile
from harness.devices.tools import Host
from tests.helpers import FAKE_PROFILE, ROOT, run_harness

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
    return Host(environ={"PATH": str(fake_bin.path), "HOME": str(tmp_path)}, system="Linux", root=node_tools,
                kvm=tmp_path / "no-kvm")


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
    assert missing(checks) == ["ANDROID_HOME", "adb", "emulator", "AVD Pixel_7_API_34", "/dev/kvm", "java"]
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
    no_kvm = f"  missing  /dev/kvm: {bare.kvm} does not exist: the emulator cannot use hardware acceleration"
    assert no_kvm in lines
    assert lines[-1] == (
        "6 missing for android-emulator: ANDROID_HOME, adb, emulator, AVD Pixel_7_API_34, /dev/kvm, java"
    )
    # what only the driver's own doctor checks is there, as warnings with its fixes
    driver_doctor = [c for c in checks if c.group == "appium driver doctor uiautomator2"]
    warned = {c.name for c in driver_doctor if c.status == "warn"}
    assert {"bundletool.jar", "ffmpeg", "gst-launch-1.0"} <= warned
    assert all(c.fix for c in driver_doctor if c.status == "warn" and c.name != "checks")
    [summary] = [c for c in driver_doctor if c.name == "checks"]
    assert "(ANDROID_HOME, adb, JAVA_HOME: see above)" in summary.detail  # said once, not twice
    for index, line in enumerate(lines):  # every missing line is followed by its fix
        if line.startswith("  missing"):
            assert lines[index + 1].startswith("           fix: ")


def test_android_emulator_ready_when_sdk_avd_and_jdk_are_there(bare: Host, fake_bin, tmp_path: Path):
    env = {
        **bare.environ,
        **android_sdk(fake_bin, tmp_path, avds="INFO    | noise\\nCI_AVD"),
        "ANDROID_AVD": "CI_AVD",
    }
    (tmp_path / "kvm").write_text("")
    host = Host(environ=env, system="Linux", root=bare.root, kvm=tmp_path / "kvm")
    checks = section(host, "android-emulator", "android_checks")
    assert missing(checks) == [] and exit_code(checks) == 0
    assert [c.name for c in checks] == ["ANDROID_HOME", "adb", "emulator", "AVD CI_AVD", "/dev/kvm", "java"]
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
    checks = section(host, "ios-simulator", "ios_checks")  # the driver's doctor needs a real Mac
    text = render(checks, load_profile("ios-simulator", environ=host.environ))
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


def test_this_machine_android_emulator_report_is_consistent(node_tools: Path):
    done = run_harness("doctor", "--device", "android-emulator", timeout=240)
    lines = done.stdout.splitlines()
    missing_lines = [line for line in lines if line.startswith("  missing")]
    assert done.code == (1 if missing_lines else 0), done.stdout + done.stderr
    for line in missing_lines:
        assert lines[lines.index(line) + 1].startswith("           fix: ")
    assert lines[-1].startswith(
        f"{len(missing_lines)} missing for android-emulator" if missing_lines else "ready"
    )


def test_this_machine_sim_android_passes():
    done = run_harness("doctor", "--device", "sim-android", timeout=240)
    assert done.code == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "ready: everything sim-android needs is here"


def test_unknown_profile_is_a_usage_error():
    done = run_harness("doctor", "--device", "sim-andriod", timeout=240)
    assert done.code == 2
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


# --------------------------------------------------------------------- what each kind of profile needs


def test_a_fake_driver_profile_needs_node_appium_and_the_fake_driver_only(bare: Host):
    checks, text = doctor(bare, str(FAKE_PROFILE))
    assert [g for g in dict.fromkeys(c.group for c in checks)] == [
        "Python", "Node tools (Appium 3)", "appium driver doctor fake"]
    assert exit_code(checks) == 0, text
    assert "ANDROID_HOME" not in text and "JAVA_HOME" not in text and "Android" not in text
    assert "  ok       checks: 2 passed, 0 to fix, 0 optional" in text  # the fake driver's own doctor


def test_a_udid_profile_needs_no_emulator_nor_kvm(bare: Host, fake_bin, tmp_path: Path):
    profile = tmp_path / "phone.yaml"
    profile.write_text("platform: android\nserver: {start: appium}\nscreen: {width: 1, height: 1}\n"
                       "capabilities: {udid: R58M123}\n")
    env = {**bare.environ, **android_sdk(fake_bin, tmp_path)}
    checks = section(Host(environ=env, system="Linux", root=bare.root, kvm=bare.kvm), str(profile),
                     "android_checks")
    assert [c.name for c in checks] == ["ANDROID_HOME", "adb", "device R58M123", "java"]


def test_a_url_profile_checks_the_server_and_nothing_local(bare: Host, tmp_path: Path):
    from harness.sim.server import SimServer

    sim = SimServer(platform="android").start()
    try:
        profile = tmp_path / "remote.yaml"
        profile.write_text(f"platform: android\nserver: {{url: '{sim.url}'}}\n"
                           "screen: {width: 1, height: 1}\n")
        checks, text = doctor(bare, str(profile))
    finally:
        sim.stop()
    assert [(c.group, c.name, c.status) for c in checks] == [
        ("Python", "python packages", "ok"), ("Server", "server", "ok")]
    assert "a running server: nothing on this machine but Python" in text


class GridStatus:
    """A stand-in for a Selenium Grid hub's GET /status, with the given slots' stereotypes."""

    def __init__(self, *stereotypes: dict):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        body = json.dumps({"value": {"ready": True, "message": "Selenium Grid ready.", "nodes": [
            {"id": "n1", "uri": "http://127.0.0.1:5555", "availability": "UP", "version": "4.48.0 (rev)",
             "slots": [{"stereotype": s, "session": None} for s in stereotypes]}]}}).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200 if self.path == "/status" else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize(("stereotype", "servable"), [
    ({"platformName": "android", "appium:automationName": "UiAutomator2"}, True),
    ({"platformName": "ios", "appium:automationName": "XCUITest"}, False),
    ({"platformName": "android", "appium:automationName": "Espresso"}, False),
], ids=["android-node", "ios-node-only", "other-driver"])
def test_a_grid_profile_needs_a_node_whose_stereotype_takes_it(bare: Host, tmp_path: Path, stereotype: dict,
                                                                servable: bool):
    grid = GridStatus(stereotype)
    try:
        profile = tmp_path / "grid.yaml"
        profile.write_text(f"platform: android\nserver: {{url: '{grid.url}'}}\n"
                           "screen: {width: 1, height: 1}\napps: {demo: {id: com.example.demo}}\n")
        checks, text = doctor(bare, str(profile))
    finally:
        grid.close()
    [node] = [c for c in checks if c.name == "grid node"]
    assert node.ok is servable, text
    assert "Selenium Grid with 1 node(s)" in text
    if not servable:
        assert node.detail.startswith("no available node takes platformName=Android, "
                                      "appium:automationName=UIAutomator2 (slots: platformName=")
        assert '"appium:automationName": "UIAutomator2"' in node.fix


def test_scenario_variables_are_checked_without_printing_values(bare: Host, tmp_path: Path, capsys):
    import argparse

    from harness.cli.devices import doctor_command

    (tmp_path / "s.yaml").write_text("name: S\napp: netflix\nenv:\n  USER: ${APP_USER}\n"
                                     "  PASS: ${APP_PASSWORD:secret}\n  HOST: ${APP_HOST:-example.org}\n"
                                     "steps:\n  - launch_app\n")
    (tmp_path / "other.yaml").write_text("name: O\napp: another-app\nenv: {X: '${NOT_FOR_THIS_PROFILE}'}\n"
                                         "steps:\n  - launch_app\n")
    host = Host(environ={**bare.environ, "APP_PASSWORD": "hunter2-s3cret"}, system="Linux", root=ROOT)
    args = argparse.Namespace(device="sim-android", scenarios=[str(tmp_path)])
    code = doctor_command(args, host)
    out = capsys.readouterr().out
    assert code == 1
    assert "hunter2-s3cret" not in out
    assert "  ok       APP_PASSWORD: set in the environment (secret, value not shown)" in out
    assert "  ok       APP_HOST: not set: the scenarios' default is used" in out
    assert f"  missing  APP_USER: not set, read by {tmp_path / 's.yaml'}" in out
    assert "NOT_FOR_THIS_PROFILE" not in out  # that scenario's app is not on this profile
    assert out.splitlines()[-1] == "1 missing for sim-android: APP_USER"


def test_the_driver_doctor_output_is_read_by_its_colours_and_sections():
    from harness.devices.doctor_node import DriverDoctor

    red, yellow, end = "\x1b[31m", "\x1b[33m", "\x1b[39m"
    output = "\n".join([
        "info Doctor ### Starting doctor diagnostics  ###",
        f"info Doctor  \x1b[32m\u2714{end} adb exists",
        f"WARN Doctor  {red}\u2716{end} JAVA_HOME environment variable is NOT set!",
        f"WARN Doctor  {yellow}\u2716{end} ffmpeg cannot be found",
        "info Doctor ### Manual Fixes Needed ###",
        "WARN Doctor  \u279c Set \x1b[1mJAVA_HOME\x1b[22m to your JDK",
        "info Doctor ### Optional Manual Fixes ###",
        "WARN Doctor  \u279c ffmpeg records screens. Folders that are currently present in PATH: /a:/b",
        f"Error: {red}\u2716{end} Treatment required",
    ])
    found = DriverDoctor.parse(output)
    assert found.passed == ["adb exists"]
    assert found.issues == [
        ("JAVA_HOME environment variable is NOT set!", True), ("ffmpeg cannot be found", False)]
    assert found.fix_for(0, True) == "Set JAVA_HOME to your JDK"
    assert found.fix_for(1, False) == "ffmpeg records screens."
