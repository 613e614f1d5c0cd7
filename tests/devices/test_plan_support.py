"""`harness plan --device PROFILE` shows what a real profile would send, on a machine without the device."""

from __future__ import annotations

import pytest

from harness.cli import main
from harness.cli.plan import profile_context
from harness.errors import HarnessError
from tests.helpers import ROOT

SCENARIO = str(ROOT / "scenarios" / "netflix" / "sign_out_all_devices.yaml")


def test_context_and_capabilities_of_the_android_emulator_profile():
    ctx, caps = profile_context("android-emulator", "netflix")
    assert (ctx.platform, ctx.app_id, ctx.screen) == ("android", "com.netflix.mediaclient", (1080, 2400))
    assert ctx.env_defaults == {}
    assert caps["platformName"] == "Android" and caps["appium:avd"]
    assert caps["appium:systemPort"] == 8200 and caps["appium:appActivity"] == ".ui.launch.UIWebViewActivity"


def test_sim_profile_gives_its_demo_variables_as_defaults():
    ctx, caps = profile_context("sim-ios", "netflix")
    assert ctx.app_id == "com.netflix.Netflix" and ctx.screen == (390, 844)
    assert set(ctx.env_defaults) == {"NETFLIX_EMAIL", "NETFLIX_PASSWORD"}
    assert ctx.with_variables({}).env_defaults == ctx.env_defaults  # survives the translator's copies
    assert "appium:wdaLocalPort" not in caps


def test_platform_must_match_the_profile():
    with pytest.raises(HarnessError, match="device profile 'ios-simulator' is ios, not android"):
        profile_context("ios-simulator", "netflix", "android")


@pytest.mark.parametrize(
    ("device", "expected"),
    [
        ("android-emulator", '  appium:avd: "Pixel_7_API_34"'),
        ("ios-simulator", '  appium:bundleId: "com.netflix.Netflix"'),
    ],
)
def test_plan_prints_the_capabilities(device, expected, capsys, monkeypatch):
    for name in ("ANDROID_AVD", "NETFLIX_EMAIL", "NETFLIX_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    assert main(["plan", SCENARIO, "--device", device]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Capabilities:" in out and expected in out
