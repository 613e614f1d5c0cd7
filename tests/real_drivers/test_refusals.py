"""What the real drivers refuse and the direct mode accepts: the refusal fails the scenario on the
real-driver profile with the driver's own message and the step's file:line (the project's own test
scenario, and each expected `Difference` of a scenario folder of the tier)."""

from __future__ import annotations

import pytest

from tests.real_drivers.tier import (
    FOLDERS,
    NETFLIX_DIRECT,
    NETFLIX_REAL,
    REFUSED,
    Difference,
    Folder,
    real_profile,
    scenario_name,
)

SCENARIO = "Launch with its data cleared"


def test_clear_state_on_ios_passes_directly_and_is_refused_by_the_real_driver(tier_runs) -> None:
    tier = tier_runs[REFUSED]
    assert tier.result(REFUSED, NETFLIX_DIRECT["ios"], SCENARIO)["status"] == "passed"
    refused = tier.result(REFUSED, NETFLIX_REAL["ios"], SCENARIO)
    assert refused["status"] == "failed", refused["statusDetails"]  # what the driver refuses: a step failure
    message = refused["statusDetails"]["message"]
    assert "This extension is only supported on simulators" in message  # XCUITest's mobileClearApp


def test_the_refusal_names_the_step_file_and_line(tier_runs) -> None:
    refused = tier_runs[REFUSED].result(REFUSED, NETFLIX_REAL["ios"], SCENARIO)
    assert f"{REFUSED}/clear_state.yaml:8:5" in refused["statusDetails"]["message"]


def test_clear_state_on_android_works_both_ways(tier_runs) -> None:
    tier = tier_runs[REFUSED]
    for profile in (NETFLIX_DIRECT["android"], NETFLIX_REAL["android"]):
        assert tier.result(REFUSED, profile, SCENARIO)["status"] == "passed"


DIFFERENCES = [(folder, difference) for folder in FOLDERS for difference in folder.differences]


@pytest.mark.parametrize(("folder", "difference"), DIFFERENCES,
                         ids=[f"{f.path}/{d.file}-{d.platform}" for f, d in DIFFERENCES])
def test_an_expected_difference_fails_through_the_driver_with_its_message_at_its_step(
    folder: Folder, difference: Difference, tier_runs
) -> None:
    tier = tier_runs[folder.path]
    name = scenario_name(folder, difference)
    assert tier.result(folder.path, folder.direct[difference.platform], name)["status"] == "passed"
    real = tier.result(folder.path, real_profile(folder, difference.platform, tier), name)
    assert real["status"] == "failed", real["statusDetails"]  # a step failure, not broken
    message = real["statusDetails"]["message"]
    assert difference.message in message
    assert f"{folder.path}/{difference.file}:{difference.line}:5" in message
    other = "android" if difference.platform == "ios" else "ios"
    if not folder.difference(name, other):  # the other platform's driver does what the direct mode does
        assert tier.result(folder.path, real_profile(folder, other, tier), name)["status"] == "passed"
