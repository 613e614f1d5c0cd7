"""Profile -> Appium-Python-Client options, and the per-worker overrides of parallel runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from appium.options.android import UiAutomator2Options
from appium.options.ios import XCUITestOptions

from harness.devices.capabilities import (
    PoolTooSmallError,
    UnknownAppError,
    build_options,
    worker_overrides,
)
from harness.devices.profiles import load_profile
from harness.devices.project import worker_id, worker_index
from tests.helpers import ROOT

FAKE = Path(__file__).parent / "data" / "fake-device.yaml"


def w3c(options) -> dict:
    """What Appium-Python-Client really sends in POST /session (alwaysMatch)."""
    return options.to_w3c()["capabilities"]["alwaysMatch"]


def test_android_emulator_options():
    profile = load_profile("android-emulator", environ={"NETFLIX_APK": "/b/n.apk"})
    options = build_options(profile, app="netflix")
    assert isinstance(options, UiAutomator2Options)
    caps = w3c(options)
    assert caps["platformName"] == "Android"
    assert caps["appium:automationName"] == "UIAutomator2"
    assert caps["appium:appPackage"] == "com.netflix.mediaclient"
    assert caps["appium:appActivity"] == ".ui.launch.UIWebViewActivity"
    assert caps["appium:app"] == "/b/n.apk"
    assert caps["appium:avd"] == "Pixel_7_API_34"
    assert caps["appium:noReset"] is True
    assert caps["appium:newCommandTimeout"] == 300
    assert options.avd_launch_timeout.total_seconds() == 180  # the client reads it as milliseconds
    assert all(key == "platformName" or key.startswith("appium:") for key in caps)


def test_ios_simulator_options():
    profile = load_profile("ios-simulator", environ={"NETFLIX_IOS_APP": "/b/Netflix.app"})
    options = build_options(profile, app="netflix")
    assert isinstance(options, XCUITestOptions)
    caps = w3c(options)
    assert caps["platformName"] == "iOS" and caps["appium:automationName"] == "XCUITest"
    assert caps["appium:bundleId"] == "com.netflix.Netflix"
    assert caps["appium:app"] == "/b/Netflix.app"
    assert caps["appium:deviceName"] == "iPhone 15" and caps["appium:platformVersion"] == "17.5"
    assert "appium:udid" not in caps  # empty in the environment: not sent at all
    assert "appium:appActivity" not in caps and "appium:appPackage" not in caps
    assert options.simulator_startup_timeout.total_seconds() == 240


def test_sim_profiles_give_the_app_ids():
    android = w3c(build_options(load_profile("sim-android", environ={}), app="netflix"))
    ios = w3c(build_options(load_profile("sim-ios", environ={}), app="netflix"))
    assert android["appium:appPackage"] == "com.netflix.mediaclient"
    assert ios["appium:bundleId"] == "com.netflix.Netflix"


def test_overrides_win_and_null_removes():
    profile = load_profile("android-emulator", environ={})
    caps = w3c(
        build_options(
            profile, app="netflix", overrides={"avd": "Other", "noReset": None, "appium:systemPort": 8299}
        )
    )
    assert caps["appium:avd"] == "Other"
    assert "appium:noReset" not in caps
    assert caps["appium:systemPort"] == 8299


def test_no_app_means_no_app_capabilities():
    caps = w3c(build_options(load_profile("android-emulator", environ={})))
    assert not {"appium:appPackage", "appium:appActivity", "appium:app"} & set(caps)


def test_unknown_app_suggests():
    profile = load_profile("sim-android", environ={})
    with pytest.raises(
        UnknownAppError, match=r'has no app "netflx" \(did you mean "netflix"\?\); its apps: netflix'
    ):
        build_options(profile, app="netflx")


def test_a_profile_may_override_the_driver_and_only_its_value_is_sent():
    caps = w3c(build_options(load_profile(FAKE, environ={}), app="fake"))
    assert caps["platformName"] == "Fake" and caps["appium:automationName"] == "Fake"
    assert caps["appium:app"].endswith("tests/devices/data/fake-app.xml")
    raw = build_options(load_profile(FAKE, environ={}), app="fake").to_capabilities()
    assert "automationName" not in raw  # the option class default is not sent beside the override


def test_android_worker_overrides():
    profile = load_profile("android-emulator", environ={"ANDROID_SYSTEM_PORT": "8210"})
    assert worker_overrides(profile, 0) == {"systemPort": 8210, "mjpegServerPort": 7810}
    assert worker_overrides(profile, 3) == {"systemPort": 8213, "mjpegServerPort": 7813}


def test_ios_worker_overrides():
    profile = load_profile("ios-simulator", environ={})
    first, second = worker_overrides(profile, 0), worker_overrides(profile, 1)
    assert first["wdaLocalPort"] == 8100 and second["wdaLocalPort"] == 8101
    assert first["mjpegServerPort"] == 9100 and second["mjpegServerPort"] == 9101
    assert first["derivedDataPath"] == str(ROOT / ".appium" / "wda" / "worker-0")
    assert second["derivedDataPath"] == str(ROOT / ".appium" / "wda" / "worker-1")
    custom = load_profile("ios-simulator", environ={"IOS_DERIVED_DATA": "/var/wda"})
    assert worker_overrides(custom, 2)["derivedDataPath"] == "/var/wda/worker-2"


def test_overrides_reach_the_options():
    profile = load_profile("ios-simulator", environ={})
    caps = w3c(build_options(profile, "netflix", worker_overrides(profile, 1)))
    assert caps["appium:wdaLocalPort"] == 8101 and caps["appium:derivedDataPath"].endswith("worker-1")


def test_sim_profiles_need_no_ports():
    assert worker_overrides(load_profile("sim-android", environ={}), 5) == {}
    assert worker_overrides(load_profile("sim-ios", environ={}), 5) == {}
    # behind a real driver, the simulated device of each worker gives its own udid and ports
    assert worker_overrides(load_profile("appium-sim-android", environ={}), 5) == {}
    assert worker_overrides(load_profile("appium-sim-ios", environ={}), 5) == {}


def test_pool_gives_each_worker_its_own_device(tmp_path: Path):
    source = (ROOT / "device_profiles" / "android-emulator.yaml").read_text()
    path = tmp_path / "two.yaml"
    path.write_text(source + "pool:\n  - {avd: First}\n  - {avd: Second}\n")
    profile = load_profile(path, environ={})
    assert worker_overrides(profile, 1) == {"systemPort": 8201, "mjpegServerPort": 7811, "avd": "Second"}
    with pytest.raises(PoolTooSmallError, match=r"lists 2 device\(s\) under pool:, but worker 2 needs one"):
        worker_overrides(profile, 2)


def test_worker_names():
    assert worker_id({}) == "main" and worker_id({"PYTEST_XDIST_WORKER": "gw4"}) == "gw4"
    assert [worker_index(w) for w in ("main", "gw0", "gw7", "odd")] == [0, 0, 7, 0]
