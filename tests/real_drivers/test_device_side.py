"""The device side's own parts, without Appium: the fake adb as a process, strictness, the journal,
usbmuxd's framing, and that nothing outlives the harness. The real drivers exercise the rest."""

from __future__ import annotations

import json
import os
import plistlib
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.sim.device_side.android.shell import split_commands
from harness.sim.device_side.ios import framing
from harness.sim.device_side.journal import Journal, aliases, normalised, read
from harness.sim.device_side.start import start_device_side
from harness.sim.server import SimServer
from tests.helpers import clean_env, process_gone


@pytest.fixture
def android(tmp_path: Path) -> Iterator[object]:
    side = start_device_side(SimServer(platform="android"), tmp_path, Journal(tmp_path / "journal.jsonl"))
    yield side
    side.stop()


def adb(side: object, *args: str, timeout: float = 10) -> subprocess.CompletedProcess[str]:
    tool = Path(side.env["ANDROID_HOME"]) / "platform-tools" / "adb"  # type: ignore[attr-defined]
    return subprocess.run([str(tool), *args], capture_output=True, text=True, timeout=timeout)


def test_the_fake_adb_is_this_python_without_a_shell(android: object) -> None:
    tool = Path(android.env["ANDROID_HOME"]) / "platform-tools" / "adb"  # type: ignore[attr-defined]
    assert tool.read_text().splitlines()[0] == f"#!{sys.executable} -IS"
    done = adb(android, "-P", "5037", "devices")
    assert (done.returncode, done.stdout) == (0, "List of devices attached\nemulator-5554\tdevice\n")
    assert adb(android, "shell", "getprop", "ro.build.version.sdk").stdout == "34\n"


def test_an_unmodelled_adb_command_fails_naming_it_and_where_to_model_it(android: object) -> None:
    done = adb(android, "shell", "dumpsys", "battery")
    assert done.returncode == 1
    assert "adb shell request not modelled: 'dumpsys battery'" in done.stderr
    assert "harness/sim/device_side/android/shell.py" in done.stderr
    assert android.strictness.first is not None  # type: ignore[attr-defined]
    wrong_phone = adb(android, "-s", "emulator-5556", "shell", "getprop", "ro.build.version.sdk")
    assert wrong_phone.returncode == 1 and "device 'emulator-5556' not found" in wrong_phone.stderr


def test_the_shell_line_is_split_as_the_phones_sh_would() -> None:
    assert split_commands("settings put global a 1;settings put global b 1") == [
        ["settings", "put", "global", "a", "1"], ["settings", "put", "global", "b", "1"]]
    assert split_commands("am start -W -a android.intent.action.VIEW -d nflx://x?a=1\\&b=2 pkg") == [
        ["am", "start", "-W", "-a", "android.intent.action.VIEW", "-d", "nflx://x?a=1&b=2", "pkg"]]


def test_the_server_process_runs_until_the_device_ends_it_or_it_is_killed(android: object) -> None:
    tool = Path(android.env["ANDROID_HOME"]) / "platform-tools" / "adb"  # type: ignore[attr-defined]
    instrument = [str(tool), "shell", "am", "instrument", "-w", "-e", "disableAnalytics", "true",
                  "io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner"]
    device = android.device  # type: ignore[attr-defined]
    first = subprocess.Popen(instrument, stdout=subprocess.PIPE, text=True)
    assert "INSTRUMENTATION_STATUS" in first.stdout.readline()  # type: ignore[union-attr]
    assert device.server_running and first.poll() is None
    device.end_instrumentation()
    assert first.wait(timeout=5) == 0
    second = subprocess.Popen(instrument, stdout=subprocess.PIPE, text=True)
    second.stdout.readline()  # type: ignore[union-attr]
    assert device.server_running
    second.kill()  # as the driver stops it
    second.wait(timeout=5)
    deadline = time.monotonic() + 5
    while device.server_running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not device.server_running


def test_stopping_the_device_side_leaves_nothing(tmp_path: Path) -> None:
    side = start_device_side(SimServer(platform="android"), tmp_path, Journal(None))
    tool = Path(side.env["ANDROID_HOME"]) / "platform-tools" / "adb"
    running = subprocess.Popen([str(tool), "shell", "am", "instrument", "-w",
                                "io.appium.uiautomator2.server.test/androidx.test.runner.AndroidJUnitRunner"],
                               stdout=subprocess.PIPE, text=True)
    running.stdout.readline()  # type: ignore[union-attr]
    port = side.control.port
    side.stop()
    assert running.wait(timeout=5) == 0
    assert not Path(side.env["ANDROID_HOME"]).exists()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_usbmuxd_answers_the_device_list_and_refuses_an_unknown_message(tmp_path: Path) -> None:
    side = start_device_side(SimServer(platform="ios"), tmp_path, Journal(None))
    try:
        path = side.env["USBMUXD_SOCKET_ADDRESS"].removeprefix("unix:")
        assert oct(os.stat(path).st_mode & 0o777) == "0o600"
        with socket.socket(socket.AF_UNIX) as conn:
            conn.connect(path)
            framing.send_usbmux(conn, 7, {"MessageType": "ListDevices"})
            tag, reply = framing.read_usbmux(conn)
            assert tag == 7
            assert reply["DeviceList"][0]["Properties"]["SerialNumber"] == "00008110-0000000000000000"
            framing.send_usbmux(conn, 8, {"MessageType": "ReadDeviceLogs"})
            assert framing.read_usbmux(conn) == (8, {"MessageType": "Result", "Number": 1})
        assert "usbmux request not modelled: 'ReadDeviceLogs'" in str(side.strictness.first)
        record = plistlib.loads(plistlib.dumps(side.device.pair_record()))
        assert b"PRIVATE KEY" in record["HostPrivateKey"]  # made at start-up, handed out only here
        assert not list((tmp_path / "iphone").glob("*key*"))  # the phone's key is not left on disk
    finally:
        side.stop()
    assert not Path(path).exists()


def test_the_mjpeg_port_is_the_devices_own_and_refuses_without_failing_the_session(tmp_path: Path) -> None:
    """The driver forwards WebDriverAgent's MJPEG port at session start; another driver's probe of that
    local port reaches this device as a Connect. Each device has its own port (no two drivers share the
    forward) and answers it as a device with no stream does: refused, the session stays usable."""
    sides = [start_device_side(SimServer(platform="ios"), tmp_path / str(i), Journal(None), index=i)
             for i in range(2)]
    try:
        first, second = (side.capabilities["mjpegServerPort"] for side in sides)
        assert first != second and 9100 not in (first, second)  # not XCUITest's default, shared by all
        side = sides[0]
        swapped = ((first & 0xFF) << 8) | (first >> 8)  # usbmux sends the port in network byte order
        with socket.socket(socket.AF_UNIX) as conn:
            conn.connect(side.env["USBMUXD_SOCKET_ADDRESS"].removeprefix("unix:"))
            framing.send_usbmux(conn, 3, {"MessageType": "Connect", "DeviceID": 1, "PortNumber": swapped})
            assert framing.read_usbmux(conn) == (3, {"MessageType": "Result", "Number": 3})
        assert side.strictness.first is None
    finally:
        for side in sides:
            side.stop()


def test_the_journal_hides_typed_text_and_run_specific_ids(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "j.jsonl")
    journal.alias("3f2a9c", "element")
    journal.record("uia2", "POST /session/s1/element/3f2a9c/value",
                   {"elementId": "3f2a9c", "text": "hunter2", "value": list("hunter2")})
    journal.close()
    raw = (tmp_path / "j.jsonl").read_text()
    assert "hunter2" not in raw and '"<7 characters>"' in raw
    events = read(tmp_path / "j.jsonl")
    line = normalised(events[-1], aliases(events))
    assert line == ('uia2      POST /session/s1/element/<element>/value '
                    '{"elementId":"<element>","text":"<7 characters>","value":"<7 characters>"}')


def test_appium_dies_with_the_harness_even_when_it_is_killed(tmp_path: Path) -> None:
    """server.device: sim starts Appium with Linux's parent-death signal: SIGKILL of the harness (no
    atexit, no handlers) still stops it. A stand-in `appium` plays the server."""
    fake = tmp_path / "appium"
    fake.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import http.server, json, sys
        port = int(sys.argv[sys.argv.index("--port") + 1])
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = json.dumps({{"value": {{"ready": True}}}}).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            def log_message(self, *a): pass
        http.server.HTTPServer(("127.0.0.1", port), H).serve_forever()
        """))
    fake.chmod(0o755)
    harness = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""\
        import sys, time
        from harness.devices.appium_server import AppiumServer
        server = AppiumServer({str(tmp_path / 'a.log')!r}, executable={str(fake)!r})
        server.start()
        print(server.pid, flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True, env=clean_env())
    pid = int(harness.stdout.readline())  # type: ignore[union-attr]
    assert not process_gone(pid)
    harness.send_signal(signal.SIGKILL)
    harness.wait(timeout=5)
    deadline = time.monotonic() + 5
    while not process_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process_gone(pid), "the server outlived the harness that started it"


def test_journal_files_are_json_lines(android: object) -> None:
    adb(android, "devices")
    android.journal.close()  # type: ignore[attr-defined]
    lines = Path(android.journal.path).read_text().splitlines()  # type: ignore[attr-defined]
    assert {json.loads(line)["layer"] for line in lines} >= {"adb", "alias"}


def test_a_bug_in_a_route_is_answered_not_hung_up(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from harness.sim.device_side.routing import Routes
    from harness.sim.device_side.strict import Strictness

    routes = Routes()

    @routes.add("GET", "/session/:sid/source")
    def broken(server: object, params: dict[str, str], body: object) -> tuple[int, object]:
        raise KeyError("no such thing")

    journal = Journal(tmp_path / "j.jsonl")
    server = SimpleNamespace(device=SimpleNamespace(journal=journal, strictness=Strictness()))
    status, payload = routes.dispatch(server, "wda", "GET", "/session/abc/source", None)
    message = payload["value"]["message"]
    assert status == 500 and "Traceback" in message
    assert "internal error answering wda GET /session/abc/source: 'no such thing'" in message
    status, payload = routes.dispatch(server, "wda", "GET", "/session/abc/screenshot", None)
    assert status == 500 and "wda request not modelled: 'GET /session/abc/screenshot'" in str(payload)


def test_the_session_manager_masks_the_device_journal_at_the_end(tmp_path: Path) -> None:
    """A deep link can carry a secret (`open_link: "app://reset?token=${TOKEN}"`): the adb command that
    opens it is in the journal, masked when the run ends like the Appium log."""
    from types import SimpleNamespace

    from harness.runner.session import DeviceSession, SessionManager
    from harness.secrets import REGISTRY

    journal = tmp_path / "device-x-main.jsonl"
    journal.write_text('{"layer": "adb", "request": "shell am start -d app://reset?token=Tok-3n-8812"}\n')
    REGISTRY.add("Tok-3n-8812", name="TOKEN", where="test")
    server = SimpleNamespace(log_path=None, extra_logs=[journal], stop=lambda: True)
    manager = SessionManager(tmp_path)
    manager.sessions["x"] = DeviceSession(profile=None, server=server, app=None)
    manager.close_all()
    assert "Tok-3n-8812" not in journal.read_text() and "token=" in journal.read_text()
