"""Tier 2: the Netflix scenarios pass on both simulated flavours, with Allure results a person can read."""

from __future__ import annotations

import base64
from pathlib import Path

from tests.helpers import Run, all_attachments, all_steps

SCENARIOS = {
    "Sign out of all devices",
    "Cancel at the sign-out confirmation stays signed in",
    "Security and Privacy lists its entries",
    "A wrong password shows an error",
}


def test_every_netflix_scenario_passes_on_both_platforms(netflix_run: Run) -> None:
    assert netflix_run.code == 0, netflix_run.output[-4000:]
    names = netflix_run.by_name()
    expected = {f"{name}[{device}]" for name in SCENARIOS for device in ("sim-android", "sim-ios")}
    assert set(names) == expected
    assert {r["status"] for r in names.values()} == {"passed"}


def test_steps_say_what_was_done_and_on_what(netflix_run: Run) -> None:
    result = netflix_run.by_name()["Sign out of all devices[sim-android]"]
    titles = [step["name"] for step in all_steps(result)]
    assert "Tap account.sign_out_all_devices (id)" in titles
    assert "Scroll to account.security_and_privacy (-android uiautomator)" in titles
    assert "Open the menu (hamburger icon)" in titles
    ios = netflix_run.by_name()["Sign out of all devices[sim-ios]"]
    assert "Tap account.sign_out_all_devices (accessibility id)" in [s["name"] for s in all_steps(ios)]
    every = all_steps(result)
    assert all(step["status"] == "passed" for step in every if "skipped" not in step["name"])
    sourced = [p for step in every for p in step.get("parameters", []) if p["name"] == "source"]
    assert any(p["value"].startswith("scenarios/netflix/sign_out_all_devices.yaml:") for p in sourced)


def test_labels_parameters_and_attachments(netflix_run: Run) -> None:
    result = netflix_run.by_name()["Sign out of all devices[sim-ios]"]
    labels = {(label["name"], label["value"]) for label in result["labels"]}
    assert {("feature", "Account security"), ("story", "Sign out of all devices"), ("severity", "critical"),
            ("tag", "smoke"), ("platform", "ios"), ("device", "sim-ios")} <= labels
    assert {"name": "device", "value": "sim-ios"} in [
        {"name": p["name"], "value": p["value"]} for p in result["parameters"]]
    attachments = {a["name"]: a for a in all_attachments(result)}
    assert "scenario.yaml" in attachments
    shot = netflix_run.results_dir / attachments["confirmation dialog"]["source"]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_run_files_written_once(netflix_run: Run) -> None:
    folder = netflix_run.results_dir
    assert (folder / "categories.json").is_file()
    assert "device.sim-android" in (folder / "environment.properties").read_text()


def test_secret_never_reaches_the_results(netflix_run: Run) -> None:
    secret = "demo-password"  # the only password the simulated Netflix accepts
    encoded = [secret.encode(), base64.b64encode(secret.encode())]
    for path in Path(netflix_run.results_dir).rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(e in data for e in encoded), f"secret found in {path.name}"
    assert secret not in netflix_run.output
    # the email is not secret: it was really typed (the scenario did log in with it)
    assert netflix_run.code == 0
