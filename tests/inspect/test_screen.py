"""The live screen on both simulated Kestrel devices: its elements, the selectors suggested best first, and
whether each is unique as the driver (not the parse) says."""

from __future__ import annotations

from typing import Any

import pytest

from harness.devices.translation import translate_context
from harness.inspect.render import screen_text
from harness.inspect.screen import Screen, inspect_screen
from harness.inspect.yamltext import flow
from tests.inspect.inspect_tier import DEVICES, Screens


def element(screen: Screen, title: str) -> Any:
    found = [e for e in screen.elements if e.title == title]
    assert len(found) == 1, [e.title for e in screen.elements]
    return found[0]


def selectors(screen: Screen, title: str) -> list[tuple[str, str]]:
    return [(flow(s.selector), s.verdict()) for s in element(screen, title).suggestions]


EXPECTED_ACCEPT_ALL = {
    "sim-kestrel-android": [
        ("{id: btnConsentAcceptAll}", "unique"),
        ("{text: Accept all}", "unique"),
        ("{class_name: android.widget.Button, index: 0}", "unique (index among 2)"),
        ("{xpath: \"//*[@resource-id='org.example.kestrelpost:id/consent_list']/android.widget.Button[1]\"}",
         "unique"),
    ],
    "sim-kestrel-ios": [
        ("{accessibility_id: consent.acceptAll}", "unique"),
        ("{text: Accept all}", "unique"),
        ("{class_name: XCUIElementTypeButton, index: 0}", "unique (index among 2)"),
        ('{xpath: "//XCUIElementTypeApplication/XCUIElementTypeWindow[1]/XCUIElementTypeOther[1]/'
         'XCUIElementTypeScrollView[1]/XCUIElementTypeButton[1]"}', "unique"),
    ],
}


@pytest.mark.parametrize("device", DEVICES)
def test_the_consent_screen_lists_what_a_user_acts_on_with_selectors_best_first(
    screens: Screens, device: str
) -> None:
    screen = screens.look(device, "consent")
    titles = [e.title for e in screen.elements]
    assert 'Button "Accept all"' in titles and 'Button "Essential only"' in titles
    assert titles[0] in ('TextView "Your privacy"', 'StaticText "Your privacy"')
    # the first paragraph (137 characters) is prose, not an element; layout containers are not listed
    assert not any(t.startswith(("FrameLayout", "LinearLayout", "Other", "Window")) for t in titles)
    assert selectors(screen, 'Button "Accept all"') == EXPECTED_ACCEPT_ALL[device]
    text = screen_text(screen)
    assert text.splitlines()[0].startswith(f"{device} (") and f"{len(titles)} elements" in text
    assert "    ok {text: Accept all}" in text


class CountingDriver:
    """The real driver, recording every find_elements, and lying about one locator: it answers with the
    other button too."""

    def __init__(self, driver: Any, doubled: tuple[str, str], other: tuple[str, str]):
        self.driver = driver
        self.doubled = doubled
        self.other = other
        self.finds: list[tuple[str, str]] = []

    def find_elements(self, using: str, value: str) -> list[Any]:
        self.finds.append((using, value))
        found = self.driver.find_elements(using, value)
        return found + self.driver.find_elements(*self.other) if (using, value) == self.doubled else found

    def __getattr__(self, name: str) -> Any:
        return getattr(self.driver, name)


@pytest.mark.parametrize("device, doubled, other, text_locator", [
    ("sim-kestrel-android", ("id", "btnConsentAcceptAll"), ("id", "btnConsentEssential"),
     ("-android uiautomator", 'new UiSelector().text("Accept all")')),
    ("sim-kestrel-ios", ("accessibility id", "consent.acceptAll"),
     ("accessibility id", "consent.essentialOnly"),
     ("-ios predicate string", 'label == "Accept all" OR name == "Accept all" OR value == "Accept all"')),
])
def test_uniqueness_is_what_the_driver_answers_to_the_runner_s_own_locator(
    screens: Screens, device: str, doubled: tuple[str, str], other: tuple[str, str],
    text_locator: tuple[str, str],
) -> None:
    screens.reach(device, "consent")
    driver = CountingDriver(screens.driver(device), doubled, other)
    screen = inspect_screen(driver, translate_context(screens.profiles[device]), device)
    verdicts = dict(selectors(screen, 'Button "Accept all"'))
    # the page source holds one such element; the driver found two: the report says what the driver did
    first = flow({doubled[0].replace("accessibility id", "accessibility_id"): doubled[1]})
    assert verdicts[first] == "2 matches"
    assert verdicts["{text: Accept all}"] == "unique"
    assert doubled in driver.finds and text_locator in driver.finds  # exactly what the runner sends
    assert element(screen, 'Button "Accept all"').best.selector == {"text": "Accept all"}
    assert len(driver.finds) == len(set(driver.finds))  # each locator asked once per look


@pytest.mark.parametrize("device, title, plain, indexed", [
    ("sim-kestrel-android", 'TextView "Change the delivery date?"', "2 matches", 1),
    ("sim-kestrel-ios", 'StaticText "Change the delivery date?"', "2 matches", 1),
])
def test_a_text_found_twice_gets_the_index_of_this_element(
    screens: Screens, device: str, title: str, plain: str, indexed: int
) -> None:
    screen = screens.look(device, "dialog")
    found = dict(selectors(screen, title))
    assert found['{text: "Change the delivery date?"}'] == plain  # the dialog itself carries it too
    assert found[f'{{text: "Change the delivery date?", index: {indexed}}}'] == "unique (index among 2)"


def test_a_cell_and_the_text_inside_it_are_one_place_to_tap(screens: Screens) -> None:
    screen = screens.look("sim-kestrel-ios", "parcels")
    cell = dict(selectors(screen, 'Cell "KP 2031 8842 · Delivered Monday"'))
    assert cell['{text: "KP 2031 8842 · Delivered Monday"}'] == "unique (2 nested at one place)"


def test_a_session_in_a_web_view_is_inspected_natively_and_left_in_its_context(screens: Screens) -> None:
    device = "sim-kestrel-android"
    screens.reach(device, "parcels")
    driver = screens.driver(device)
    driver.find_element("id", "rowDeliveryTerms").click()
    web = next(c for c in driver.contexts if c.startswith("WEBVIEW"))
    driver.switch_to.context(web)
    screen = inspect_screen(driver, translate_context(screens.profiles[device]), device)
    assert screen.note == f"the session was in {web}: this is the native screen around it"
    assert dict(selectors(screen, 'TextView "Delivery terms and conditions"'))[
        "{text: Delivery terms and conditions}"] == "unique"
    assert driver.current_context == web
    driver.switch_to.context("NATIVE_APP")
