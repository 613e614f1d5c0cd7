"""Kestrel Post, the project's own second app (not Netflix-shaped), through the harness on both flavours.

Its consent interstitial, late tracking results, long web page, dialog labels and wrong-password
error all pass on sim-kestrel-android and sim-kestrel-ios; a scenario that fails leaves the failure
artifacts in the Allure results. No harness code knows the app (tests/sim/test_sim_structure.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import ROOT, Run, all_attachments, all_steps, run_pytest

DEVICES = ("sim-kestrel-android", "sim-kestrel-ios")
SCENARIOS = {
    "Track a parcel from a fresh install",
    "Changing the delivery date asks first",
    "The delivery terms page scrolls to its end",
    "A wrong password is refused with a message",
}
APP = ROOT / "scenarios" / "kestrel"


@pytest.fixture(scope="module")
def kestrel_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    devices = [arg for device in DEVICES for arg in ("--device", device)]
    return run_pytest(["scenarios/kestrel", *devices], tmp_path_factory.mktemp("kestrel"))


def test_every_scenario_passes_on_both_flavours(kestrel_run: Run) -> None:
    assert kestrel_run.code == 0, kestrel_run.output[-4000:]
    results = kestrel_run.by_name()
    assert set(results) == {f"{name}[{device}]" for name in SCENARIOS for device in DEVICES}
    assert {r["status"] for r in results.values()} == {"passed"}


@pytest.mark.parametrize("device", DEVICES)
def test_the_path_goes_through_the_interstitial_and_waits_for_late_results(
    kestrel_run: Run, device: str
) -> None:
    result = kestrel_run.by_name()[f"Track a parcel from a fresh install[{device}]"]
    steps = {s["name"]: s["status"] for s in all_steps(result)}
    strategy = "id" if device.endswith("android") else "accessibility id"
    assert steps[f"Assert visible consent.title ({strategy})"] == "passed"
    assert steps[f"Tap consent.accept_all ({strategy})"] == "passed"
    assert steps[f"Assert visible parcels.greeting ({strategy})"] == "passed"  # appears 0.7 s late
    assert any(
        name.startswith("Assert text parcel.status") and status == "passed" for name, status in steps.items()
    )


@pytest.mark.parametrize("device", DEVICES)
def test_the_web_page_is_scrolled_natively_and_clicked_from_its_own_context(
    kestrel_run: Run, device: str
) -> None:
    result = kestrel_run.by_name()[f"The delivery terms page scrolls to its end[{device}]"]
    names = [s["name"] for s in all_steps(result) if s["status"] == "passed"]
    assert any(n.startswith("Scroll to terms.last_updated") for n in names)
    assert "Tap terms.contact_support_link (xpath)" in names  # in the WEBVIEW context
    assert any(n.startswith("Assert visible contact.title") for n in names)


def test_a_failing_scenario_of_this_app_leaves_its_artifacts(tmp_path: Path) -> None:
    """The right password where the wrong one is expected: failed, with screenshot and page source."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    screens = os.path.relpath(APP / "screens" / "kestrel.yaml", folder)
    flows = os.path.relpath(APP / "flows", folder)
    (folder / "expects_an_error.yaml").write_text(
        f"name: Expects an error that does not come\napp: kestrel\nscreens: {screens}\n"
        "env:\n  EMAIL: ${KESTREL_EMAIL}\n  PASSWORD: ${KESTREL_PASSWORD:secret}\n"
        "steps:\n  - launch_app: {clear_state: true}\n  - tap: consent.accept_all\n"
        f"  - run_flow: {flows}/sign_in.yaml\n"
        "  - assert_visible: {element: sign_in.wrong_password, timeout: 1}\n"
    )
    run = run_pytest([str(folder), "--device", "sim-kestrel-android"], tmp_path)
    assert run.code == 1, run.output[-3000:]
    result = run.by_name()["Expects an error that does not come[sim-kestrel-android]"]
    assert result["status"] == "failed"
    assert "sign_in.wrong_password" in result["statusDetails"]["message"]
    assert "expects_an_error.yaml:11:" in result["statusDetails"]["message"]
    attachments = {a["name"]: a for a in all_attachments(result)}
    assert attachments["page source"]["type"] == "application/xml"
    source = (run.results_dir / attachments["page source"]["source"]).read_text()
    assert "org.example.kestrelpost:id/btnTrack" in source  # signed in: the parcel list it stopped on
    shot = next(a for a in attachments.values() if a["type"] == "image/png")
    assert (run.results_dir / shot["source"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
