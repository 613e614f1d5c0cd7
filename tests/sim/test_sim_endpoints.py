"""Each WebDriver endpoint the runner uses, through Appium-Python-Client, and the errors it maps."""

from __future__ import annotations

import json
import urllib.request

import pytest
from appium import webdriver
from appium.common.exceptions import NoSuchContextException
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import (
    InvalidArgumentException,
    InvalidElementStateException,
    InvalidSessionIdException,
    NoAlertPresentException,
    NoSuchElementException,
    SessionNotCreatedException,
    UnknownMethodException,
)

from tests.sim.drive import BUNDLE, PACKAGE, open_account, options, sign_in, text_locator


def raw(url: str, method: str = "GET", body: object | None = None) -> tuple[int, dict]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_status(servers):
    code, body = raw(servers["android"].url + "/status")
    assert code == 200 and body["value"]["ready"] is True
    code, body = raw(servers["ios"].url + "/wd/hub/status")  # the Appium 1 base path works too
    assert code == 200


def test_new_session_echoes_capabilities(session, platform):
    driver = session(platform)
    caps = driver.capabilities
    assert caps["platformName"].lower() == platform
    if platform == "android":
        assert caps["appium:automationName"].lower() == "uiautomator2"
        assert caps["appium:appPackage"] == PACKAGE
        assert caps["appium:deviceScreenSize"] == "1080x2400"
    else:
        assert caps["appium:automationName"].lower() == "xcuitest"
        assert caps["appium:bundleId"] == BUNDLE


@pytest.mark.parametrize(
    ("platform_name", "change", "words"),
    [
        ("android", {"platformName": "iOS"}, "platformName"),
        ("android", {"appium:automationName": "Espresso"}, "automationName"),
        ("android", {"appium:appPackage": "com.example.other"}, "not installed"),
        ("ios", {"appium:bundleId": "com.example.other"}, "not installed"),
        ("ios", {"appium:automationName": "UiAutomator2"}, "automationName"),
        ("android", {"deviceName": "x"}, "vendor prefix"),
        ("android", {"harness:faults": {"latency": 5}}, "latency"),
        ("android", {"harness:faults": {"crash": {"screen": "nowhere"}}}, "nowhere"),
    ],
)
def test_session_not_created(servers, platform_name, change, words):
    body = options(platform_name).to_w3c()
    body["capabilities"]["alwaysMatch"].update(change)
    code, reply = raw(servers[platform_name].url + "/session", "POST", body)
    assert code == 500 and reply["value"]["error"] == "session not created"
    assert words in reply["value"]["message"]


def test_missing_app_is_refused_by_the_client_too(servers):
    opts = options("android")
    opts.set_capability("appPackage", None)
    opts.set_capability("appActivity", None)
    with pytest.raises(SessionNotCreatedException, match="appPackage"):
        webdriver.Remote(servers["android"].url, options=opts)


def test_element_commands_android(session):
    driver = session("android")
    email = driver.find_element(AppiumBy.ID, "login_email")
    assert email.text == "Email or phone number"  # an empty EditText shows its hint
    assert email.get_attribute("showing-hint") == "true"
    email.click()
    assert driver.switch_to.active_element.get_attribute("resource-id") == email.get_attribute("resource-id")
    assert driver.execute_script("mobile: isKeyboardShown") is True
    email.send_keys("first@example.com")
    email.send_keys("qa@example.com")  # UiAutomator2 replaces the text
    assert email.text == "qa@example.com"
    email.clear()
    assert email.text == "Email or phone number"
    password = driver.find_element(AppiumBy.ID, "login_password")
    password.send_keys("abc")
    assert password.text == "\u2022\u2022\u2022"
    assert password.get_attribute("password") == "true"
    button = driver.find_element(AppiumBy.ID, "login_sign_in")
    assert button.get_attribute("class") == "android.widget.Button"
    assert button.get_attribute("clickable") == "true"
    assert button.get_attribute("displayed") == "true"
    assert button.get_attribute("bounds").startswith("[")
    assert button.get_attribute("content-desc") in ("", None)
    assert button.is_enabled() and button.is_displayed() and not button.is_selected()
    assert button.tag_name == "android.widget.Button"
    rect = button.rect
    left, top = (int(v) for v in button.get_attribute("bounds")[1:].split("]")[0].split(","))
    assert (rect["x"], rect["y"]) == (left, top) and rect["width"] > 900
    assert driver.get_window_rect() == {"x": 0, "y": 0, "width": 1080, "height": 2400}
    assert driver.get_window_size() == {"width": 1080, "height": 2400}
    with pytest.raises(InvalidElementStateException):
        button.send_keys("x")


def test_element_commands_ios(session):
    driver = session("ios")
    email = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Email or phone number")
    assert email.get_attribute("type") == "XCUIElementTypeTextField"
    assert email.get_attribute("value") == "Email or phone number"  # the placeholder
    email.send_keys("qa@")
    email.send_keys("example.com")  # XCUITest types after the existing text
    assert email.text == "qa@example.com"
    assert email.get_attribute("value") == "qa@example.com"
    email.clear()
    assert email.get_attribute("value") == "Email or phone number"
    button = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign In")
    assert button.get_attribute("label") == "Sign In"
    assert button.get_attribute("visible") == "true"
    assert button.get_attribute("enabled") == "true"
    assert json.loads(button.get_attribute("rect"))["width"] == button.rect["width"]
    assert button.text == "Sign In"
    assert button.tag_name == "XCUIElementTypeButton"
    assert driver.get_window_rect() == {"x": 0, "y": 0, "width": 390, "height": 844}


def test_page_source_and_screenshot(session, platform):
    driver = session(platform)
    source = driver.page_source
    assert source.startswith("<?xml")
    assert ("<hierarchy" in source) == (platform == "android")
    assert driver.get_screenshot_as_png().startswith(b"\x89PNG")


def test_timeouts_and_settings(session, platform):
    driver = session(platform)
    driver.implicitly_wait(0.3)
    assert driver.timeouts.implicit_wait == 0.3
    settings = driver.get_settings()
    assert "waitForIdleTimeout" in settings
    driver.update_settings({"waitForIdleTimeout": 0})
    assert driver.get_settings()["waitForIdleTimeout"] == 0
    assert driver.orientation == "PORTRAIT"


def test_contexts_and_web_view(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    assert driver.contexts == ["NATIVE_APP"]
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").click()
    driver.find_element(*text_locator(platform, "Help")).click()
    webview = f"WEBVIEW_{PACKAGE if platform == 'android' else BUNDLE}"
    assert driver.contexts == ["NATIVE_APP", webview]
    # the native view of a web view still exposes its text
    assert driver.find_element(*text_locator(platform, "Netflix Help Center")).is_displayed()
    driver.switch_to.context(webview)
    assert driver.current_context == webview
    heading = driver.find_element(AppiumBy.CSS_SELECTOR, "h1")
    assert heading.text == "Netflix Help Center"
    assert driver.find_element(AppiumBy.XPATH, "//h1").text == "Netflix Help Center"
    assert driver.find_element(AppiumBy.LINK_TEXT, "Contact Us").is_displayed()
    assert driver.title == "Netflix Help Center"
    assert driver.current_url.startswith("https://help.netflix.com")
    assert "<h1" in driver.page_source
    with pytest.raises(InvalidArgumentException):
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Contact Us")
    driver.switch_to.context("NATIVE_APP")
    with pytest.raises(NoSuchContextException):
        driver.switch_to.context("WEBVIEW_other")
    driver.back()
    assert driver.contexts == ["NATIVE_APP"]


def test_back(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    open_account(driver, platform)
    driver.back()
    assert driver.find_element(*text_locator(platform, "Manage Profiles")).is_displayed()
    driver.back()
    assert driver.find_element(*text_locator(platform, "My Netflix")).is_displayed()


def test_w3c_alert_endpoints(session, platform):
    driver = session(platform)
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.accept()
    sign_in(driver, platform)
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").click()
    driver.find_element(*text_locator(platform, "Sign Out")).click()
    assert driver.switch_to.alert.text == "Sign out of Netflix?"
    driver.switch_to.alert.dismiss()
    driver.find_element(*text_locator(platform, "Sign Out")).click()
    driver.switch_to.alert.accept()
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()


def test_invalid_session_and_unknown_command(session, servers):
    driver = session("android")
    sid = driver.session_id
    code, body = raw(f"{servers['android'].url}/session/{sid}/nope")
    assert code == 404 and body["value"]["error"] == "unknown command"
    code, body = raw(f"{servers['android'].url}/session/{sid}/source", "DELETE")
    assert code == 405 and body["value"]["error"] == "unknown method"
    with pytest.raises(UnknownMethodException):
        driver.execute("getLog", {"type": "logcat"})
    driver.quit()
    with pytest.raises(InvalidSessionIdException):
        driver.find_element(AppiumBy.ID, "login_email")
    assert servers["android"].command_counts(sid)["deleteSession"] == 1


def test_unknown_element_id(session):
    driver = session("ios")
    from appium.webdriver.webelement import WebElement

    with pytest.raises(NoSuchElementException):
        WebElement(driver, "not-an-element").click()


def test_command_counts(session, servers, platform):
    driver = session(platform)
    driver.find_element(*text_locator(platform, "Sign In")).click()
    driver.execute_script("mobile: hideKeyboard", {})
    counts = servers[platform].command_counts(driver.session_id)
    assert counts["findElement"] == 1 and counts["click"] == 1
    assert counts["execute:mobile: hideKeyboard"] == 1
    assert counts["total"] == counts["createSession"] + 3


def test_get_session_and_timeouts_raw(session, servers):
    driver = session("ios")
    base = f"{servers['ios'].url}/session/{driver.session_id}"
    code, body = raw(base)
    assert code == 200 and body["value"]["appium:bundleId"] == BUNDLE
    code, body = raw(base + "/timeouts", "POST", {"implicit": -1})
    assert code == 400 and body["value"]["error"] == "invalid argument"
    code, body = raw(base + "/timeouts")
    assert body["value"]["implicit"] == 0
