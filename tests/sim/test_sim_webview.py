"""The simulated web view behaves as a real one: the whole page is there, displayed, and clickable."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.options.ios import XCUITestOptions
from appium.webdriver.common.appiumby import AppiumBy

from harness.sim.loader import APPS_DIR
from harness.sim.server import SimServer

CONTACT = "//a[normalize-space(.)='Contact support']"


@pytest.fixture(scope="module")
def parcel_servers() -> Iterator[dict[str, SimServer]]:
    started = {
        p: SimServer(platform=p, app_model=APPS_DIR / "kestrel.yaml").start() for p in ("android", "ios")
    }
    yield started
    for server in started.values():
        server.stop()


@pytest.fixture
def terms_page(parcel_servers, platform):
    """A session on the long terms page, still in the native context."""
    if platform == "android":
        options = UiAutomator2Options().set_capability("appPackage", "org.example.kestrelpost")
        by_id = {
            name: (AppiumBy.ID, rid)
            for name, rid in (
                ("accept", "btnConsentAcceptAll"),
                ("email", "inputEmail"),
                ("password", "inputPassword"),
                ("submit", "btnSignIn"),
                ("terms", "rowDeliveryTerms"),
                ("contact", "txtContactTitle"),
            )
        }
    else:
        options = XCUITestOptions().set_capability("bundleId", "org.example.KestrelPost")
        by_id = {
            name: (AppiumBy.ACCESSIBILITY_ID, aid)
            for name, aid in (
                ("accept", "consent.acceptAll"),
                ("email", "signIn.email"),
                ("password", "signIn.password"),
                ("submit", "signIn.submit"),
                ("terms", "parcels.terms"),
                ("contact", "contact.title"),
            )
        }
    driver = webdriver.Remote(parcel_servers[platform].url, options=options)
    driver.find_element(*by_id["accept"]).click()
    driver.find_element(*by_id["email"]).send_keys("courier@example.org")
    driver.find_element(*by_id["password"]).send_keys("kestrel-demo-pass")
    driver.find_element(*by_id["submit"]).click()
    driver.find_element(*by_id["terms"]).click()
    yield driver, by_id
    driver.quit()


def test_elements_below_the_fold_are_in_the_page_and_displayed(terms_page):
    driver, _ = terms_page
    driver.switch_to.context(next(c for c in driver.contexts if c.startswith("WEBVIEW_")))
    link = driver.find_element(AppiumBy.XPATH, CONTACT)
    last = driver.find_element(AppiumBy.XPATH, "//p[starts-with(., 'Last updated')]")
    assert link.is_displayed() and last.is_displayed()  # WebDriver displayedness ignores the viewport
    assert not driver.find_element(AppiumBy.TAG_NAME, "title").is_displayed()


def test_a_click_below_the_fold_scrolls_the_element_into_view_first(terms_page):
    driver, by_id = terms_page
    driver.switch_to.context(next(c for c in driver.contexts if c.startswith("WEBVIEW_")))
    driver.find_element(AppiumBy.XPATH, CONTACT).click()
    driver.switch_to.context("NATIVE_APP")
    assert driver.find_element(*by_id["contact"]).text == "Contact support"


def test_the_native_tree_still_knows_the_fold(terms_page, platform):
    driver, _ = terms_page
    if platform == "android":  # like a RecyclerView: not in the tree until scrolled to
        assert (
            driver.find_elements(AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Contact support")')
            == []
        )
    else:  # in the tree, not visible
        link = driver.find_element(AppiumBy.IOS_PREDICATE, 'label == "Contact support"')
        assert not link.is_displayed()
