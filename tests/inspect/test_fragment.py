"""`harness inspect --yaml`: the fragments printed for Kestrel's screens, pasted one after the other into an
empty screen map, make a scenario written against them pass on both platforms."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from harness.cli import main
from harness.inspect.fragment import build_fragment
from harness.inspect.screen import Screen, Suggestion, list_elements
from harness.inspect.source import parse_source
from tests.helpers import ROOT, run_pytest
from tests.inspect.inspect_tier import DEVICES, HEADER

BOTH = [arg for device in DEVICES for arg in ("--device", device)]

CONSENT = """\
# Screen "consent" as `harness inspect` saw it on sim-kestrel-android, sim-kestrel-ios.
# Paste it into a screen map (its elements under `screens:`); rename the elements freely.
screens:
  consent:
    title:
      android: [{id: txtConsentTitle}, {text: Your privacy}]
      ios: [{accessibility_id: consent.title}, {text: Your privacy}]
    you_can_change_your: {text: "You can change your choice at any time under Settings, Privacy."}
    accept_all:
      android: [{id: btnConsentAcceptAll}, {text: Accept all}]
      ios: [{accessibility_id: consent.acceptAll}, {text: Accept all}]
    essential_only:
      android: [{id: btnConsentEssential}, {text: Essential only}]
      ios: [{accessibility_id: consent.essentialOnly}, {text: Essential only}]
    # left out: ScrollView on ios
"""

SIGN_IN = "  - launch_app: {clear_state: true}\n  - tap: consent.accept_all\n"
SIGNED_IN = (SIGN_IN + "  - type_text: {text: \"${EMAIL}\", into: sign_in.email}\n"
             "  - type_text: {text: \"${PASSWORD}\", into: sign_in.password}\n"
             "  - hide_keyboard:\n    optional: true\n  - tap: sign_in.submit\n"
             "  - assert_visible: Welcome back\n")  # a bare text: the map has no parcels screen yet
TRACKED = (SIGNED_IN + "  - type_text: {text: KP 2044 5120, into: parcels.tracking_number}\n"
           "  - hide_keyboard:\n    optional: true\n  - tap: parcels.track\n"
           "  - assert_visible: Out for delivery\n")
# the whole path, written against the names the fragments gave
TRACK_A_PARCEL = (SIGN_IN.replace("  - tap: consent", "  - assert_visible: consent.title\n  - tap: consent")
                  + SIGNED_IN[len(SIGN_IN):].replace("  - assert_visible: Welcome back\n",
                                                     "  - assert_visible: parcels.greeting\n")
                  + "  - type_text: {text: KP 2044 5120, into: parcels.tracking_number}\n"
                    "  - tap: parcels.track\n"
                    "  - assert_text: {element: parcel.status, equals: Out for delivery}\n"
                    "  - tap: parcel.reschedule\n  - assert_visible: {text: Choose a new date}\n")


def inspect(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(["inspect", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def paste(screen_map: Path, fragment: str) -> None:
    """What a person does: the first fragment whole; later ones, their screens under `screens:`."""
    text = screen_map.read_text(encoding="utf-8")
    if "\nscreens:\n" not in text:
        screen_map.write_text(text + fragment, encoding="utf-8")
        return
    lines = fragment.splitlines(keepends=True)
    screen_map.write_text(text + "".join(lines[lines.index("screens:\n") + 1:]), encoding="utf-8")


def scenario(folder: Path, name: str, steps: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\n{HEADER}screens: screens/app.yaml\nsteps:\n{steps}", encoding="utf-8")
    return path


def test_fragments_pasted_into_an_empty_screen_map_make_a_scenario_pass_on_both_platforms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "app"
    (folder / "screens").mkdir(parents=True)
    screen_map = folder / "screens" / "app.yaml"
    screen_map.write_text("description: Kestrel Post, captured with harness inspect\n", encoding="utf-8")

    consent = inspect(capsys, *BOTH, "--yaml")  # a fresh session: the app starts on its consent screen
    assert consent == CONSENT
    paste(screen_map, consent)
    for name, steps, screen in (("to_sign_in", SIGN_IN, "sign_in"), ("to_parcels", SIGNED_IN, "parcels"),
                                ("to_parcel", TRACKED, "parcel")):
        fragment = inspect(capsys, str(scenario(folder, name, steps)), *BOTH, "--yaml")
        assert fragment.splitlines()[3] == f"  {screen}:"
        paste(screen_map, fragment)

    written = yaml.safe_load(screen_map.read_text(encoding="utf-8"))
    assert list(written["screens"]) == ["consent", "sign_in", "parcels", "parcel"]
    assert written["screens"]["sign_in"]["email"] == {"android": [{"id": "inputEmail"}],
                                                      "ios": [{"accessibility_id": "signIn.email"}]}
    assert written["screens"]["parcel"]["status"] == {
        "android": [{"id": "txtParcelStatus"}, {"text": "Out for delivery"}],
        "ios": [{"accessibility_id": "parcel.status"}, {"text": "Out for delivery"}]}
    schema = json.loads((ROOT / "harness" / "schema" / "screen-map.schema.json").read_text())
    jsonschema.validate(written, schema)
    assert main(["lint", str(screen_map)]) == 0, capsys.readouterr()
    capsys.readouterr()

    path = scenario(folder, "track_a_parcel", TRACK_A_PARCEL)
    run = run_pytest([str(path), *BOTH], tmp_path / "run")
    assert run.code == 0, run.output[-3000:]
    assert {result["status"] for result in run.results()} == {"passed"}
    assert len(run.results()) == 2


def test_one_platform_gives_that_platform_s_block_only(capsys: pytest.CaptureFixture[str]) -> None:
    text = inspect(capsys, "--device", "sim-kestrel-ios", "--yaml", "--screen", "welcome")
    data = yaml.safe_load(text)
    assert list(data["screens"]) == ["welcome"]
    accept = data["screens"]["welcome"]["accept_all"]
    assert accept == {"ios": [{"accessibility_id": "consent.acceptAll"}, {"text": "Accept all"}]}


def screen_of(xml: str, platform: str, device: str, unique: dict[str, dict[str, str]]) -> Screen:
    """A screen read from a page source, with the driver's verdicts given: {label: selector}."""
    source = parse_source(xml, platform)
    elements = list_elements(source)
    for element in elements:
        label = source.reading.label(element.node)
        if label in unique:
            element.suggestions = [Suggestion(unique[label], 1, True)]
    return Screen(device, platform, "org.example.app", (390, 844), source, elements, probe=None)  # type: ignore[arg-type]


ANDROID = """<hierarchy>
  <android.widget.Button text="Log out" resource-id="org.example.app:id/btnSignOut" clickable="true"
      bounds="[0,0][100,100]" displayed="true"/>
  <android.widget.Button text="Help" resource-id="org.example.app:id/btnHelp" clickable="true"
      bounds="[0,100][100,200]" displayed="true"/>
</hierarchy>"""
IOS = """<AppiumAUT><XCUIElementTypeApplication name="App" label="App" x="0" y="0" width="390" height="844">
  <XCUIElementTypeButton name="Help" label="Help" x="0" y="0" width="10" height="10"/>
  <XCUIElementTypeButton name="account.signOut" label="Sign out" x="0" y="10" width="10" height="10"/>
  <XCUIElementTypeButton name="account.close" label="Close" x="0" y="20" width="10" height="10"/>
</XCUIElementTypeApplication></AppiumAUT>"""


def test_elements_are_matched_by_text_then_by_identifier_words() -> None:
    android = screen_of(ANDROID, "android", "a", {"Log out": {"id": "btnSignOut"}, "Help": {"id": "btnHelp"}})
    ios = screen_of(IOS, "ios", "i", {"Help": {"text": "Help"},
                                      "Sign out": {"accessibility_id": "account.signOut"},
                                      "Close": {"accessibility_id": "account.close"}})
    fragment = build_fragment([android, ios])
    assert fragment.screen == "account"  # the dotted prefix the iOS identifiers share
    blocks = {entry.name: {p: entry.locators(p) for p in entry.elements} for entry in fragment.entries}
    assert blocks == {
        # "Log out" / "Sign out" differ; btnSignOut and account.signOut both say "sign out"
        "sign_out": {"android": [{"id": "btnSignOut"}], "ios": [{"accessibility_id": "account.signOut"}]},
        "help": {"android": [{"id": "btnHelp"}], "ios": [{"text": "Help"}]},  # the same text
        "close": {"ios": [{"accessibility_id": "account.close"}]},  # on iOS only
    }
    assert yaml.safe_load(fragment.yaml())["screens"]["account"]["close"] == {
        "ios": [{"accessibility_id": "account.close"}]}
    with pytest.raises(ValueError, match="one screen per platform"):
        build_fragment([android, android])
