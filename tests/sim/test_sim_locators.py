"""Every locator form docs/plan-format.md has the translator emit, on the flavour it is emitted for."""

from __future__ import annotations

import time

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import InvalidSelectorException, NoSuchElementException

from harness.sim.text_patterns import BUDGET
from tests.sim.drive import sign_in

UI = AppiumBy.ANDROID_UIAUTOMATOR
PRED = AppiumBy.IOS_PREDICATE
CHAIN = AppiumBy.IOS_CLASS_CHAIN


@pytest.fixture
def android(session):
    return session("android")


@pytest.fixture
def ios(session):
    return session("ios")


@pytest.mark.parametrize(
    ("using", "value", "expected_text"),
    [
        (UI, 'new UiSelector().text("Sign In")', "Sign In"),
        (UI, 'new UiSelector().textContains("Netflix? Sign")', "New to Netflix? Sign up now."),
        (UI, 'new UiSelector().textMatches("Recover \\\\w+")', "Recover Password"),
        (UI, 'new UiSelector().description("Email or phone number")', "Email or phone number"),
        (UI, 'new UiSelector().resourceId("com.netflix.mediaclient:id/login_sign_in")', "Sign In"),
        (UI, 'new UiSelector().className("android.widget.EditText").instance(1)', "Password"),
        (UI, 'new UiSelector().className("android.widget.Button")', "Sign In"),
        (UI, 'new UiSelector().textStartsWith("Recover").clickable(true).enabled(true)', "Recover Password"),
        (UI, 'new UiSelector().resourceIdMatches(".*:id/login_pass.*")', "Password"),
        (UI, 'text("Sign In")', "Sign In"),  # the short form UiAutomator2 also accepts
        (AppiumBy.ACCESSIBILITY_ID, "Password", "Password"),
        (AppiumBy.ID, "login_sign_in", "Sign In"),  # the driver adds com.netflix.mediaclient:id/
        (AppiumBy.ID, "com.netflix.mediaclient:id/login_sign_in", "Sign In"),
        (AppiumBy.CLASS_NAME, "android.widget.Button", "Sign In"),
        (AppiumBy.XPATH, "//android.widget.Button[@text='Sign In']", "Sign In"),
        (
            AppiumBy.XPATH,
            "//*[@resource-id='com.netflix.mediaclient:id/login_email']",
            "Email or phone number",
        ),
    ],
)
def test_android_forms(android, using, value, expected_text):
    assert android.find_element(using, value).text == expected_text


@pytest.mark.parametrize(
    ("using", "value", "expected_name"),
    [
        (PRED, 'label == "Sign In" OR name == "Sign In" OR value == "Sign In"', "Sign In"),
        (PRED, 'label CONTAINS "Netflix? Sign"', "New to Netflix? Sign up now."),
        (PRED, 'label MATCHES "Recover \\\\w+"', "Recover Password"),
        (PRED, "label ==[c] 'sign in' AND type == 'XCUIElementTypeButton'", "Sign In"),
        (PRED, "type == 'XCUIElementTypeSecureTextField' && visible == 1", "Password"),
        (PRED, 'name BEGINSWITH[cd] "récover"', "Recover Password"),
        (PRED, 'name IN {"Nope", "Sign In"} AND NOT (enabled == FALSE)', "Sign In"),
        (PRED, "wdType == 'XCUIElementTypeButton' AND rect.y > 100", "Sign In"),
        (PRED, "name LIKE 'Sign*'", "Sign In"),
        (PRED, "elementType == 9", "Sign In"),
        (CHAIN, '**/XCUIElementTypeButton[`label == "Sign In"`]', "Sign In"),
        (CHAIN, "**/XCUIElementTypeTextField", "Email or phone number"),
        (CHAIN, "XCUIElementTypeWindow/XCUIElementTypeAny/XCUIElementTypeAny[2]", None),
        (CHAIN, "**/XCUIElementTypeStaticText[-1]", "New to Netflix? Sign up now."),
        (CHAIN, "**/XCUIElementTypeScrollView[$name == 'Password'$]/XCUIElementTypeButton[1]", "Sign In"),
        (AppiumBy.ACCESSIBILITY_ID, "Password", "Password"),
        (AppiumBy.ID, "Sign In", "Sign In"),
        (AppiumBy.NAME, "Sign In", "Sign In"),
        (AppiumBy.CLASS_NAME, "XCUIElementTypeSecureTextField", "Password"),
        (AppiumBy.XPATH, "//XCUIElementTypeButton[@name='Sign In']", "Sign In"),
    ],
)
def test_ios_forms(ios, using, value, expected_name):
    found = ios.find_element(using, value)
    if expected_name is not None:
        assert found.get_attribute("name") == expected_name


def test_index_forms(session, platform):
    driver = session(platform, harness__faults={"interstitial": None})
    sign_in(driver, platform)
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Home").click()
    driver.execute_script(
        "mobile: terminateApp",
        {"appId": "com.netflix.mediaclient"}
        if platform == "android"
        else {"bundleId": "com.netflix.Netflix"},
    )
    driver.execute_script(
        "mobile: activateApp",
        {"appId": "com.netflix.mediaclient"}
        if platform == "android"
        else {"bundleId": "com.netflix.Netflix"},
    )
    # the interstitial is off for this session: straight to home
    tabs = driver.find_elements(
        *(
            (UI, 'new UiSelector().className("android.widget.FrameLayout").clickable(true)')
            if platform == "android"
            else (CHAIN, "**/XCUIElementTypeTabBar/XCUIElementTypeButton")
        )
    )
    names = [t.get_attribute("content-desc" if platform == "android" else "name") for t in tabs]
    assert names == ["Home", "New & Hot", "My Netflix"]
    if platform == "android":
        third = driver.find_element(
            UI, 'new UiSelector().className("android.widget.FrameLayout").clickable(true).instance(2)'
        )
        assert third.get_attribute("content-desc") == "My Netflix"


def test_profile_ids_are_shared_like_a_list(session):
    driver = session("android")
    sign_in_until_profiles(driver)
    avatars = driver.find_elements(AppiumBy.ID, "profile_avatar")
    assert [a.get_attribute("content-desc") for a in avatars] == ["QA Tester", "Kids"]


def sign_in_until_profiles(driver):
    driver.find_element(AppiumBy.ID, "login_email").send_keys("a@b.c")
    driver.find_element(AppiumBy.ID, "login_password").send_keys("demo-password")
    driver.find_element(AppiumBy.ID, "login_sign_in").click()


def test_find_from_element(session, platform):
    driver = session(platform)
    if platform == "android":
        body = driver.find_element(AppiumBy.ID, "login_list")  # the body: a FrameLayout while it fits
        assert body.find_element(UI, 'new UiSelector().text("Sign In")').text == "Sign In"
        assert body.find_element(AppiumBy.XPATH, ".//android.widget.Button").text == "Sign In"
        assert len(body.find_elements(AppiumBy.CLASS_NAME, "android.widget.EditText")) == 2
        with pytest.raises(NoSuchElementException):
            body.find_element(AppiumBy.ACCESSIBILITY_ID, "NETFLIX")  # the logo is above the body
    else:
        body = driver.find_element(AppiumBy.CLASS_NAME, "XCUIElementTypeScrollView")
        assert body.find_element(PRED, "type == 'XCUIElementTypeButton'").get_attribute("name") == "Sign In"
        assert body.find_element(CHAIN, "XCUIElementTypeSecureTextField").get_attribute("name") == "Password"
        assert len(body.find_elements(AppiumBy.XPATH, "./*")) >= 5


# selectors the driver itself refuses, before the device sees them: an error on both platforms,
# for find_element and find_elements alike
REFUSED_BY_THE_DRIVER = [
    ("android", PRED, 'label == "x"'),
    ("android", AppiumBy.NAME, "Sign In"),
    ("android", AppiumBy.CSS_SELECTOR, "[foo=bar]"),
    ("android", AppiumBy.CSS_SELECTOR, "#a + #b"),
    ("android", AppiumBy.CSS_SELECTOR, "[text="),
    ("ios", UI, 'new UiSelector().text("Sign In")'),
    ("ios", "link text", "Sign In"),
    ("ios", AppiumBy.CSS_SELECTOR, "button.x"),
    ("ios", AppiumBy.CSS_SELECTOR, "[text=x]"),
]
# selectors the device refuses: UiAutomator2 passes the error on for both kinds of find...
REFUSED_BY_THE_ANDROID_DEVICE = [
    (UI, 'new UiSelector().txt("Sign In")'),
    (UI, 'new UiSelector().text("Sign In"'),
    (UI, "new UiSelector().text(Sign In)"),
    (UI, 'new UiSelector().textMatches("(unclosed")'),
    (UI, 'new UiSelector().instance("1")'),
    (UI, 'new UiScrollable(new UiSelector()).scrollTo(new UiSelector().text("x"))'),
    (UI, ""),
    (AppiumBy.XPATH, "//android.widget.Button["),
    (AppiumBy.XPATH, "//@text"),
]
# ... while XCUITest turns WebDriverAgent's error into "nothing found" (commands/find.js doNativeFind)
REFUSED_BY_WEBDRIVERAGENT = [
    (PRED, 'label == "unterminated'),
    (PRED, 'labl == "Sign In"'),
    (PRED, "label == "),
    (PRED, "(label == 'a'"),
    (PRED, "label ~= 'a'"),
    (CHAIN, "**/XCUIElementTypeButtn"),
    (CHAIN, "**/XCUIElementTypeButton[0]"),
    (CHAIN, "**/XCUIElementTypeButton[`label == `"),
    (CHAIN, "**/"),
    (AppiumBy.XPATH, "//XCUIElementTypeButton[@name="),
    (AppiumBy.CSS_SELECTOR, '[value=""]'),  # the driver writes `[value LIKE ]`, which WDA refuses
]


@pytest.mark.parametrize(("platform_name", "using", "value"), REFUSED_BY_THE_DRIVER)
def test_selectors_the_driver_refuses_are_invalid_selector(session, platform_name, using, value):
    driver = session(platform_name)
    with pytest.raises(InvalidSelectorException):
        driver.find_element(using, value)
    with pytest.raises(InvalidSelectorException):
        driver.find_elements(using, value)


def test_the_driver_refuses_a_strategy_in_its_own_words(android, ios):
    with pytest.raises(InvalidSelectorException) as caught:
        android.find_element(PRED, "label == 'x'")
    assert caught.value.msg.startswith(
        "Locator Strategy '-ios predicate string' is not supported for this session;"
    )
    with pytest.raises(InvalidSelectorException) as caught:
        ios.find_elements(UI, "new UiSelector()")
    assert caught.value.msg.startswith(
        "Locator Strategy '-android uiautomator' is not supported for this session;"
    )


@pytest.mark.parametrize(("using", "value"), REFUSED_BY_THE_ANDROID_DEVICE)
def test_android_device_errors_reach_both_kinds_of_find(android, using, value):
    with pytest.raises(InvalidSelectorException):
        android.find_element(using, value)
    with pytest.raises(InvalidSelectorException):
        android.find_elements(using, value)


@pytest.mark.parametrize(("using", "value"), REFUSED_BY_WEBDRIVERAGENT)
def test_ios_device_errors_become_nothing_found(ios, using, value):
    assert ios.find_elements(using, value) == []
    with pytest.raises(NoSuchElementException) as caught:
        ios.find_element(using, value)
    assert "WebDriverAgent refused" in caught.value.msg  # the simulated device still says why


def test_not_found_is_no_such_element(session, platform):
    driver = session(platform)
    with pytest.raises(NoSuchElementException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Does not exist")
    assert driver.find_elements(AppiumBy.ACCESSIBILITY_ID, "Does not exist") == []


def test_id_autocompletion_can_be_disabled(android):
    android.update_settings({"disableIdLocatorAutocompletion": True})
    assert android.find_elements(AppiumBy.ID, "login_sign_in") == []
    assert android.find_element(AppiumBy.ID, "com.netflix.mediaclient:id/login_sign_in").text == "Sign In"


TYPED = "a" * 64 + "!"  # a text that almost matches the patterns below


@pytest.fixture
def typed(session) -> tuple:
    android, ios = session("android"), session("ios")
    android.find_element(AppiumBy.ID, "login_email").send_keys(TYPED)
    ios.find_element(AppiumBy.ACCESSIBILITY_ID, "Email or phone number").send_keys(TYPED)
    return android, ios


def test_nested_repetition_the_matcher_can_cut_short_answers_at_once(typed) -> None:
    """`(a+)+$` took Python's `re` exponential time (the find hung); the bounded matcher says no match."""
    android, ios = typed
    started = time.monotonic()
    assert android.find_elements(UI, 'new UiSelector().textMatches("(a+)+$")') == []
    assert ios.find_elements(PRED, 'value MATCHES "(a+)+$"') == []
    assert time.monotonic() - started < BUDGET
    assert [e.text for e in ios.find_elements(PRED, 'value MATCHES "a+!"')] == [TYPED]  # an honest one


def test_a_catastrophic_pattern_costs_a_find_at_most_the_match_budget(typed) -> None:
    """`(a|aa)+$` over a text that almost matches: UiAutomator2 refuses the find, XCUITest finds nothing
    (as it does for any WebDriverAgent error); neither hangs the device."""
    android, ios = typed
    started = time.monotonic()
    with pytest.raises(InvalidSelectorException) as caught:
        android.find_element(UI, 'new UiSelector().textMatches("(a|aa)+$")')
    message = caught.value.msg
    assert "matching the regular expression '(a|aa)+$' against an element's text took longer than" in message
    assert TYPED not in message  # the text may be a typed secret
    assert ios.find_elements(PRED, 'value MATCHES "(a|aa)+$"') == []
    assert time.monotonic() - started < 4 * BUDGET + 2  # two finds, each bounded (on a busy machine)
