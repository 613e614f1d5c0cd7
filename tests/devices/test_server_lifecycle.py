"""Server lifecycle without Node: start-up failures explain themselves, nothing is left running.

Stand-in executables play a server that exits at once or never answers; the real Appium 3 is exercised in
test_appium_real_server.py.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from harness.devices.appium_server import (
    AppiumNotInstalledError,
    AppiumServer,
    ServerStartError,
    find_appium,
    tail,
)
from harness.devices.profiles import load_profile
from harness.devices.servers import RunningServer, start_server_for
from harness.ports import free_port
from tests.helpers import process_gone, require_node_tools


def test_no_appium_anywhere_names_npm_ci(tmp_path: Path):
    with pytest.raises(AppiumNotInstalledError) as info:
        find_appium(tmp_path, path=str(tmp_path))
    message = str(info.value)
    assert f"{tmp_path}/node_modules/.bin/appium is missing" in message
    assert f"cd {tmp_path} && npm ci" in message


def test_project_appium_wins_over_path(tmp_path: Path, fake_bin):
    on_path = fake_bin.script("appium", "exit 0")
    assert find_appium(tmp_path, path=str(fake_bin.path)) == on_path
    local = fake_bin.script("appium", "exit 0", tmp_path / "node_modules" / ".bin")
    assert find_appium(tmp_path, path=str(fake_bin.path)) == local


def test_command_line(tmp_path: Path, fake_bin):
    exe = fake_bin.script("appium", "exit 0")
    server = AppiumServer(
        tmp_path / "a.log",
        ["--session-override"],
        relaxed_security=True,
        use_drivers=["fake"],
        executable=exe,
    )
    assert server.command(4723) == [
        str(exe),
        "server",
        "--address",
        "127.0.0.1",
        "--port",
        "4723",
        "--log-no-colors",
        "--log-timestamp",
        "--relaxed-security",
        "--use-drivers",
        "fake",
        "--session-override",
    ]
    assert "--relaxed-security" not in AppiumServer(tmp_path / "b.log", executable=exe).command(1)


def test_a_relative_log_path_is_where_the_harness_reads_it(tmp_path: Path, fake_bin,
                                                           monkeypatch: pytest.MonkeyPatch):
    """Appium runs in the project root: a relative log path means the caller's artifacts/, where the
    harness writes (masked) what the server prints, and where it reads it back to attach it."""
    monkeypatch.chdir(tmp_path)
    exe = fake_bin.script("appium", "exit 0")
    server = AppiumServer(Path("artifacts") / "a.log", executable=exe, appium_home=tmp_path / "home")
    assert "--log" not in server.command(4723)  # the harness writes the log, never the server
    assert server.log_path == tmp_path / "artifacts" / "a.log"
    monkeypatch.chdir(tmp_path / "..")
    assert server.log_path == tmp_path / "artifacts" / "a.log"  # fixed when made, not at each use


def test_server_that_exits_reports_its_output(tmp_path: Path, fake_bin):
    exe = fake_bin.script(
        "appium", 'echo "[Appium] booting"; echo "Error: unknown flag --bogus" >&2; exit 3'
    )
    server = AppiumServer(tmp_path / "logs" / "appium.log", executable=exe, startup_timeout=20)
    started = time.monotonic()
    with pytest.raises(ServerStartError) as info:
        server.start()
    assert time.monotonic() - started < 10  # an exit is noticed at once, not after the timeout
    message = str(info.value)
    assert message.startswith("Appium exited with code 3. Command: ")
    assert f"Last lines of {tmp_path / 'logs' / 'appium.log'}:\n[Appium] booting" in message
    assert "Error: unknown flag --bogus" in message
    assert not server.running


def test_server_that_never_answers_times_out_and_is_stopped(tmp_path: Path, fake_bin):
    exe = fake_bin.script("appium", "exec sleep 60")
    server = AppiumServer(tmp_path / "appium.log", executable=exe, startup_timeout=1)
    with pytest.raises(ServerStartError) as info:
        server.start()
    message = str(info.value)
    assert f"Appium did not answer GET http://127.0.0.1:{server.port}/status within 1 s" in message
    assert f"Nothing was logged to {tmp_path / 'appium.log'}" in message
    assert not server.running and process_gone(server.pid)


def test_stop_kills_a_server_that_ignores_sigterm(tmp_path: Path, fake_bin):
    exe = fake_bin.script("appium", "trap '' TERM; while true; do sleep 0.1; done")
    server = AppiumServer(tmp_path / "appium.log", executable=exe)
    server._spawn(free_port(), {"PATH": "/usr/bin:/bin"})  # running, never ready: no need to wait for it
    assert server.running
    started = time.monotonic()
    assert server.stop(grace=0.5) is True
    assert time.monotonic() - started < 5
    assert process_gone(server.pid)


def test_stop_before_start_and_twice(tmp_path: Path):
    server = AppiumServer(tmp_path / "a.log")
    assert server.stop() is True and server.stop() is True
    with pytest.raises(RuntimeError, match="has not been started"):
        _ = server.url


def test_free_port_is_free():
    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))  # nobody holds it
        assert sock.getsockname() == ("127.0.0.1", port) and 1024 <= port <= 65535
    assert free_port() != 0


def test_tail(tmp_path: Path):
    log = tmp_path / "x.log"
    log.write_text("\n".join(f"line {i}" for i in range(100)))
    assert tail(log, 3) == "line 97\nline 98\nline 99"
    assert tail(tmp_path / "none.log") == "" and tail(None) == ""


def test_running_server_profile_is_used_as_is(tmp_path: Path):
    profile = tmp_path / "remote.yaml"
    profile.write_text(
        "platform: ios\nserver: {url: 'http://127.0.0.1:4723', log: /var/log/appium.log}\n"
        "screen: {width: 390, height: 844}\n"
    )
    handle = start_server_for(load_profile(profile, environ={}), tmp_path)
    assert isinstance(handle, RunningServer)
    assert handle.url == "http://127.0.0.1:4723" and handle.log_path == Path("/var/log/appium.log")
    assert handle.stop() is True


def test_real_server_tier_fails_without_node_modules(tmp_path: Path):
    """The Appium tests fail (never skip) on a clone where `npm ci` has not run, and say what to do."""
    with pytest.raises(pytest.fail.Exception) as info:
        require_node_tools(tmp_path)
    assert str(info.value) == (
        "the pinned Node tools are not installed (node_modules/.bin/appium, node_modules/@appium/fake-driver "
        f"missing): run `npm ci` in {tmp_path}"
    )
