"""`harness inspect --check`: the real Kestrel screen map passes where the app stands; deliberately wrong
locators are reported with the right replacement, and the exit status says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.cli import main
from harness.devices.translation import translate_context
from harness.inspect.check import check_screen_map
from harness.scenario.loader import load_screen_map
from tests.inspect.inspect_tier import DEVICES, KESTREL_MAP, Screens

BOTH = [arg for device in DEVICES for arg in ("--device", device)]

# three mistakes: an id with a fallback that still works, an id alone, an iOS identifier with a typo
WRONG = {
    "{id: btnConsentAcceptAll}, {text: Accept all}": "{id: btnAcceptAll}, {text: Accept all}",
    "[{id: btnConsentEssential}]": "[{id: btnEssential}]",
    "[{accessibility_id: consent.title}]": "[{accessibility_id: consent.titel}]",
}


def wrong_map(folder: Path, replacements: dict[str, str]) -> Path:
    text = KESTREL_MAP.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / "kestrel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["inspect", *args])
    out, err = capsys.readouterr()
    return code, out + err


def lines_of(output: str, device: str) -> list[str]:
    block = output.split(f"{device} (")[1].split("\nsim-kestrel-")[0]
    return [" ".join(line.split()) for line in block.splitlines()]


CONSENT_OK = {
    "sim-kestrel-android": ["ok title {id: txtConsentTitle} one",
                            "ok accept_all {id: btnConsentAcceptAll} one", "ok {text: Accept all} one",
                            "ok essential_only {id: btnConsentEssential} one"],
    "sim-kestrel-ios": ["ok title {accessibility_id: consent.title} one",
                        "ok accept_all {accessibility_id: consent.acceptAll} one",
                        "ok essential_only {accessibility_id: consent.essentialOnly} one"],
}


def test_the_real_screen_map_passes_on_the_screen_the_app_starts_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = run(capsys, "--check", str(KESTREL_MAP), *BOTH)
    assert code == 0, out
    for device in DEVICES:
        lines = lines_of(out, device)
        expected = CONSENT_OK[device]
        assert lines[1:2 + len(expected)] == ["consent:", *expected]
        assert lines[-2].startswith("not on this screen (none of their elements found): sign_in, parcels, ")
        assert lines[-1] == "0 wrong locators (3 elements on 1 screen(s) checked)"


def test_wrong_locators_are_reported_with_the_right_replacement(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out = run(capsys, "--check", str(wrong_map(tmp_path, WRONG)), *BOTH)
    assert code == 1, out
    android = lines_of(out, "sim-kestrel-android")
    assert "WRONG accept_all {id: btnAcceptAll} none" in android
    assert "ok {text: Accept all} one" in android
    assert "-> use {id: btnConsentAcceptAll} (the element {text: Accept all} finds)" in android
    assert "WRONG essential_only {id: btnEssential} none" in android
    assert "-> use {id: btnConsentEssential} (the closest id on screen)" in android
    assert android[-1] == "2 wrong locators (3 elements on 1 screen(s) checked)"
    ios = lines_of(out, "sim-kestrel-ios")
    assert "WRONG title {accessibility_id: consent.titel} none" in ios
    assert "-> use {accessibility_id: consent.title} (the closest accessibility_id on screen)" in ios
    assert ios[-1] == "1 wrong locator (3 elements on 1 screen(s) checked)"


def test_a_locator_finding_several_is_wrong_and_the_one_the_runner_takes_is_named(
    screens: Screens, tmp_path: Path
) -> None:
    path = wrong_map(tmp_path, {"[{id: btnConsentEssential}]": "[{class_name: android.widget.Button}]"})
    screen = screens.look("sim-kestrel-android", "consent")
    ctx = translate_context(screens.profiles["sim-kestrel-android"])
    check = check_screen_map(load_screen_map(path), screen, ctx)
    wrong = check.wrong()
    assert [(e.reference, loc.verdict, loc.matches) for e, loc in wrong] == [
        ("consent.essential_only", "several", 2)]
    element = wrong[0][0]
    assert element.replacement == {"id": "btnConsentAcceptAll"}
    assert element.replaces == "the first of 2 matches, the one the runner takes"


def test_an_element_not_shown_now_is_absent_not_wrong_unless_strict(screens: Screens) -> None:
    """sign_in.wrong_password appears only after a wrong password: nothing on screen looks like it."""
    device = "sim-kestrel-ios"
    screen = screens.look(device, "sign_in")
    ctx = translate_context(screens.profiles[device])
    screen_map = load_screen_map(KESTREL_MAP)
    check = check_screen_map(screen_map, screen, ctx)
    assert [s.name for s in check.checked()] == ["sign_in"]
    missing = {e.reference: e for s in check.checked() for e in s.elements}["sign_in.wrong_password"]
    assert missing.absent() and missing.replacement is None
    assert check.wrong() == []
    strict = check_screen_map(screen_map, screen, ctx, strict=True)
    assert [e.reference for e, _ in strict.wrong()] == ["sign_in.wrong_password"]


def test_a_screen_named_is_checked_even_when_nothing_of_it_is_shown(screens: Screens) -> None:
    device = "sim-kestrel-android"
    screen = screens.look(device, "consent")
    ctx = translate_context(screens.profiles[device])
    check = check_screen_map(load_screen_map(KESTREL_MAP), screen, ctx, only="contact")
    assert [s.name for s in check.checked()] == ["contact"]
    found = [(e.reference, [loc.verdict for loc in e.locators]) for s in check.checked() for e in s.elements]
    assert found == [("contact.title", ["none"])]


def test_nested_matches_of_a_dialog_title_count_as_one(screens: Screens) -> None:
    for device in DEVICES:
        screen = screens.look(device, "dialog")
        ctx = translate_context(screens.profiles[device])
        check = check_screen_map(load_screen_map(KESTREL_MAP), screen, ctx, only="reschedule_dialog")
        title = check.screens[0].elements[0]
        assert (title.reference, title.locators[0].verdict, title.locators[0].matches) == (
            "reschedule_dialog.title", "one", 2), device
        assert check.wrong() == []


def test_an_unknown_screen_is_named_with_the_nearest_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--check", str(KESTREL_MAP), "--screen", "parcel_", "--device", DEVICES[0])
    assert code == 1
    assert "has no screen 'parcel_'" in out and "parcel" in out
