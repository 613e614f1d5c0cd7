"""Device facts as the real drivers report them: new-session capabilities, `mobile: deviceInfo`, app
state and version, so a report can say on what device, which OS and which build a scenario ran.

Field names are checked against the installed drivers' sources (what UiAutomator2 copies from the
device into the session, the XCUITest DeviceInfo type).
"""

from __future__ import annotations

import re

import pytest
from selenium.common.exceptions import WebDriverException

from harness.sim.loader import load_app_model
from tests.helpers import NODE_MODULES
from tests.sim.drive import BUNDLE, PACKAGE

DRIVERS = NODE_MODULES


def driver_source(relative: str) -> str:
    path = DRIVERS / relative
    assert path.is_file(), f"{path} is missing: the real drivers are installed by `make setup` (npm ci)"
    return path.read_text(encoding="utf-8")


def test_android_session_carries_the_device_details_uiautomator2_adds(session):
    caps = session("android").capabilities
    source = driver_source("appium-uiautomator2-driver/build/lib/driver.js")
    body = source[source.index("async getDeviceDetails()") :]
    body = body[body.index("return {") : body.index("};")]
    added = re.findall(r"^\s*(\w+)[,:]", body, re.M)
    assert {"deviceApiLevel", "deviceModel", "deviceManufacturer", "platformVersion"} <= set(added)
    assert {name for name in added if f"appium:{name}" not in caps} == set()
    assert caps["appium:deviceModel"] == "Pixel 7 (simulated)"
    assert caps["appium:deviceManufacturer"] == "Google"
    assert (caps["appium:platformVersion"], caps["appium:deviceApiLevel"]) == ("14", 34)
    assert caps["appium:deviceScreenSize"] == "1080x2400" and caps["appium:deviceScreenDensity"] == 440
    assert caps["appium:deviceUDID"] == caps["appium:deviceName"] == "emulator-5554"


def test_android_device_info_is_what_the_session_was_told(session):
    driver = session("android", udid="emulator-5556")
    info = driver.execute_script("mobile: deviceInfo")
    source = driver_source("appium-uiautomator2-driver/build/lib/driver.js")
    read = re.search(r"\{ (apiVersion, [^}]*) \}", source)
    assert read, "the driver no longer destructures mobileGetDeviceInfo() as expected"
    assert {name.strip() for name in read.group(1).split(",")} <= set(info)
    caps = driver.capabilities
    assert (
        info["model"] == caps["appium:deviceModel"]
        and info["manufacturer"] == caps["appium:deviceManufacturer"]
    )
    assert int(info["apiVersion"]) == caps["appium:deviceApiLevel"]
    assert info["realDisplaySize"] == caps["appium:deviceScreenSize"]
    assert caps["appium:deviceUDID"] == "emulator-5556"  # the device the session asked for


def test_ios_session_and_device_info(session):
    driver = session("ios", udid="00008110-000A1B2C3D4E5F60")
    caps = driver.capabilities
    assert caps["appium:udid"] == "00008110-000A1B2C3D4E5F60" and caps["appium:platformVersion"] == "17.5"
    info = driver.execute_script("mobile: deviceInfo")
    types = driver_source("appium-xcuitest-driver/build/lib/commands/types.d.ts")
    block = re.search(r"export interface DeviceInfo \{(.*?)\n\}", types, re.S)
    assert block, "the XCUITest driver no longer declares DeviceInfo"
    fields = set(re.findall(r"^\s*(\w+)\??:", block.group(1), re.M))
    assert fields == set(info)
    assert info["uuid"] == caps["appium:udid"] and info["isSimulator"] is True
    assert (info["name"], info["model"], info["currentLocale"]) == (
        "iPhone 14 (simulated)",
        "iPhone",
        "en_US",
    )


def test_the_app_build_is_listed_on_android(session):
    apps = session("android").execute_script("mobile: listApps")
    assert apps[PACKAGE] == {"packageName": PACKAGE, "versionCode": load_app_model().build}
    assert load_app_model().build == 50645


def test_listing_apps_needs_a_real_ios_device(session):
    """XCUITest lists apps through installation_proxy, which a simulator does not have."""
    with pytest.raises(WebDriverException, match="can only be performed on a real device"):
        session("ios").execute_script("mobile: listApps")


@pytest.mark.parametrize("launch", ["activate", "launch"])
def test_query_app_state_is_4_once_the_app_is_launched(session, platform, launch):
    """What the runner waits for after launch_app: terminate, then activate (or iOS launchApp)."""
    driver = session(platform)
    key, app = ("appId", PACKAGE) if platform == "android" else ("bundleId", BUNDLE)
    driver.execute_script("mobile: terminateApp", {key: app})
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 1  # installed, not running
    if launch == "launch" and platform == "ios":
        driver.execute_script("mobile: launchApp", {key: app})
    else:
        driver.execute_script("mobile: activateApp", {key: app})
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 4  # running in the foreground
    driver.execute_script("mobile: backgroundApp", {"seconds": -1})
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 3  # in the background
