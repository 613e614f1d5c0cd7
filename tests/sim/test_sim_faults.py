"""Faults from the app model, switched per session with the `harness:faults` capability."""

from __future__ import annotations

import time

import pytest
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException

from harness.sim.server import SimServer
from tests.sim.drive import BUNDLE, PACKAGE, open_account, sign_in, text_locator


def app_args(platform):
    return {"appId": PACKAGE} if platform == "android" else {"bundleId": BUNDLE}


def test_latency_per_command(session):
    fast = session("android")
    slow = session("android", harness__faults={"latency_ms": 40})
    started = time.perf_counter()
    for _ in range(3):
        fast.find_element(AppiumBy.ID, "login_email")
    quick = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(3):
        slow.find_element(AppiumBy.ID, "login_email")
    delayed = time.perf_counter() - started
    assert delayed >= 0.12 and delayed > quick


def test_server_latency_overrides_the_model():
    with SimServer(platform="ios", latency_ms=30) as server:
        from appium import webdriver

        from tests.sim.drive import options

        driver = webdriver.Remote(server.url, options=options("ios"))
        try:
            started = time.perf_counter()
            driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign In")
            assert time.perf_counter() - started >= 0.03
        finally:
            driver.quit()


def test_late_element_needs_a_wait(session, platform):
    late = {"late_elements": [{"screen": "login", "element": "sign_in", "after_ms": 400}]}
    driver = session(platform, harness__faults=late)
    with pytest.raises(NoSuchElementException):
        driver.find_element(*text_locator(platform, "Sign In"))
    driver.implicitly_wait(2)  # the implicit wait polls until it appears
    started = time.perf_counter()
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()
    assert time.perf_counter() - started < 1.5


def test_interstitial_on_every_launch_and_switchable(session, platform):
    driver = session(platform)
    sign_in(driver, platform)
    driver.execute_script("mobile: terminateApp", app_args(platform))
    driver.execute_script("mobile: activateApp", app_args(platform))
    assert driver.find_element(*text_locator(platform, "Who's watching?")).is_displayed()

    quiet = session(platform, harness__faults={"interstitial": None})
    sign_in(quiet, platform)
    quiet.execute_script("mobile: terminateApp", app_args(platform))
    quiet.execute_script("mobile: activateApp", app_args(platform))
    assert quiet.find_elements(*text_locator(platform, "Who's watching?")) == []
    assert quiet.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").is_displayed()


def test_interstitial_dialog(session, platform):
    faults = {"interstitial": {"dialog": "sign_out", "when": {"state": {"signed_in": False}}}}
    driver = session(platform, harness__faults=faults)
    assert driver.find_element(*text_locator(platform, "Sign out of Netflix?")).is_displayed()
    if platform == "android":
        driver.execute_script("mobile: dismissAlert", {})
    else:
        driver.execute_script("mobile: alert", {"action": "dismiss"})
    assert driver.find_element(*text_locator(platform, "Sign In")).is_displayed()


def test_stale_once(session, platform):
    faults = {"stale_once": [{"screen": "login", "element": "sign_in"}]}
    driver = session(platform, harness__faults=faults)
    button = driver.find_element(*text_locator(platform, "Sign In"))
    with pytest.raises(StaleElementReferenceException):
        button.click()
    with pytest.raises(StaleElementReferenceException):
        button.click()  # that reference stays dead
    driver.find_element(*text_locator(platform, "Sign In")).click()  # a fresh find works
    assert driver.find_element(*text_locator(platform, "Please enter a valid email or phone number."))


def test_crash_at_an_element(session, platform):
    faults = {"crash": {"screen": "menu", "element": "account"}}
    driver = session(platform, harness__faults=faults)
    sign_in(driver, platform)
    menu = None
    try:
        open_account(driver, platform)
    except Exception as exc:  # pragma: no cover - the click itself succeeds on a real device too
        menu = exc
    assert menu is None
    assert driver.execute_script("mobile: queryAppState", app_args(platform)) == 1
    with pytest.raises(NoSuchElementException):
        driver.find_element(*text_locator(platform, "Membership"))
    source = driver.page_source
    assert ("nexuslauncher" in source) if platform == "android" else ("SpringBoard" in source)
    driver.execute_script("mobile: activateApp", app_args(platform))
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "QA Tester").click()  # still signed in: the interstitial
    open_account(driver, platform)  # crashes only once per session (times: 1)
    assert driver.find_element(*text_locator(platform, "Membership")).is_displayed()


def test_crash_when_a_screen_opens(session, platform):
    driver = session(platform, harness__faults={"crash": {"screen": "profiles", "times": 2}})
    sign_in_fields(driver, platform)
    assert driver.execute_script("mobile: queryAppState", app_args(platform)) == 1
    driver.execute_script("mobile: activateApp", app_args(platform))  # the interstitial opens profiles
    assert driver.execute_script("mobile: queryAppState", app_args(platform)) == 1
    driver.execute_script("mobile: activateApp", app_args(platform))
    assert driver.find_element(*text_locator(platform, "Who's watching?")).is_displayed()


def sign_in_fields(driver, platform):
    if platform == "android":
        driver.find_element(AppiumBy.ID, "login_email").send_keys("a@b.c")
        driver.find_element(AppiumBy.ID, "login_password").send_keys("demo-password")
        driver.find_element(AppiumBy.ID, "login_sign_in").click()
    else:
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Email or phone number").send_keys("a@b.c")
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Password").send_keys("demo-password")
        driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Sign In").click()


def test_stale_after_leaving_the_screen(session, platform):
    driver = session(platform)
    field = driver.find_element(*text_locator(platform, "Sign In"))
    sign_in(driver, platform)
    with pytest.raises(StaleElementReferenceException):
        field.click()


def test_no_reset_keeps_app_data_between_sessions(servers, platform):
    from appium import webdriver

    from tests.sim.drive import options

    server = servers[platform]
    first = webdriver.Remote(server.url, options=options(platform))
    sign_in(first, platform)
    first.quit()
    kept = webdriver.Remote(server.url, options=options(platform, noReset=True))
    try:
        assert kept.find_element(*text_locator(platform, "Who's watching?")).is_displayed()
    finally:
        kept.quit()
    fresh = webdriver.Remote(server.url, options=options(platform))
    try:
        assert fresh.find_element(*text_locator(platform, "Sign In")).is_displayed()
    finally:
        fresh.quit()


def test_stale_once_on_a_dialog_button(session, platform):
    driver = session(platform, harness__faults={"stale_once": [{"screen": "sign_out", "element": "cancel"}]})
    sign_in(driver, platform)
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").click()
    driver.find_element(*text_locator(platform, "Sign Out")).click()
    with pytest.raises(StaleElementReferenceException):
        driver.find_element(*text_locator(platform, "Cancel")).click()
    driver.find_element(*text_locator(platform, "Cancel")).click()
    assert driver.find_element(*text_locator(platform, "Sign Out")).is_displayed()
