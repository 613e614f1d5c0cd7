"""What the real drivers refuse and the direct mode accepts: the refusal fails the scenario on the
real-driver profile with the driver's own message and the step's file:line."""

from __future__ import annotations

from tests.real_drivers.tier import NETFLIX_DIRECT, NETFLIX_REAL, REFUSED

SCENARIO = "Launch with its data cleared"


def test_clear_state_on_ios_passes_directly_and_is_refused_by_the_real_driver(tier_runs) -> None:
    tier = tier_runs[REFUSED]
    assert tier.result(REFUSED, NETFLIX_DIRECT["ios"], SCENARIO)["status"] == "passed"
    refused = tier.result(REFUSED, NETFLIX_REAL["ios"], SCENARIO)
    assert refused["status"] == "failed"  # the scenario asked for what the driver refuses: a step failure
    message = refused["statusDetails"]["message"]
    assert "This extension is only supported on simulators" in message  # XCUITest's mobileClearApp


def test_the_refusal_names_the_step_file_and_line(tier_runs) -> None:
    refused = tier_runs[REFUSED].result(REFUSED, NETFLIX_REAL["ios"], SCENARIO)
    assert f"{REFUSED}/clear_state.yaml:8:5" in refused["statusDetails"]["message"]


def test_clear_state_on_android_works_both_ways(tier_runs) -> None:
    tier = tier_runs[REFUSED]
    for profile in (NETFLIX_DIRECT["android"], NETFLIX_REAL["android"]):
        assert tier.result(REFUSED, profile, SCENARIO)["status"] == "passed"
