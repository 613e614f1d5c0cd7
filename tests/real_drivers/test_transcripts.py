"""Golden transcripts: the adb commands and device requests each step of the coverage scenario makes
through the real drivers. A driver upgrade that changes them shows up here as a diff to review.

Rewrite them with: UPDATE_GOLDEN=1 .venv/bin/pytest tests/real_drivers/test_transcripts.py
"""

from __future__ import annotations

import os

import pytest

from tests.helpers import ROOT
from tests.real_drivers.tier import COVERAGE, FOLDERS, PLATFORMS, real_profile
from tests.real_drivers.transcripts import scenario_events, transcript

GOLDEN = ROOT / "tests" / "data" / "golden" / "transcripts"
HEADER = {
    "android": "# The coverage scenario through Appium 3 and the real UiAutomator2 driver: adb commands\n"
               "# (adb) and requests to the on-device UiAutomator2 server (uia2), under their step.\n",
    "ios": "# The coverage scenario through Appium 3 and the real XCUITest driver (real-device mode):\n"
           "# requests to WebDriverAgent (wda) and usbmuxd / lockdown / services, under their step.\n",
}


@pytest.mark.parametrize("platform", PLATFORMS)
def test_coverage_transcript_matches_the_golden_file(platform: str, tier_runs) -> None:
    tier = tier_runs[COVERAGE]
    events, names = scenario_events(tier.journal(real_profile(FOLDERS[0], platform, tier)),
                                    "driver_coverage.yaml")
    text = HEADER[platform] + transcript(events, names)
    golden = GOLDEN / f"driver_coverage.{platform}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run UPDATE_GOLDEN=1 .venv/bin/pytest {__file__}"
    assert text == golden.read_text(encoding="utf-8")


def test_transcripts_hide_what_changes_between_runs(tier_runs) -> None:
    tier = tier_runs[COVERAGE]
    for platform in PLATFORMS:
        events, names = scenario_events(tier.journal(real_profile(FOLDERS[0], platform, tier)),
                                        "driver_coverage.yaml")
        text = transcript(events, names)
        kinds = set(names.values())
        assert {"<udid>", "<session>", "<element>"} <= kinds
        leaked = [value for value in names if value in text]
        assert leaked == [], f"run-specific values in the {platform} transcript: {leaked}"
        assert "/tmp/" not in text
        assert "demo-password" not in text and "<13 characters>" in text  # typed text is never recorded
