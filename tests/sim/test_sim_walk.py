"""The whole Netflix path on both flavours, as a scenario would drive it through Appium-Python-Client."""

from __future__ import annotations

from appium.webdriver.common.appiumby import AppiumBy
from lxml import etree

from tests.sim.drive import BUNDLE, PACKAGE, open_account, sign_in, text_locator


def test_full_walk_signs_out_of_all_devices(session, platform):
    driver = session(platform)
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()
    sign_in(driver, platform)
    open_account(driver, platform)
    assert driver.find_element(*text_locator(platform, "Account")).is_displayed()

    if platform == "android":
        target = driver.find_element(
            AppiumBy.ANDROID_UIAUTOMATOR,
            "new UiScrollable(new UiSelector().scrollable(true).instance(0))"
            '.scrollIntoView(new UiSelector().text("Security and Privacy"))',
        )
        assert target.text == "Security and Privacy"
        driver.find_element(AppiumBy.ID, "sign_out_all_devices").click()
        driver.find_element(*text_locator(platform, "Sign out of all devices?"))
        driver.find_element(AppiumBy.ID, "android:id/button1").click()
    else:
        entry = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign out of all devices")
        swipes = 0
        while not entry.is_displayed():
            driver.execute_script("mobile: swipe", {"direction": "up"})
            swipes += 1
            assert swipes < 10
        entry.click()
        assert driver.find_element(AppiumBy.CLASS_NAME, "XCUIElementTypeAlert").get_attribute("name") == (
            "Sign out of all devices?"
        )
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Log out").click()

    sign_in_button = driver.find_element(*text_locator(platform, "Sign In"))
    assert sign_in_button.is_displayed()
    source = driver.page_source
    root = etree.fromstring(source.encode())
    if platform == "android":
        assert root.tag == "hierarchy"
        assert root.xpath("//android.widget.EditText[@resource-id='com.netflix.mediaclient:id/login_email']")
        assert not root.xpath("//*[starts-with(name(), 'XCUIElementType')]")
        packages = set(root.xpath("//@package"))
        assert packages == {PACKAGE}
    else:
        assert root.tag == "AppiumAUT"
        assert root[0].tag == "XCUIElementTypeApplication"
        assert root.xpath("//XCUIElementTypeTextField[@name='Email or phone number']")
        assert not root.xpath("//*[starts-with(name(), 'android.')]")
    app = PACKAGE if platform == "android" else BUNDLE
    key = "appId" if platform == "android" else "bundleId"
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 4


def test_cancel_keeps_the_session(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    open_account(driver, platform)
    if platform == "android":
        driver.find_element(
            AppiumBy.ANDROID_UIAUTOMATOR,
            "new UiScrollable(new UiSelector().scrollable(true).instance(0))"
            '.scrollIntoView(new UiSelector().resourceId("com.netflix.mediaclient:id/sign_out_all_devices"))',
        ).click()
        driver.execute_script("mobile: dismissAlert", {})
    else:
        driver.execute_script("mobile: scroll", {"name": "Sign out of all devices"})
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign out of all devices").click()
        assert driver.execute_script("mobile: alert", {"action": "getButtons"}) == ["Cancel", "Log out"]
        driver.execute_script("mobile: alert", {"action": "dismiss"})
    assert driver.find_elements(*text_locator(platform, "Sign out of all devices?")) == []
    assert driver.find_element(*text_locator(platform, "Sign out of all devices")).is_displayed()
    driver.back()
    assert driver.find_element(*text_locator(platform, "Account")).is_displayed()  # the menu entry
    assert driver.find_elements(*text_locator(platform, "Sign In")) == []


def test_sign_in_needs_both_fields(session, platform):
    driver = session(platform)
    driver.find_element(*text_locator(platform, "Sign In")).click()
    error = driver.find_element(*text_locator(platform, "Please enter a valid email or phone number."))
    assert error.is_displayed()
    assert driver.find_elements(*text_locator(platform, "Who's watching?")) == []


def test_signing_in_survives_a_restart_and_shows_the_profile_picker(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    key, app = ("appId", PACKAGE) if platform == "android" else ("bundleId", BUNDLE)
    assert driver.execute_script("mobile: terminateApp", {key: app}) is True
    assert driver.execute_script("mobile: queryAppState", {key: app}) == 1
    driver.execute_script("mobile: activateApp", {key: app})
    assert driver.find_element(*text_locator(platform, "Who's watching?")).is_displayed()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Kids").click()
    assert driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").is_displayed()
    driver.execute_script("mobile: clearApp", {key: app})
    driver.execute_script("mobile: activateApp", {key: app})
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()


def test_only_the_demo_password_signs_in(session, platform):
    driver = session(platform)
    error = (
        (AppiumBy.ID, "login_password_error")
        if platform == "android"
        else text_locator(platform, "Incorrect password. Please try again or you can reset your password.")
    )
    assert driver.find_elements(*error) == []
    type_credentials(driver, platform, password="not-the-password")
    assert driver.find_element(*error).is_displayed()
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()  # still on login
    assert driver.find_elements(*text_locator(platform, "Who's watching?")) == []
    type_credentials(driver, platform, password="demo-password")
    assert driver.find_element(*text_locator(platform, "Who's watching?")).is_displayed()


def type_credentials(driver, platform: str, password: str) -> None:
    if platform == "android":
        fields = [
            (AppiumBy.ID, "login_email"),
            (AppiumBy.ID, "login_password"),
            (AppiumBy.ID, "login_sign_in"),
        ]
    else:
        fields = [(AppiumBy.ACCESSIBILITY_ID, n) for n in ("Email or phone number", "Password", "Sign In")]
    email, secret, button = (driver.find_element(*f) for f in fields)
    email.clear()
    email.send_keys("qa@example.com")
    secret.clear()
    secret.send_keys(password)
    button.click()
