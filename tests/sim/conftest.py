"""Fixtures: one simulated device server per flavour, and Appium-Python-Client sessions against it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.options.ios import XCUITestOptions
from appium.webdriver.common.appiumby import AppiumBy
from appium.webdriver.webdriver import WebDriver

from harness.sim.server import SimServer

PACKAGE = "com.netflix.mediaclient"
BUNDLE = "com.netflix.Netflix"


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, SimServer]]:
    started = {p: SimServer(platform=p).start() for p in ("android", "ios")}
    yield started
    for server in started.values():
        server.stop()


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


Factory = Callable[..., WebDriver]


@pytest.fixture
def session(servers: dict[str, SimServer]) -> Iterator[Factory]:
    """session(platform, **caps) -> a connected driver; `harness__faults=...` sets `harness:faults`."""
    made: list[WebDriver] = []

    def make(platform: str, **caps: Any) -> WebDriver:
        driver = webdriver.Remote(servers[platform].url, options=options(platform, **caps))
        made.append(driver)
        return driver

    yield make
    for driver in made:
        with contextlib.suppress(Exception):  # a test may have quit it already
            driver.quit()


@pytest.fixture(params=["android", "ios"])
def platform(request: pytest.FixtureRequest) -> str:
    return request.param


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
