"""Tier 6: a server the harness starts binds 127.0.0.1 unless the profile says otherwise (then a warning),
insecure Appium features only when listed; a remote server's credentials travel in the client's auth
configuration and never in a URL that is shown (messages, environment.properties, doctor)."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from harness.devices import appium_server
from harness.devices.appium_server import ExposureWarning
from harness.devices.profiles import load_profile
from harness.devices.servers import start_server_for
from harness.errors import InvalidInputError
from harness.runner.errors import SessionLost
from harness.runner.session import SessionManager
from tests.helpers import run_harness

APPIUM_PROFILE = """platform: android
server:
  start: appium
{extra}
screen: {{width: 1080, height: 2400}}
"""


def profile(tmp_path: Path, extra: str, name: str = "exposed") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(APPIUM_PROFILE.format(extra=extra))
    return path


@pytest.mark.parametrize("args", [
    '[--address, 0.0.0.0]', '["--address=0.0.0.0"]', '[-a, "192.168.1.20"]',
])
def test_binding_beyond_loopback_needs_allow_remote(tmp_path: Path, args: str) -> None:
    expected = (r"exposed\.yaml:3:3: appium_args bind the server to \S+, reachable from other "
                r"machines: remove it .* allow_remote")
    with pytest.raises(InvalidInputError, match=expected):
        load_profile(profile(tmp_path, f"  appium_args: {args}"), environ={})


def test_allow_remote_binds_with_a_warning_naming_the_address(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_profile(profile(tmp_path, "  appium_args: [--address, 0.0.0.0]\n  allow_remote: true"),
                          environ={})
    monkeypatch.setattr(appium_server.AppiumServer, "start", lambda self: self)
    with pytest.warns(ExposureWarning, match=r"'exposed': the Appium server listens on 0\.0\.0\.0"):
        server = start_server_for(loaded, tmp_path)
    assert server.command(4723)[-2:] == ["--address", "0.0.0.0"]


@pytest.mark.parametrize(("extra", "error"), [
    ("  appium_args: [--relaxed-security]", "--relaxed-security turns on every insecure feature"),
    ('  appium_args: [--allow-insecure, "*:adb_shell"]',
     "--allow-insecure adb_shell is not listed under insecure_features"),
    ('  appium_args: [--allow-insecure, "uiautomator2:adb_shell,chromedriver_autodownload"]\n'
     "  insecure_features: [adb_shell]",
     "--allow-insecure chromedriver_autodownload is not listed"),
])
def test_insecure_features_must_be_listed(tmp_path: Path, extra: str, error: str) -> None:
    with pytest.raises(InvalidInputError, match=error):
        load_profile(profile(tmp_path, extra), environ={})


def test_listed_insecure_features_start_with_a_warning(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = load_profile(profile(tmp_path, '  appium_args: [--allow-insecure, "*:adb_shell"]\n'
                                            "  insecure_features: [adb_shell]"), environ={})
    monkeypatch.setattr(appium_server.AppiumServer, "start", lambda self: self)
    with pytest.warns(ExposureWarning, match="runs with insecure features: \\*:adb_shell, adb_shell"):
        start_server_for(loaded, tmp_path)
    relaxed_args = "  appium_args: [--relaxed-security]\n  insecure_features: ['*']"
    relaxed = load_profile(profile(tmp_path, relaxed_args, "relaxed"), environ={})
    assert relaxed.server.exposure_warnings() == ["the Appium server runs with insecure features: *"]


class _Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None]] = []

    def do_POST(self) -> None:
        self.seen.append((self.path, self.headers.get("Authorization")))
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = b'{"value": {"error": "session not created", "message": "no devices here"}}'
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_url_credentials_go_to_the_client_auth_and_are_never_shown(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    path = tmp_path / "cloud.yaml"
    path.write_text("platform: android\nserver:\n  url: http://qa-user:${CLOUD_KEY}@127.0.0.1:"
                    f"{port}/wd/hub\napps: {{app: {{id: com.example}}}}\n"
                    "screen: {width: 1080, height: 2400}\n")
    try:
        loaded = load_profile(path, environ={"CLOUD_KEY": "Cl0ud-Access-Key"})
        assert loaded.server.url == f"http://127.0.0.1:{port}/wd/hub"
        assert "Cl0ud" not in repr(loaded) and "qa-user" not in loaded.server.url
        assert loaded.server.credentials == ("qa-user", "Cl0ud-Access-Key")
        with pytest.raises(SessionLost) as info:
            SessionManager(tmp_path).session_for(loaded, "app")
    finally:
        server.shutdown()
    assert f"could not create a session on http://127.0.0.1:{port}/wd/hub" in str(info.value)
    assert "Cl0ud" not in str(info.value) and "qa-user" not in str(info.value)
    expected = "Basic " + base64.b64encode(b"qa-user:Cl0ud-Access-Key").decode()
    assert ("/wd/hub/session", expected) in _Recorder.seen


def test_doctor_and_environment_never_show_url_credentials(tmp_path: Path) -> None:
    path = tmp_path / "cloud.yaml"
    path.write_text("platform: android\nserver:\n  url: https://qa-user:${CLOUD_KEY}@127.0.0.1:9/wd/hub\n"
                    "apps: {app: {id: com.example}}\nscreen: {width: 1080, height: 2400}\n")
    env = {"CLOUD_KEY": "Cl0ud-Access-Key"}
    doctor = run_harness("doctor", "--device", str(path), env=env, timeout=60)
    assert "127.0.0.1:9" in doctor.stdout + doctor.stderr
    assert "Cl0ud" not in doctor.stdout + doctor.stderr and "qa-user" not in doctor.stdout + doctor.stderr
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "s.yaml").write_text("name: s\nsteps:\n  - back\n")
    results = tmp_path / "results"
    run = run_harness("run", str(folder), "--device", str(path), "--alluredir", str(results), env=env,
                      timeout=120)
    environment = (results / "environment.properties").read_text()
    assert "127.0.0.1\\:9/wd/hub" in environment or "127.0.0.1:9/wd/hub" in environment
    for text in (environment, run.stdout, run.stderr, *(p.read_text() for p in results.glob("*.json"))):
        assert "Cl0ud" not in text and "qa-user" not in text
