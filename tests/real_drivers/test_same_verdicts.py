"""Same verdicts: each scenario folder gives the same statuses and step outcomes through the real Appium
drivers (UiAutomator2, XCUITest) in front of the simulated device as through the direct mode."""

from __future__ import annotations

import pytest

from harness.kinds import classify
from tests.helpers import ROOT
from tests.real_drivers.tier import COVERAGE, FOLDERS, PLATFORMS, Folder, dump, real_profile


def scenario_names(folder: Folder) -> set[str]:
    import yaml

    names = set()
    for path in (ROOT / folder.path).rglob("*.yaml"):
        data = yaml.safe_load(path.read_text()) if classify(path) == "scenario" else None
        if data is not None and "url" not in data:  # a web scenario runs in a browser: tests/web
            names.add(data["name"])
    return names


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.path for f in FOLDERS])
def test_real_drivers_give_the_direct_verdicts(folder: Folder, platform: str, tier_runs) -> None:
    tier = tier_runs[folder.path]
    direct = tier.outcomes(folder.path, folder.direct[platform])
    real = tier.outcomes(folder.path, real_profile(folder, platform, tier))
    assert set(direct) == scenario_names(folder), tier.run.output[-3000:]
    for name, (status, steps) in direct.items():
        if folder.difference(name, platform):
            continue  # the expected difference: test_refusals.py
        assert real[name][0] == status, f"{name}: {status} directly, {real[name][0]} through the driver"
        assert real[name][1] == steps, f"{name}: step outcomes differ\n{dump(steps)}\n{dump(real[name][1])}"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_coverage_scenario_passes_and_exercises_an_optional_failure(platform: str, tier_runs) -> None:
    folder = FOLDERS[0]
    assert folder.path == COVERAGE
    tier = tier_runs[COVERAGE]
    status, steps = tier.outcomes(COVERAGE, real_profile(folder, platform, tier))["Driver coverage"]
    assert status == "passed", tier.run.output[-3000:]
    failed = [name for name, step_status in steps if step_status != "passed"]
    assert failed == ["An optional step that fails"]
    skipped_keys = [name for name, _ in steps if name.startswith("Press key") and "skipped" in name]
    assert len(skipped_keys) == (0 if platform == "android" else 2)  # `when: {platform: android}`


def test_the_appium_log_shows_the_real_drivers_serving(tier_runs) -> None:
    tier = tier_runs[COVERAGE]
    folder = FOLDERS[0]
    android = tier.appium_log(real_profile(folder, "android", tier)).read_text()
    ios = tier.appium_log(real_profile(folder, "ios", tier)).read_text()
    assert "AndroidUiautomator2Driver" in android and "Session created with session id" in android
    assert "XCUITestDriver" in ios and "Session created with session id" in ios


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.path for f in FOLDERS])
def test_no_secret_in_the_logs_of_the_run(folder: Folder, tier_runs) -> None:
    """The demo passwords are typed by the scenarios: the journals never record typed text, and the
    Appium logs (which record request bodies) are masked when the run ends."""
    tier = tier_runs[folder.path]
    files = sorted(p for p in tier.artifacts.rglob("*") if p.is_file())
    assert any(p.suffix == ".jsonl" for p in files) and any(p.suffix == ".log" for p in files)
    secrets = (b"demo-password", b"kestrel-demo-pass")
    leaks = [p.name for p in files for secret in secrets if secret in p.read_bytes()]
    assert leaks == []


def test_a_second_app_gets_real_driver_twins_of_its_simulated_profiles(tmp_path) -> None:
    """What one more `Folder` line relies on: the twin of a direct profile is the appium-sim profile with
    that profile's app, app model, screen and env (a relative app model path still resolves)."""
    from harness.devices.profiles import load_profile
    from tests.real_drivers.tier import twin_profile

    model = tmp_path / "models" / "shop.yaml"
    model.parent.mkdir()
    model.write_text((ROOT / "harness" / "sim" / "apps" / "netflix.yaml").read_text())
    direct = tmp_path / "profiles" / "sim-shop-android.yaml"
    direct.parent.mkdir()
    direct.write_text("name: sim-shop-android\nplatform: android\nserver: {start: sim, sim_app_model: "
                      "../models/shop.yaml}\napps: {shop: {id: com.netflix.mediaclient}}\n"
                      "screen: {width: 1080, height: 2400}\nenv: {SHOP_USER: demo}\n")
    twin = load_profile(twin_profile(str(direct), "android", tmp_path))
    shipped = load_profile("appium-sim-android")
    assert twin.name == "appium-sim-shop-android"
    assert (twin.server.start, twin.server.device) == ("appium", "sim")
    assert twin.server.sim_app_model == str(model)
    assert twin.capabilities == shipped.capabilities
    assert list(twin.apps) == ["shop"] and twin.env == {"SHOP_USER": "demo"}
