"""Tier 3: the real Appium 3 server from the project's node_modules, with Appium's official fake driver.

The session is created exactly as the runner creates it: profile -> start_server_for -> build_options ->
webdriver.Remote. Without `npm ci` these tests fail (never skip) with a message that says so.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException

from harness.devices.appium_server import AppiumServer, ServerStartError
from harness.devices.capabilities import build_options
from harness.devices.profiles import load_profile
from harness.devices.servers import start_server_for
from tests.helpers import FAKE_PROFILE, clean_env, process_gone

pytestmark = pytest.mark.appium


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def session_error(url: str, session_id: str) -> str | None:
    """The W3C error of GET /session/{id}/source, or None when the session answers."""
    try:
        get_json(f"{url}/session/{session_id}/source")
    except urllib.error.HTTPError as exc:
        return json.load(exc)["value"]["error"]
    return None


def port_closed(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture(scope="module")
def fake_profile(node_tools):
    return load_profile(FAKE_PROFILE, environ={})


@pytest.fixture(scope="module")
def server(fake_profile, tmp_path_factory):
    handle = start_server_for(fake_profile, tmp_path_factory.mktemp("appium-logs"), worker="t0")
    yield handle
    handle.stop()


@pytest.fixture(scope="module")
def session(server, fake_profile):
    driver = webdriver.Remote(server.url, options=build_options(fake_profile, app="fake"))
    yield driver
    driver.quit()


def test_server_listens_on_loopback_with_the_pinned_appium(server):
    assert isinstance(server, AppiumServer)
    assert server.url.startswith("http://127.0.0.1:")
    status = get_json(server.url + "/status")["value"]
    assert status["ready"] is True and status["build"]["version"] == "3.8.0"
    assert server.log_path.name == "appium-fake-device-t0.log"
    assert server.command(server.port)[server.command(server.port).index("--use-drivers") + 1] == "fake"


def test_session_gets_the_profiles_capabilities(session):
    caps = session.capabilities
    assert caps["platformName"] == "Fake" and caps["automationName"] == "Fake"
    assert caps["app"].endswith("tests/devices/data/fake-app.xml")
    assert caps["deviceName"] == "Fake Phone" and caps["newCommandTimeout"] == 30


def test_find_by_id_xpath_and_class_name(session):
    button = session.find_element(AppiumBy.ID, "sign_in")
    same = session.find_element(AppiumBy.XPATH, "//MockButton[@id='sign_in']")
    assert button == same
    assert button.rect == {"x": 90, "y": 1800, "width": 900, "height": 140}
    fields = session.find_elements(AppiumBy.CLASS_NAME, "MockInputField")
    assert len(fields) == 2
    fields[0].send_keys("qa@example.com")
    assert fields[0].text == "qa@example.com"
    button.click()
    assert button.get_attribute("clicks") == "1"
    assert session.find_element(AppiumBy.ID, "help").is_displayed() is False
    assert "<title>Fake Netflix</title>" in session.page_source


def test_missing_element_maps_to_no_such_element(session):
    with pytest.raises(NoSuchElementException) as info:
        session.find_element(AppiumBy.ID, "no_such_button")
    assert "An element could not be located on the page using the given search parameters" in info.value.msg
    assert session.find_elements(AppiumBy.XPATH, "//Nothing") == []


def test_teardown_deletes_the_session_and_the_log_tells_the_story(server, fake_profile):
    driver = webdriver.Remote(server.url, options=build_options(fake_profile, app="fake"))
    session_id = driver.session_id
    assert session_error(server.url, session_id) is None
    driver.quit()
    assert session_error(server.url, session_id) == "invalid session id"
    server.sync_log()  # the harness writes the log itself, masked, a moment after the server
    log = server.log_path.read_text(encoding="utf-8")
    assert "Welcome to Appium v3.8.0" in log
    assert f"DELETE /session/{session_id}" in log
    assert "\x1b[" not in log  # --log-no-colors


def test_stop_leaves_nothing_running(fake_profile, tmp_path):
    server = start_server_for(fake_profile, tmp_path)
    pid, port = server.pid, server.port
    assert get_json(server.url + "/status")["value"]["ready"] is True
    assert server.stop() is True
    assert not server.running and process_gone(pid) and port_closed(port)


def test_bad_argument_fails_fast_with_the_reason(node_tools, tmp_path):
    server = AppiumServer(tmp_path / "appium.log", appium_args=["--no-such-flag"], startup_timeout=30)
    started = time.monotonic()
    with pytest.raises(ServerStartError) as info:
        server.start()
    assert time.monotonic() - started < 20
    assert "Appium exited with code" in str(info.value) and "no-such-flag" in str(info.value)
    assert process_gone(server.pid)


CHILD = """
import sys, time
from harness.devices.appium_server import AppiumServer
server = AppiumServer(sys.argv[1], use_drivers=["fake"]).start()
print(server.pid, server.port, flush=True)
time.sleep(120)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_harness_stops_its_server(node_tools, tmp_path, sig):
    """Ctrl-C (KeyboardInterrupt -> atexit) and SIGTERM (handler) both end the server the harness started."""
    env = clean_env({"PYTHONPATH": str(node_tools)})
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path / "appium.log")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=node_tools,
    )
    try:
        line = child.stdout.readline()
        assert line, child.stderr.read()
        pid, port = (int(part) for part in line.split())
        assert not process_gone(pid)
        child.send_signal(sig)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    deadline = time.monotonic() + 10
    while not process_gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert process_gone(pid) and port_closed(port)
    assert child.returncode == -sig  # the harness ends the way the signal asked, after cleaning up
