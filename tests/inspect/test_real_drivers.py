"""`harness inspect` through the real Appium 3 server and the real UiAutomator2 / XCUITest drivers in front
of the simulated Kestrel device: the same fragment and the same check as on the direct simulated device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.devices.profiles import load_profile
from harness.inspect.inspector import Inspector
from harness.scenario.loader import load_screen_map
from tests.inspect.inspect_tier import DEVICES, KESTREL_MAP, Screens
from tests.real_drivers.tier import twin_profile

pytestmark = pytest.mark.appium


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Inspector]:
    """Both Kestrel devices behind the real drivers (one Appium server and session each)."""
    folder = tmp_path_factory.mktemp("real-kestrel")
    profiles = [load_profile(twin_profile(device, device.rpartition("-")[2], folder)) for device in DEVICES]
    inspector = Inspector.open(profiles, folder / "artifacts", "kestrel",
                               screen_map=load_screen_map(KESTREL_MAP))
    yield inspector
    inspector.close()


def test_the_real_drivers_give_the_same_fragment_and_check(real: Inspector, screens: Screens) -> None:
    for device in real.devices:
        real.launch(device)  # the real-driver profiles do not start the app themselves (autoLaunch: false)
    through_drivers = real.fragment().yaml()
    checks = real.check()

    for device in DEVICES:
        screens.reach(device, "consent")
    direct = screens.inspector(*DEVICES, screen_map=load_screen_map(KESTREL_MAP))
    expected = direct.fragment().yaml()
    names = ", ".join(d.name for d in real.devices)
    assert through_drivers == expected.replace("sim-kestrel-android, sim-kestrel-ios", names)
    assert [c.passed() for c in checks] == [True, True]
    verdicts = [[(e.reference, [loc.verdict for loc in e.locators]) for s in c.checked() for e in s.elements]
                for c in checks]
    assert verdicts[0] == [("consent.title", ["one"]), ("consent.accept_all", ["one", "one"]),
                           ("consent.essential_only", ["one"])]
    assert verdicts[1] == [("consent.title", ["one"]), ("consent.accept_all", ["one"]),
                           ("consent.essential_only", ["one"])]
    # the real drivers answered: each session's server is Appium, and its log shows the finds of the look
    for device in real.devices:
        log = Path(real.manager.sessions[device.name].server.log_path).read_text(encoding="utf-8")
        assert "Appium REST http interface listener started" in log
        assert "btnConsentEssential" in log or "consent.essentialOnly" in log, device.name


def test_a_wrong_locator_is_found_wrong_by_the_real_driver(real: Inspector, tmp_path: Path) -> None:
    text = KESTREL_MAP.read_text(encoding="utf-8")
    text = text.replace("[{id: btnConsentEssential}]", "[{id: btnEssential}]")
    wrong = tmp_path / "kestrel.yaml"
    wrong.write_text(text, encoding="utf-8")
    real.screen_map = load_screen_map(wrong)
    real.look()
    android = real.check()[0]
    assert [(e.reference, loc.verdict, e.replacement) for e, loc in android.wrong()] == [
        ("consent.essential_only", "none", {"id": "btnConsentEssential"})]
