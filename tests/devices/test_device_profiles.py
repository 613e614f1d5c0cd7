"""Device profiles: the shipped files, lookup by name, env interpolation, and errors with file:line:col."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness.devices.profiles import (
    DeviceProfile,
    ProfileNotFoundError,
    available_profiles,
    load_profile,
    resolve_profile_path,
)
from harness.errors import InvalidInputError
from tests.helpers import ROOT

MINIMAL = """\
platform: android
server: {start: sim}
screen: {width: 1080, height: 2400}
"""


def write(tmp_path: Path, text: str, name: str = "p.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path, environ: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(InvalidInputError) as info:
        load_profile(path, environ=environ or {})
    return [str(p) for p in info.value.problems]


# ------------------------------------------------------------------------------------------ shipped


def test_shipped_profiles_are_the_four_documented_ones():
    assert {"sim-android", "sim-ios", "android-emulator", "ios-simulator"} <= set(available_profiles(ROOT))


def test_sim_android_profile():
    profile = load_profile("sim-android", environ={})
    assert isinstance(profile, DeviceProfile)
    assert (profile.name, profile.platform) == ("sim-android", "android")
    assert profile.server.start == "sim" and profile.server.url is None
    assert profile.server.sim_latency_ms is None and profile.server.sim_app_model is None
    assert profile.apps["netflix"].id == "com.netflix.mediaclient"
    assert profile.apps["netflix"].activity == ".ui.launch.UIWebViewActivity"
    assert (profile.screen.width, profile.screen.height) == (1080, 2400)
    assert set(profile.env) == {"NETFLIX_EMAIL", "NETFLIX_PASSWORD"}
    assert profile.automation_name == "UiAutomator2"
    assert profile.source == ROOT / "device_profiles" / "sim-android.yaml"


def test_sim_ios_profile():
    profile = load_profile("sim-ios", environ={"HARNESS_SIM_LATENCY_MS": "25"})
    assert profile.platform == "ios" and profile.automation_name == "XCUITest"
    assert profile.apps["netflix"].id == "com.netflix.Netflix" and profile.apps["netflix"].activity is None
    assert (profile.screen.width, profile.screen.height) == (390, 844)
    assert profile.server.sim_latency_ms == 25  # a number, from the environment


def test_android_emulator_profile_defaults_and_environment():
    profile = load_profile("android-emulator", environ={})
    assert profile.server.start == "appium" and profile.env == {}
    caps = profile.capabilities
    assert caps["avd"] == "Pixel_7_API_34"
    assert caps["noReset"] is True and caps["disableWindowAnimation"] is True
    assert caps["avdLaunchTimeout"] == 180000 and caps["avdReadyTimeout"] == 180000  # ms, as the driver wants
    assert caps["systemPort"] == 8200 and caps["mjpegServerPort"] == 7810
    assert profile.apps["netflix"].path is None  # empty default = already installed

    apk = "/tmp/builds/netflix.apk"
    custom = load_profile(
        "android-emulator",
        environ={"ANDROID_AVD": "CI_AVD", "NETFLIX_APK": apk, "ANDROID_SYSTEM_PORT": "8250"},
    )
    assert custom.capabilities["avd"] == "CI_AVD"
    assert custom.capabilities["systemPort"] == 8250
    assert custom.apps["netflix"].path == apk


def test_ios_simulator_profile_defaults_and_environment():
    profile = load_profile("ios-simulator", environ={})
    caps = profile.capabilities
    assert caps["deviceName"] == "iPhone 15" and caps["platformVersion"] == "17.5"
    assert caps["udid"] is None and caps["derivedDataPath"] is None
    assert caps["usePrebuiltWDA"] is False and caps["wdaLocalPort"] == 8100
    assert caps["simulatorStartupTimeout"] == 240000
    pinned = load_profile(
        "ios-simulator",
        environ={"IOS_UDID": "ABC-123", "IOS_PLATFORM_VERSION": "18.0", "IOS_USE_PREBUILT_WDA": "true"},
    )
    assert pinned.capabilities["udid"] == "ABC-123"
    assert pinned.capabilities["platformVersion"] == "18.0"  # quoted in the file: stays text
    assert pinned.capabilities["usePrebuiltWDA"] is True


# ------------------------------------------------------------------------------------------- lookup


def test_name_is_searched_in_cwd_first_then_the_project(tmp_path: Path):
    (tmp_path / "device_profiles").mkdir()
    mine = write(tmp_path / "device_profiles", MINIMAL, "sim-android.yaml")
    assert resolve_profile_path("sim-android", cwd=tmp_path) == mine
    assert (
        resolve_profile_path("ios-simulator", cwd=tmp_path) == ROOT / "device_profiles" / "ios-simulator.yaml"
    )


def test_a_path_is_used_as_is_and_the_name_defaults_to_the_file_name(tmp_path: Path):
    path = write(tmp_path, MINIMAL, "my-phone.yaml")
    assert load_profile(str(path), environ={}).name == "my-phone"


def test_unknown_profile_name_suggests_the_nearest(tmp_path: Path):
    with pytest.raises(ProfileNotFoundError) as info:
        resolve_profile_path("android-emulater", cwd=tmp_path)
    message = str(info.value)
    assert 'unknown device profile "android-emulater" (did you mean "android-emulator"?)' in message
    assert "sim-ios" in message  # lists what exists


def test_missing_profile_file(tmp_path: Path):
    with pytest.raises(ProfileNotFoundError, match=r"nope\.yaml not found"):
        resolve_profile_path(str(tmp_path / "nope.yaml"))


# ------------------------------------------------------------------------------------------- errors


def test_misspelt_key_names_file_line_column_and_the_nearest_key(tmp_path: Path):
    path = write(tmp_path, MINIMAL + "timeouts:\n  stepp: 3\nsevrer_url: x\n")
    assert problems_of(path) == [
        f'{path}:5:3: unknown key "stepp" (did you mean "step"?)',
        f'{path}:6:1: unknown key "sevrer_url" (did you mean "server"?)',
    ]


def test_misspelt_key_inside_an_app_entry(tmp_path: Path):
    path = write(
        tmp_path, MINIMAL + "apps:\n  netflix:\n    id: com.netflix.mediaclient\n    activty: .Main\n"
    )
    assert problems_of(path) == [
        f'{path}:7:5: unknown key "activty" (did you mean "activity"?)'
    ]


def test_bad_platform_value_suggests(tmp_path: Path):
    path = write(tmp_path, MINIMAL.replace("platform: android", "platform: andriod"))
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:1:11: platform: expected 'android', 'ios' or 'web', got \"andriod\"")
    assert problem.endswith('(did you mean "android"?)')


def test_missing_required_key(tmp_path: Path):
    path = write(tmp_path, "platform: ios\nserver: {start: sim}\n")
    assert problems_of(path) == [f'{path}:1:1: missing required key "screen"']


def test_server_needs_exactly_one_of_url_and_start(tmp_path: Path):
    both = write(tmp_path, MINIMAL.replace("{start: sim}", "{start: sim, url: 'http://127.0.0.1:4723'}"))
    [problem] = problems_of(both)
    assert (
        problem == f"{both}:2:9: give either url (a running server) or start: sim | appium, not both"
    )
    bad_url = write(tmp_path, MINIMAL.replace("{start: sim}", "{url: '127.0.0.1:4723'}"), "u.yaml")
    [problem] = problems_of(bad_url)
    assert ":2:15: url must start with http:// or https://" in problem


def test_appium_sim_profiles_put_the_simulated_device_behind_the_real_driver():
    for platform in ("android", "ios"):
        profile = load_profile(f"appium-sim-{platform}", environ={"HARNESS_SIM_LATENCY_MS": "5"})
        assert (profile.platform, profile.server.start, profile.server.device) == (platform, "appium", "sim")
        assert profile.server.simulated and profile.server.sim_latency_ms == 5
        assert profile.env == load_profile(f"sim-{platform}", environ={}).env  # the same demo account
    assert not load_profile("android-emulator", environ={}).server.simulated


def test_device_sim_needs_start_appium_and_sim_keys_need_a_simulated_device(tmp_path: Path):
    alone = write(tmp_path, MINIMAL.replace("{start: sim}", "{start: sim, device: sim}"))
    [problem] = problems_of(alone)
    assert problem.endswith("device: sim puts the simulated device behind Appium: use it with "
                            "start: appium")
    real = write(tmp_path, MINIMAL.replace("{start: sim}", "{start: appium, sim_latency_ms: 5}"), "r.yaml")
    [problem] = problems_of(real)
    assert problem.endswith("sim_app_model and sim_latency_ms apply only with start: sim or device: sim")
    typo = write(tmp_path, MINIMAL.replace("{start: sim}", "{start: appium, device: simulator}"), "t.yaml")
    [problem] = problems_of(typo)
    assert 'device: expected \'sim\', got "simulator"' in problem


def test_running_server_url_profile(tmp_path: Path):
    path = write(
        tmp_path, MINIMAL.replace("{start: sim}", "{url: 'http://127.0.0.1:4723/', log: appium.log}")
    )
    profile = load_profile(path, environ={})
    assert profile.server.url == "http://127.0.0.1:4723" and profile.server.start is None
    assert profile.server.log == str(tmp_path / "appium.log")  # relative to the profile file


def test_undefined_variable_without_default_is_a_located_error(tmp_path: Path):
    path = write(tmp_path, MINIMAL + 'capabilities:\n  avd: ${MY_AVD}\n  udid: "x-${MY_UDID}"\n')
    assert problems_of(path) == [
        f"{path}:5:8: environment variable MY_AVD is not set and ${{MY_AVD}} has no default: "
        "export MY_AVD=... or write ${MY_AVD:-default}",
        f"{path}:6:12: environment variable MY_UDID is not set and ${{MY_UDID}} has no default: "
        "export MY_UDID=... or write ${MY_UDID:-default}",
    ]
    profile = load_profile(path, environ={"MY_AVD": "A", "MY_UDID": "7"})
    assert profile.capabilities == {"avd": "A", "udid": "x-7"}


def test_interpolation_types_and_escapes(tmp_path: Path):
    text = MINIMAL + (
        "capabilities:\n"
        "  systemPort: ${PORT:-8200}\n"
        '  quotedPort: "${PORT:-8200}"\n'
        "  noReset: ${NO_RESET:-true}\n"
        "  app: ${APK:-}\n"
        '  avdArgs: "-no-window $${HOME} ${EXTRA:-}"\n'
    )
    caps = load_profile(write(tmp_path, text), environ={"EXTRA": "-gpu host"}).capabilities
    assert caps == {
        "systemPort": 8200,
        "quotedPort": "8200",
        "noReset": True,
        "app": None,
        "avdArgs": "-no-window ${HOME} -gpu host",
    }
    # bash semantics: ${X:-d} uses d when X is set but empty
    assert load_profile(write(tmp_path, text), environ={"PORT": ""}).capabilities["systemPort"] == 8200


def test_malformed_reference(tmp_path: Path):
    path = write(tmp_path, MINIMAL + "capabilities:\n  avd: ${1BAD}\n")
    [problem] = problems_of(path)
    assert problem.startswith(f'{path}:5:8: malformed reference "${{1BAD}}"')


def test_capability_typos_and_the_other_platforms_capabilities(tmp_path: Path):
    path = write(
        tmp_path,
        MINIMAL + "capabilities:\n  noRest: true\n  appium:avdLaunchTimout: 1\n"
        "  wdaLocalPort: 8100\n  vendor:anything: 1\n  someNewDriverCap: 1\n",
    )
    assert problems_of(path) == [
        f'{path}:5:3: unknown capability "noRest" (did you mean "noReset"?)',
        f'{path}:6:3: unknown capability "avdLaunchTimout" (did you mean "avdLaunchTimeout"?)',
        f'{path}:7:3: capability "wdaLocalPort" belongs to the XCUITest driver, not to a android profile',
    ]


def test_ios_checks_activity_and_platform_version_type(tmp_path: Path):
    text = (
        "platform: ios\nserver: {start: sim}\nscreen: {width: 390, height: 844}\n"
        "apps:\n  n: {id: com.x, activity: .Main}\ncapabilities:\n  platformVersion: 17.10\n"
    )
    path = write(tmp_path, text)
    assert problems_of(path) == [
        f"{path}:5:18: activity is an Android launch activity: remove it for ios",
        f'{path}:7:20: platformVersion must be text: write "17.10" in quotes '
        "(unquoted, YAML reads it as the number 17.1)",
    ]


def test_pool_entries_are_checked_like_capabilities(tmp_path: Path):
    path = write(tmp_path, MINIMAL + "pool:\n  - {avd: A}\n  - {avdd: B}\n")
    assert problems_of(path) == [f'{path}:6:6: unknown capability "avdd" (did you mean "avd"?)']


def test_yaml_errors_keep_their_location(tmp_path: Path):
    path = write(tmp_path, MINIMAL + "env:\n  FLAG: yes\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5:9: unquoted yes is a boolean in YAML 1.1")


def test_env_values_must_be_text(tmp_path: Path):
    path = write(tmp_path, MINIMAL + "env:\n  PIN: 1234\n")
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:5:8: PIN: expected text, got 1234")


def test_relative_app_path_is_relative_to_the_profile(tmp_path: Path):
    path = write(
        tmp_path,
        MINIMAL + "apps:\n  a: {id: x, path: builds/app.apk}\n  b: {id: y, path: 'https://h/a.apk'}\n",
    )
    profile = load_profile(path, environ={})
    assert profile.apps["a"].path == str(tmp_path / "builds" / "app.apk")
    assert profile.apps["b"].path == "https://h/a.apk"


def test_displayed_path_is_relative_to_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write(tmp_path, MINIMAL + "bogus: 1\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInputError) as info:
        load_profile("p.yaml", environ={})
    assert str(info.value).startswith('p.yaml:4:1: unknown key "bogus"')
    assert os.path.isabs(str(resolve_profile_path("p.yaml"))) is False
