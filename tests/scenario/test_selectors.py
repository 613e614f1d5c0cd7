"""Selector resolution: screen-map references (lists tried in order, per-platform overrides), bare text,
mappings, and the driver strategies they become."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from harness.scenario.loader import load_screen_map
from harness.scenario.model import ScreenMap
from harness.scenario.selectors import Locator, SelectorError, SelectorSpec, Target, describe, resolve
from harness.translate import android, ios
from harness.translate.context import TranslateError, default_context
from tests.helpers import GOOD, SCENARIOS


@pytest.fixture(scope="module")
def netflix() -> ScreenMap:
    loaded = load_screen_map((SCENARIOS / "netflix" / "screens" / "netflix.yaml").resolve())
    assert isinstance(loaded, ScreenMap), loaded
    return loaded


@pytest.fixture(scope="module")
def app() -> ScreenMap:
    loaded = load_screen_map((GOOD / "screens" / "app.yaml").resolve())
    assert isinstance(loaded, ScreenMap), loaded
    return loaded


def spec(**kwargs: object) -> SelectorSpec:
    return SelectorSpec.model_validate(kwargs)


def test_a_reference_lists_the_platforms_locators_in_map_order(netflix: ScreenMap) -> None:
    where = "scenarios/netflix/screens/netflix.yaml"
    assert resolve("login.email", "android", netflix) == Target(
        "login.email", (Locator("id", "login_email"), Locator("class_name", "android.widget.EditText", 0)),
        where,
    )
    assert resolve("login.email", "ios", netflix) == Target(
        "login.email",
        (
            Locator("accessibility_id", "Email or phone number"),
            Locator("class_name", "XCUIElementTypeTextField"),
        ),
        where,
    )


def test_a_reference_without_platform_blocks_is_the_same_on_both(netflix: ScreenMap) -> None:
    for platform in ("android", "ios"):
        assert resolve("account.membership", platform, netflix).locators == (Locator("text", "Membership"),)
        assert resolve("login.error_message", platform, netflix).locators == (
            Locator("text_contains", "Please enter a valid"),
        )


def test_a_list_element_mixes_text_and_mappings(app: ScreenMap) -> None:
    assert resolve("home.offers", "ios", app).locators == (
        Locator("text", "Offers"),
        Locator("text_contains", "Offer"),
    )


def test_platform_only_strategies_inside_their_block(app: ScreenMap) -> None:
    assert resolve("dialog.ok", "android", app).locators == (
        Locator("android_uiautomator", 'new UiSelector().resourceId("android:id/button1")'),
    )
    assert resolve("dialog.ok", "ios", app).locators == (
        Locator("ios_predicate", 'type == "XCUIElementTypeButton" AND label == "OK"'),
    )


def test_unknown_element_of_a_known_screen_suggests_the_nearest(netflix: ScreenMap) -> None:
    with pytest.raises(SelectorError) as caught:
        resolve("account.sign_out_all_device", "android", netflix)
    assert str(caught.value) == (
        "unknown screen element account.sign_out_all_device in scenarios/netflix/screens/netflix.yaml"
        ' (did you mean "sign_out_all_devices"?)'
    )


@pytest.mark.parametrize("text", ["Account", "Sign out of all devices", "v1.2", "Mr.Smith", "unknown.screen"])
def test_bare_text_and_references_to_no_known_screen_mean_visible_text(netflix: ScreenMap, text: str) -> None:
    target = resolve(text, "ios", netflix)
    assert target == Target(f"'{text}'", (Locator("text", text),))
    assert resolve(text, "android", None) == target


def test_without_a_screen_map_a_reference_is_text() -> None:
    assert resolve("login.email", "android", None).locators == (Locator("text", "login.email"),)


def test_mapping_with_per_platform_overrides() -> None:
    selector = spec(
        text="Save", index=2, android=[{"id": "save"}, {"text": "SAVE"}], ios={"accessibility_id": "Save"}
    )
    assert resolve(selector, "android", None).locators == (Locator("id", "save"), Locator("text", "SAVE"))
    assert resolve(selector, "ios", None).locators == (Locator("accessibility_id", "Save"),)
    only_android = spec(text="Save", android={"id": "save"})
    assert resolve(only_android, "ios", None).locators == (Locator("text", "Save"),)
    assert resolve(spec(text="Save", index=2), "ios", None).locators == (Locator("text", "Save", 2),)


def test_a_platform_only_strategy_needs_the_other_platforms_block() -> None:
    uiautomator = spec(android_uiautomator='new UiSelector().text("OK")')
    assert resolve(uiautomator, "android", None).locators == (
        Locator("android_uiautomator", 'new UiSelector().text("OK")'),
    )
    with pytest.raises(
        SelectorError, match="android_uiautomator in this selector has no ios form: add an `ios:` block"
    ):
        resolve(uiautomator, "ios", None)
    fixed = spec(android_uiautomator='new UiSelector().text("OK")', ios={"accessibility_id": "OK"})
    assert resolve(fixed, "ios", None).locators == (Locator("accessibility_id", "OK"),)
    with pytest.raises(SelectorError, match="ios_class_chain in the android: block has no android form"):
        resolve(spec(text="x", android={"ios_class_chain": "**/X"}), "android", None)
    with pytest.raises(SelectorError, match="selector has no ios locator"):
        resolve(spec(android={"id": "x"}), "ios", None)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "a", "text": "b"}, "a selector takes one strategy key, got text, id"),
        ({"index": 1}, "a selector needs one of: text, text_contains"),
        ({"id": "a", "index": -1}, "greater than or equal to 0"),
    ],
)
def test_invalid_selector_mappings(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SelectorSpec.model_validate(data)


def test_describe() -> None:
    assert describe("account.title") == "account.title"
    assert describe("Account") == "'Account'"
    assert describe(spec(text="Account")) == "'Account'"
    assert describe(spec(xpath="//a")) == "xpath='//a'"
    assert describe(spec(android={"id": "a"})) == "per-platform selector"


# -- the driver strategies ----------------------------------------------------------------------------

ANDROID = default_context("android", "netflix")
IOS = default_context("ios", "netflix")


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        (
            Locator("text", "Log out"),
            {"using": "-android uiautomator", "value": 'new UiSelector().text("Log out")'},
        ),
        (
            Locator("text", "a", 3),
            {"using": "-android uiautomator", "value": 'new UiSelector().text("a").instance(3)'},
        ),
        (
            Locator("text_contains", 'say "hi"'),
            {"using": "-android uiautomator", "value": 'new UiSelector().textContains("say \\"hi\\"")'},
        ),
        (
            Locator("text_regex", r"^\d+$"),
            {"using": "-android uiautomator", "value": 'new UiSelector().textMatches("^\\\\d+$")'},
        ),
        (Locator("accessibility_id", "Menu"), {"using": "accessibility id", "value": "Menu"}),
        (Locator("id", "menu", 1), {"using": "id", "value": "menu", "index": 1}),
        (
            Locator("class_name", "android.widget.EditText"),
            {"using": "class name", "value": "android.widget.EditText"},
        ),
        (Locator("xpath", "//a"), {"using": "xpath", "value": "//a"}),
        (
            Locator("android_uiautomator", "new UiSelector().checkable(true)"),
            {"using": "-android uiautomator", "value": "new UiSelector().checkable(true)"},
        ),
    ],
)
def test_android_locators(locator: Locator, expected: dict) -> None:
    assert android.FORMS.locator(locator, ANDROID) == expected


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        (
            Locator("text", 'a "b"'),
            {
                "using": "-ios predicate string",
                "value": 'label == "a \\"b\\"" OR name == "a \\"b\\"" OR value == "a \\"b\\""',
            },
        ),
        (
            Locator("text_contains", "Sign"),
            {"using": "-ios predicate string", "value": 'label CONTAINS "Sign"'},
        ),
        (Locator("text_regex", "^A.*"), {"using": "-ios predicate string", "value": 'label MATCHES "^A.*"'}),
        (Locator("accessibility_id", "Menu", 2), {"using": "accessibility id", "value": "Menu", "index": 2}),
        (Locator("id", "menu"), {"using": "id", "value": "menu"}),
        (
            Locator("class_name", "XCUIElementTypeButton"),
            {"using": "class name", "value": "XCUIElementTypeButton"},
        ),
        (Locator("xpath", "//a"), {"using": "xpath", "value": "//a"}),
        (
            Locator("ios_predicate", "label == 'x'"),
            {"using": "-ios predicate string", "value": "label == 'x'"},
        ),
        (
            Locator("ios_class_chain", "**/XCUIElementTypeCell[2]"),
            {"using": "-ios class chain", "value": "**/XCUIElementTypeCell[2]"},
        ),
    ],
)
def test_ios_locators(locator: Locator, expected: dict) -> None:
    assert ios.FORMS.locator(locator, IOS) == expected


def test_platform_only_locators_cannot_be_translated_for_the_other_platform() -> None:
    with pytest.raises(TranslateError, match="ios_predicate has no Android form"):
        android.FORMS.locator(Locator("ios_predicate", "x"), ANDROID)
    with pytest.raises(TranslateError, match="android_uiautomator has no iOS form"):
        ios.FORMS.locator(Locator("android_uiautomator", "x"), IOS)


def test_android_uiselector_forms_inside_uiscrollable() -> None:
    # without a device profile the package is a placeholder; with one, it is the app's id
    assert android.ui_selector(Locator("id", "sign_out"), ANDROID) == (
        'new UiSelector().resourceId("<netflix app id>:id/sign_out")'
    )
    shop = replace(ANDROID, app_ids={"shop": "com.example.shop"}, default_app="shop", placeholder_ids=False)
    assert android.ui_selector(Locator("id", "sign_out"), shop) == (
        'new UiSelector().resourceId("com.example.shop:id/sign_out")'
    )
    assert android.ui_selector(Locator("id", "android:id/button1"), ANDROID) == (
        'new UiSelector().resourceId("android:id/button1")'
    )
    assert android.ui_selector(Locator("accessibility_id", "Menu", 1), ANDROID) == (
        'new UiSelector().description("Menu").instance(1)'
    )
    assert android.ui_selector(Locator("xpath", "//a"), ANDROID) is None


def test_screen_map_loaded_through_a_scenario_keeps_the_order(tmp_path: Path) -> None:
    from harness.scenario.loader import load_scenario
    from harness.translate.plan import build_plan, plan_json

    (tmp_path / "screens").mkdir()
    (tmp_path / "screens" / "s.yaml").write_text(
        "screens:\n  a:\n    b:\n      android: [{xpath: //x}, {id: b}, {text: B}]\n      ios: [{text: B}]\n"
    )
    (tmp_path / "t.yaml").write_text("name: t\nscreens: screens/s.yaml\nsteps:\n  - tap: a.b\n")
    scenario = load_scenario(tmp_path / "t.yaml")
    plan = plan_json(build_plan(scenario, ANDROID))
    assert plan[0]["locators"] == [
        {"using": "xpath", "value": "//x"},
        {"using": "id", "value": "b"},
        {"using": "-android uiautomator", "value": 'new UiSelector().text("B")'},
    ]
    assert plan[0]["target"] == "a.b"
