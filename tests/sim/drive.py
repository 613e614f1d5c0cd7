"""Driving the simulated Netflix app through Appium-Python-Client: capabilities, the translator's text
locator, and the walks most sim tests start with."""

from __future__ import annotations

from typing import Any

from appium.options.android import UiAutomator2Options
from appium.options.ios import XCUITestOptions
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver

PACKAGE = "com.netflix.mediaclient"
BUNDLE = "com.netflix.Netflix"


def options(platform: str, **caps: Any) -> UiAutomator2Options | XCUITestOptions:
    if platform == "android":
        opts: Any = UiAutomator2Options()
        opts.set_capability("appPackage", PACKAGE)
        opts.set_capability("appActivity", ".ui.launch.UIWebViewActivity")
    else:
        opts = XCUITestOptions()
        opts.set_capability("bundleId", BUNDLE)
    opts.set_capability("newCommandTimeout", 60)
    for name, value in caps.items():
        opts.set_capability(name.replace("__", ":"), value)
    return opts


def text_locator(platform: str, text: str) -> tuple[str, str]:
    """The `text:` selector exactly as docs/plan-format.md has the translator emit it."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if platform == "android":
        return AppiumBy.ANDROID_UIAUTOMATOR, f"new UiSelector().text({quoted})"
    return AppiumBy.IOS_PREDICATE, f"label == {quoted} OR name == {quoted} OR value == {quoted}"


def sign_in(
    driver: WebDriver, platform: str, email: str = "qa@example.com", password: str = "demo-password"
) -> None:
    """Login screen -> profile picker -> QA Tester -> home."""
    if platform == "android":
        driver.find_element(AppiumBy.ID, "login_email").send_keys(email)
        driver.find_element(AppiumBy.ID, "login_password").send_keys(password)
        driver.find_element(AppiumBy.ID, "login_sign_in").click()
    else:
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Email or phone number").send_keys(email)
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Password").send_keys(password)
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign In").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "QA Tester").click()


def open_account(driver: WebDriver, platform: str) -> None:
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").click()
    if platform == "android":
        driver.find_element(AppiumBy.ID, "menu_account").click()
    else:
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Account").click()
