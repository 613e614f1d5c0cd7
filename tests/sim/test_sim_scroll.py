"""Scrolling is really needed: Security and Privacy is below the fold until something scrolls."""

from __future__ import annotations

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.remote.command import Command

from tests.sim.drive import open_account, sign_in, text_locator

TARGET = "Security and Privacy"
SCROLLABLE = "new UiScrollable(new UiSelector().scrollable(true).instance(0))"
AREA = {"left": 0, "top": 300, "width": 1080, "height": 1800}


def on_account(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    open_account(driver, platform)
    return driver


@pytest.fixture
def account(session, platform):
    return on_account(session, platform)


def test_android_needs_scroll_gestures(session):
    driver = on_account(session, "android")
    assert driver.find_elements(*text_locator("android", TARGET)) == []
    gestures = 0
    while not driver.find_elements(*text_locator("android", TARGET)):
        more = driver.execute_script("mobile: scrollGesture", {**AREA, "direction": "down", "percent": 0.75})
        gestures += 1
        assert more is True and gestures < 10
    assert gestures >= 2
    assert driver.find_element(*text_locator("android", TARGET)).is_displayed()
    # content scrolled out of the top is recycled: it is no longer in the tree
    assert driver.find_elements(*text_locator("android", "Membership")) == []
    while driver.execute_script("mobile: scrollGesture", {**AREA, "direction": "down", "percent": 0.75}):
        gestures += 1
        assert gestures < 20
    driver.execute_script("mobile: swipeGesture", {**AREA, "direction": "down", "percent": 1.0})
    driver.execute_script("mobile: flingGesture", {**AREA, "direction": "up"})
    assert driver.find_element(*text_locator("android", "Membership")).is_displayed()


def test_android_uiscrollable_is_one_call(session, servers):
    driver = on_account(session, "android")
    before = servers["android"].command_counts(driver.session_id)["total"]
    found = driver.find_element(
        AppiumBy.ANDROID_UIAUTOMATOR, f'{SCROLLABLE}.scrollIntoView(new UiSelector().text("{TARGET}"))'
    )
    assert servers["android"].command_counts(driver.session_id)["total"] == before + 1
    assert found.text == TARGET and found.is_displayed()
    # and back up again, then a child by text
    found = driver.find_element(
        AppiumBy.ANDROID_UIAUTOMATOR,
        f"{SCROLLABLE}.setMaxSearchSwipes(10)"
        '.getChildByText(new UiSelector().className("android.widget.TextView"), "Plan details")',
    )
    assert found.text == "Plan details"
    with pytest.raises(NoSuchElementException):
        driver.find_element(
            AppiumBy.ANDROID_UIAUTOMATOR,
            f'{SCROLLABLE}.scrollIntoView(new UiSelector().text("Not on this screen"))',
        )


def test_android_scrolled_out_reference_is_stale(session):
    account = on_account(session, "android")
    membership = account.find_element(*text_locator("android", "Membership"))
    account.execute_script("mobile: scrollGesture", {**AREA, "direction": "down", "percent": 1.0})
    with pytest.raises(StaleElementReferenceException):
        membership.click()


def test_ios_is_found_but_not_displayed_until_swiped(session):
    driver = on_account(session, "ios")
    entry = driver.find_element(*text_locator("ios", TARGET))
    assert entry.get_attribute("visible") == "false"
    assert entry.is_displayed() is False
    swipes = 0
    while not entry.is_displayed():
        driver.execute_script("mobile: swipe", {"direction": "up"})
        swipes += 1
        assert swipes < 10
    assert swipes >= 2
    assert driver.find_element(*text_locator("ios", "Membership")).is_displayed() is False
    driver.execute_script("mobile: scroll", {"direction": "up"})
    driver.execute_script("mobile: scroll", {"direction": "up", "distance": 5})
    assert driver.find_element(*text_locator("ios", "Membership")).is_displayed()
    driver.execute_script("mobile: scroll", {"elementId": entry.id, "toVisible": True})
    assert entry.is_displayed()


def test_ios_tap_scrolls_a_hidden_row_into_view(session):
    account = on_account(session, "ios")
    account.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign out of all devices").click()
    assert account.execute_script("mobile: alert", {"action": "getButtons"}) == ["Cancel", "Log out"]


def w3c_swipe(driver, x, y0, y1):
    driver.execute(
        "actions",
        {
            "actions": [
                {
                    "type": "pointer",
                    "id": "finger",
                    "parameters": {"pointerType": "touch"},
                    "actions": [
                        {"type": "pointerMove", "duration": 0, "x": x, "y": y0, "origin": "viewport"},
                        {"type": "pointerDown", "button": 0},
                        {"type": "pause", "duration": 100},
                        {"type": "pointerMove", "duration": 400, "x": x, "y": y1, "origin": "viewport"},
                        {"type": "pointerUp", "button": 0},
                    ],
                }
            ]
        },
    )


def test_w3c_swipe_moves_the_content(account, platform):
    scale = 2.75 if platform == "android" else 1.0
    x = int(200 * scale)
    for _ in range(6):
        w3c_swipe(account, x, int(650 * scale), int(200 * scale))
    entry = account.find_element(*text_locator(platform, TARGET))
    assert entry.is_displayed()


def test_w3c_tap_and_long_press(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    tab = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").rect
    x, y = tab["x"] + tab["width"] // 2, tab["y"] + tab["height"] // 2

    def touch(hold_ms):
        driver.execute(
            "actions",
            {
                "actions": [
                    {
                        "type": "pointer",
                        "id": "finger",
                        "parameters": {"pointerType": "touch"},
                        "actions": [
                            {"type": "pointerMove", "duration": 0, "x": x, "y": y, "origin": "viewport"},
                            {"type": "pointerDown", "button": 0},
                            {"type": "pause", "duration": hold_ms},
                            {"type": "pointerUp", "button": 0},
                        ],
                    }
                ]
            },
        )

    touch(900)  # a long press on a tab does nothing
    assert driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "Menu") == []
    touch(50)
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").is_displayed()
    driver.execute(Command.W3C_CLEAR_ACTIONS, {})


def test_selenium_action_chains(session, platform):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.actions import interaction
    from selenium.webdriver.common.actions.action_builder import ActionBuilder
    from selenium.webdriver.common.actions.pointer_input import PointerInput

    driver = session(platform)
    sign_in(driver, platform)
    tab = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix")
    actions = ActionChains(driver)
    actions.w3c_actions = ActionBuilder(driver, mouse=PointerInput(interaction.POINTER_TOUCH, "touch"))
    actions.w3c_actions.pointer_action.move_to(tab).pointer_down().pause(0.05).release()
    actions.perform()
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").is_displayed()
