"""`mobile:` methods: arguments checked like the drivers' execute-method maps, and their effects."""

from __future__ import annotations

import pytest
from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import (
    InvalidArgumentException,
    NoAlertPresentException,
    NoSuchElementException,
    UnknownMethodException,
    WebDriverException,
)

from harness.sim.server import SimServer
from tests.sim.drive import BUNDLE, PACKAGE, open_account, options, sign_in, text_locator

AREA = {"left": 0, "top": 300, "width": 1080, "height": 1800}  # what the translator sends on Android


@pytest.mark.parametrize(
    ("platform_name", "script", "args", "error", "words"),
    [
        ("android", "mobile: scrollGesture", {"direction": "down"}, InvalidArgumentException, "percent"),
        (
            "android",
            "mobile: scrollGesture",
            {"direction": "sideways", "percent": 0.5, **AREA},
            InvalidArgumentException,
            "Direction",
        ),
        (
            "android",
            "mobile: scrollGesture",
            {"direction": "down", "percent": 0.5},
            InvalidArgumentException,
            "elementId",
        ),
        (
            "android",
            "mobile: scrollGesture",
            {"direction": "down", "percent": 0, **AREA},
            InvalidArgumentException,
            "greater than zero",
        ),
        (
            "android",
            "mobile: swipeGesture",
            {"direction": "up", "percent": 0.5, "left": 0},  # a partial area: the driver drops it
            InvalidArgumentException,
            "Either elementId or the area (left, top, width, height) must be provided",
        ),
        (
            "android",
            "mobile: clickGesture",
            {"x": "540", "y": "660"},  # string coordinates: the driver drops them
            InvalidArgumentException,
            "Either elementId or both x and y must be provided",
        ),
        ("android", "mobile: activateApp", {"bundleId": PACKAGE}, InvalidArgumentException, "appId"),
        ("android", "mobile: deepLink", {}, InvalidArgumentException, 'missing: ["url"]'),
        ("android", "mobile: pressKey", {"keycode": "BACK"}, InvalidArgumentException, "keycode"),
        (
            "android",
            "mobile: longClickGesture",
            {"duration": -1, "x": 1, "y": 1},
            InvalidArgumentException,
            "duration",
        ),
        ("android", "mobile: alert", {"action": "accept"}, UnknownMethodException, "acceptAlert"),
        (
            "android",
            "mobile: scrolGesture",
            {},
            UnknownMethodException,
            "Unsupported execute method 'mobile: scrolGesture', did you mean 'mobile: scrollGesture'? "
            "Make sure the installed AndroidUiautomator2Driver is up-to-date.",
        ),
        ("android", "mobile: shell", {"command": "ls"}, UnknownMethodException, "does not model"),
        ("android", "return 1", {}, UnknownMethodException, "mobile:"),
        ("ios", "mobile: swipe", {}, InvalidArgumentException, "direction"),
        ("ios", "mobile: scroll", {}, InvalidArgumentException, "Specify one"),
        ("ios", "mobile: scroll", {"direction": "down", "name": "x"}, InvalidArgumentException, "only one"),
        ("ios", "mobile: terminateApp", {"appId": BUNDLE}, InvalidArgumentException, "bundleId"),
        ("ios", "mobile: alert", {"action": "press"}, InvalidArgumentException, "accept"),
        ("ios", "mobile: pressButton", {"name": "back"}, InvalidArgumentException, "home"),
        ("ios", "mobile: touchAndHold", {}, InvalidArgumentException, "duration"),
        ("ios", "mobile: tap", {"x": 10}, InvalidArgumentException, 'missing: ["y"]'),
        ("ios", "mobile: acceptAlert", {}, UnknownMethodException, "Method is not implemented"),
        ("ios", "mobile: scrollGesture", {}, UnknownMethodException, 'did you mean "mobile: scroll"'),
    ],
)
def test_argument_errors(session, platform_name, script, args, error, words):
    driver = session(platform_name)
    with pytest.raises(error) as caught:
        driver.execute_script(script, args)
    assert words in caught.value.msg


def test_unknown_arguments_are_dropped_and_logged_like_the_real_driver(tmp_path):
    log = tmp_path / "sim.log"
    with SimServer(platform="android", log_path=log) as server:
        driver = webdriver.Remote(server.url, options=options("android"))
        try:
            assert driver.execute_script("mobile: isKeyboardShown", {"typo": 1}) is False
            args = {**AREA, "direction": "down", "percent": 0.5, "speeed": 1}
            assert driver.execute_script("mobile: scrollGesture", args) is False  # the login screen fits
        finally:
            driver.quit()
    lines = log.read_text().splitlines()
    assert any("The following arguments are not known and will be ignored: typo" in line for line in lines)
    assert any("will be ignored: speeed" in line for line in lines)


def test_unknown_arguments_are_refused_on_request(session, platform):
    driver = session(platform, harness__strictArguments=True)
    script, args = (
        ("mobile: scrollGesture", {**AREA, "direction": "down", "percent": 0.5, "speeed": 1})
        if platform == "android"
        else ("mobile: swipe", {"direction": "up", "velocty": 100})
    )
    with pytest.raises(InvalidArgumentException) as caught:
        driver.execute_script(script, args)
    assert "did you mean" in caught.value.msg and "strictArguments" in caught.value.msg


def test_element_is_read_as_element_id(session):
    """The drivers rename the historical `element` argument to `elementId`."""
    driver = session("android")
    field = driver.find_element(AppiumBy.ID, "login_email")
    driver.execute_script("mobile: clickGesture", {"element": field.id})
    assert driver.execute_script("mobile: isKeyboardShown") is True


def test_a_deep_link_needs_no_package_on_android(session):
    driver = session("android")
    driver.execute_script("mobile: deepLink", {"url": "nflx://www.netflix.com/login"})
    assert driver.find_element(AppiumBy.ID, "login_sign_in").is_displayed()


def test_app_lifecycle(session, platform):
    driver = session(platform)
    key, app = ("appId", PACKAGE) if platform == "android" else ("bundleId", BUNDLE)
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 4
    assert driver.execute_script("mobile: queryAppState", {key: "com.example.none"}) == 0
    assert driver.execute_script("mobile: isAppInstalled", {key: app}) is True
    assert driver.execute_script("mobile: terminateApp", {key: app}) is True
    assert driver.execute_script("mobile: terminateApp", {key: app}) is False
    assert driver.find_elements(*text_locator(platform, "Sign In")) == []
    launch = "mobile: activateApp" if platform == "android" else "mobile: launchApp"
    driver.execute_script(launch, {key: app})
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()
    with pytest.raises(WebDriverException, match="not installed"):
        driver.execute_script("mobile: activateApp", {key: "com.example.none"})


def test_home_button_backgrounds_the_app(session, platform):
    driver = session(platform)
    key, app = ("appId", PACKAGE) if platform == "android" else ("bundleId", BUNDLE)
    if platform == "android":
        driver.execute_script("mobile: pressKey", {"keycode": 3})
        assert driver.execute_script("mobile: getCurrentPackage") != PACKAGE
    else:
        driver.execute_script("mobile: pressButton", {"name": "home"})
        assert driver.execute_script("mobile: activeAppInfo")["bundleId"] == "com.apple.springboard"
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 3
    driver.execute_script("mobile: activateApp", {key: app})
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 4


def test_deep_link(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    if platform == "android":
        driver.execute_script(
            "mobile: deepLink", {"url": "nflx://www.netflix.com/account", "package": PACKAGE}
        )
    else:
        driver.execute_script(
            "mobile: deepLink", {"url": "nflx://www.netflix.com/account", "bundleId": BUNDLE}
        )
    assert driver.find_element(*text_locator(platform, "Membership")).is_displayed()
    with pytest.raises(WebDriverException, match="handles"):
        driver.execute_script(
            "mobile: deepLink",
            {"url": "https://example.com", "package": PACKAGE}
            if platform == "android"
            else {"url": "https://example.com"},
        )


def test_alerts(session, platform):
    driver = session(platform)
    accept = ("mobile: acceptAlert", {}) if platform == "android" else ("mobile: alert", {"action": "accept"})
    with pytest.raises(NoAlertPresentException):
        driver.execute_script(*accept)
    sign_in(driver, platform)
    open_account(driver, platform)
    scroll_to_sign_out(driver, platform)
    driver.find_element(*text_locator(platform, "Sign out of all devices")).click()
    label = (
        ("mobile: acceptAlert", {"buttonLabel": "Nope"})
        if platform == "android"
        else ("mobile: alert", {"action": "accept", "buttonLabel": "Nope"})
    )
    with pytest.raises(InvalidArgumentException, match="Log out"):
        driver.execute_script(*label)
    driver.execute_script(*accept)
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()


def scroll_to_sign_out(driver, platform):
    if platform == "android":
        driver.execute_script("mobile: scroll", {"strategy": "id", "selector": "sign_out_all_devices"})
    else:
        driver.execute_script("mobile: scroll", {"predicateString": "name == 'Sign out of all devices'"})


def test_keyboard(session, platform):
    driver = session(platform)
    assert driver.execute_script("mobile: isKeyboardShown") is False
    field = "login_email" if platform == "android" else "Email or phone number"
    driver.find_element(AppiumBy.ID if platform == "android" else AppiumBy.ACCESSIBILITY_ID, field).click()
    assert driver.execute_script("mobile: isKeyboardShown") is True
    driver.execute_script("mobile: hideKeyboard", {})
    assert driver.execute_script("mobile: isKeyboardShown") is False


def test_android_back_key_closes_keyboard_then_leaves(session):
    driver = session("android")
    driver.find_element(AppiumBy.ID, "login_email").click()
    driver.execute_script("mobile: pressKey", {"keycode": 4})
    assert driver.execute_script("mobile: isKeyboardShown") is False
    assert driver.execute_script("mobile: queryAppState", {"appId": PACKAGE}) == 4
    driver.back()  # the login screen is the root: back leaves the app
    assert driver.execute_script("mobile: queryAppState", {"appId": PACKAGE}) == 3


def test_gestures_tap_by_element_and_point(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    tab = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix")
    if platform == "android":
        driver.execute_script("mobile: clickGesture", {"elementId": tab.id})
    else:
        driver.execute_script("mobile: tap", {"elementId": tab.id, "x": 5, "y": 5})
    menu = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu")
    rect = menu.rect
    x, y = rect["x"] + rect["width"] // 2, rect["y"] + rect["height"] // 2
    if platform == "android":
        driver.execute_script("mobile: clickGesture", {"x": x, "y": y})
    else:
        driver.execute_script("mobile: tap", {"x": x, "y": y})
    assert driver.find_element(*text_locator(platform, "App Settings")).is_displayed()
    hold = (
        (
            "mobile: longClickGesture",
            {"elementId": driver.find_element(*text_locator(platform, "Help")).id, "duration": 800},
        )
        if platform == "android"
        else (
            "mobile: touchAndHold",
            {"elementId": driver.find_element(*text_locator(platform, "Help")).id, "duration": 0.8},
        )
    )
    driver.execute_script(*hold)  # a long press on a row without a long-press action does nothing
    assert driver.find_element(*text_locator(platform, "App Settings")).is_displayed()


def test_android_scroll_not_found(session):
    driver = session("android")
    sign_in(driver, "android")
    open_account(driver, "android")
    with pytest.raises(NoSuchElementException):
        driver.execute_script("mobile: scroll", {"strategy": "accessibility id", "selector": "Nothing"})
    with pytest.raises(InvalidArgumentException):
        driver.execute_script("mobile: scroll", {"strategy": "xpath", "selector": "//x"})


def test_the_clients_cross_platform_helpers_work(session, platform):
    """Appium-Python-Client sends appId and bundleId together; the drivers ignore the other one."""
    driver = session(platform)
    app = PACKAGE if platform == "android" else BUNDLE
    assert driver.query_app_state(app) == 4
    assert driver.is_app_installed(app) is True
    assert driver.terminate_app(app) is True
    driver.activate_app(app)
    assert driver.query_app_state(app) == 4
    field = "login_email" if platform == "android" else "Email or phone number"
    driver.find_element(AppiumBy.ID if platform == "android" else AppiumBy.ACCESSIBILITY_ID, field).click()
    assert driver.is_keyboard_shown() is True
    driver.hide_keyboard(key_name="Done")
    assert driver.is_keyboard_shown() is False
    driver.background_app(-1)
    assert driver.query_app_state(app) == 3
    driver.activate_app(app)
    if platform == "android":
        driver.press_keycode(4)
        assert driver.query_app_state(app) == 3  # back on the root screen leaves the app
