"""Strict device side: what the simulated device does not model fails the driver session, naming it,
through the real drivers, until the driver deletes that session; the next session starts clean."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from appium import webdriver
from selenium.common.exceptions import WebDriverException

from harness.devices.capabilities import build_options, worker_overrides
from harness.devices.profiles import load_profile
from harness.devices.servers import device_capabilities, start_server_for
from tests.helpers import require_node_tools

UNMODELLED = {
    # mobile: getDeviceTime runs `adb shell date ...`; mobile: siriCommand posts /wda/siri/activate
    "android": ("mobile: getDeviceTime", {}, "adb shell request not modelled: 'date +%Y-%m-%dT%T%z'"),
    "ios": ("mobile: siriCommand", {"text": "hello"}, "wda request not modelled: 'POST /session/"),
}


@pytest.fixture(scope="module", params=["android", "ios"])
def device(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    require_node_tools()
    profile = load_profile(f"appium-sim-{request.param}")
    server = start_server_for(profile, tmp_path_factory.mktemp("strict"), worker="strict")
    yield profile, server
    server.stop()


def new_session(profile: Any, server: Any) -> Any:
    overrides = {**worker_overrides(profile, 0), **device_capabilities(server)}
    return webdriver.Remote(server.url, options=build_options(profile, "netflix", overrides=overrides))


def test_an_unmodelled_request_fails_the_session_naming_it(device: Any) -> None:
    profile, server = device
    script, args, named = UNMODELLED[profile.platform]
    driver = new_session(profile, server)
    try:
        with pytest.raises(WebDriverException) as first:
            driver.execute_script(script, args)
        assert named in str(first.value)
        assert "model it in harness/sim/device_side/" in str(first.value)
        with pytest.raises(WebDriverException) as later:  # a tolerated failure must not pass silently
            driver.page_source  # noqa: B018 - the property is the command
        assert named in str(later.value) and "met earlier in this session" in str(later.value)
    finally:
        driver.quit()
    journal = Path(server.side.journal.path).read_text()
    assert "500 unknown error" in journal or "exit 1" in journal
    assert server.side.strictness.first is None  # deleting the session cleared it
    driver = new_session(profile, server)
    try:
        assert "Netflix" in driver.page_source or "netflix" in driver.page_source
    finally:
        driver.quit()


def test_the_session_reports_the_simulated_device(device: Any) -> None:
    """What a report reads from any Appium session: the device, its OS version, the driver's answers."""
    profile, server = device
    driver = new_session(profile, server)
    try:
        caps = driver.capabilities
        info = driver.execute_script("mobile: deviceInfo")
    finally:
        driver.quit()
    if profile.platform == "android":
        assert (caps["deviceModel"], caps["platformVersion"], caps["deviceApiLevel"]) == (
            "Pixel 7 (simulated)", "14", 34)  # the direct mode's phone
        assert caps["deviceUDID"] == "emulator-5554" and caps["automationName"].lower() == "uiautomator2"
        assert info["model"] == "Pixel 7 (simulated)"
    else:
        assert caps["platformVersion"] == "17.5" and caps["udid"] == "00008110-0000000000000000"
        assert caps["automationName"] == "XCUITest" and info["name"] == "iPhone 14 (simulated)"
