"""Waits that notice fast and cost little: the poll schedule, and fallback locators polled as one query
(the translation, the executor, and the simulated device answering as the UiAutomator2 server does)."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy
from selenium.common.exceptions import NoSuchElementException

from harness import waiting
from harness.devices.capabilities import build_options
from harness.devices.profiles import load_profile
from harness.devices.translation import translate_context
from harness.runner.errors import ElementNotFound
from harness.runner.executor import Executor
from harness.scenario.loader import load_scenario
from harness.sim.server import SimServer
from harness.translate.steps import translate

SCREENS = """screens:
  login:
    password:
      android: [{id: login_password}, {accessibility_id: Password}]
      ios: [{accessibility_id: Password}, {ios_predicate: 'type == "XCUIElementTypeSecureTextField"'}]
    by_xpath:
      android: [{xpath: "//*[@resource-id='x']"}, {id: login_password}]
      ios: [{xpath: "//*[@name='x']"}, {accessibility_id: Password}]
    second_field:
      ios: [{accessibility_id: Nothing}, {class_name: XCUIElementTypeTextField, index: 1}]
      android: [{accessibility_id: Nothing}, {class_name: android.widget.EditText, index: 1}]
    email_first:
      ios:
        - {accessibility_id: Email or phone number}
        - {ios_predicate: 'type IN {"XCUIElementTypeTextField", "XCUIElementTypeSecureTextField"}'}
      android: [{id: login_email}, {class_name: android.widget.EditText, index: 1}]
"""


def finds_of(tmp_path: Path, platform: str, element: str) -> list:
    (tmp_path / "screens.yaml").write_text(SCREENS)
    (tmp_path / "s.yaml").write_text(f"name: s\napp: netflix\nscreens: screens.yaml\nsteps:\n"
                                     f"  - wait_for: login.{element}\n")
    scenario = load_scenario(tmp_path / "s.yaml")
    profile = load_profile(f"sim-{platform}")
    ctx = translate_context(profile, "netflix", screens=scenario.screens, variables={})
    return translate(scenario.steps[0], ctx)


def test_the_schedule_polls_every_100_ms_from_start_to_start(monkeypatch: pytest.MonkeyPatch) -> None:
    starts, began = [], time.monotonic()
    for _ in waiting.polls(1.0):
        starts.append(time.monotonic() - began)
        time.sleep(0.03)  # a 30 ms round trip
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert starts[0] < 0.01  # the first attempt at once
    assert 9 <= len(starts) <= 12
    assert all(0.09 <= g <= 0.13 for g in gaps[:-1]), gaps  # 100 ms apart, the round trip included
    assert starts[-1] <= 1.0 + 0.05  # the last look at the deadline


def test_a_long_wait_slows_down_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(waiting, "SLOW_AFTER", 0.3)
    starts, began = [], time.monotonic()
    for _ in waiting.polls(2.0):
        starts.append(time.monotonic() - began)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert max(gaps[:2]) < 0.13 and max(gaps[-3:-1]) >= 0.45  # 100 ms, then up to POLL_MAX


@pytest.mark.parametrize(("platform", "query"), [
    ("android", {"using": "-android uiautomator", "ordered": True,
                 "value": 'new UiSelector().resourceId("com.netflix.mediaclient:id/login_password");'
                          'new UiSelector().description("Password")'}),
    ("ios", {"using": "-ios predicate string", "ordered": False,
             "value": 'name == "Password" OR (type == "XCUIElementTypeSecureTextField")'}),
])
def test_fallbacks_are_planned_as_one_query(tmp_path: Path, platform: str, query: dict) -> None:
    find = finds_of(tmp_path, platform, "password")[0]
    assert find.op == "find_element" and find.fields["combined"] == query
    assert len(find.fields["locators"]) == 2  # kept: the plan says what each fallback is


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_fallbacks_the_driver_cannot_combine_stay_apart(tmp_path: Path, platform: str) -> None:
    assert "combined" not in finds_of(tmp_path, platform, "by_xpath")[0].fields  # xpath: no combined form
    ios_index = finds_of(tmp_path, platform, "second_field")[0].fields
    assert ("combined" in ios_index) == (platform == "android")  # an index: UiSelector instance() only


def run_find(platform: str, tmp_path: Path, element: str):
    profile = load_profile(f"sim-{platform}")
    find = finds_of(tmp_path, platform, element)[0]
    return profile, find


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_a_late_element_costs_one_find_per_poll_and_is_noticed_fast(tmp_path: Path, platform: str) -> None:
    profile, find = run_find(platform, tmp_path, "password")
    with SimServer(platform=platform) as server:
        options = build_options(profile, "netflix")
        options.set_capability("harness:faults", {"late_elements": [
            {"screen": "login", "element": "password", "after_ms": 800}]})
        driver = webdriver.Remote(command_executor=server.url, options=options)
        try:
            runtime = server.sessions[driver.session_id].runtime
            runtime.entered_at = time.monotonic()  # the login screen opens now
            before = server.command_counts(driver.session_id)
            Executor(driver).run(find, timeout=5)
            late = time.monotonic() - (runtime.entered_at + 0.8)
            after = server.command_counts(driver.session_id)
        finally:
            driver.quit()
    finds = after.get("findElements", 0) - before.get("findElements", 0)
    assert after.get("findElement", 0) == before.get("findElement", 0)  # never one per locator
    assert 7 <= finds <= 11, finds  # one per 100 ms poll over 0.8 s
    assert late < 0.15, late


def test_an_unordered_query_with_several_matches_asks_locator_by_locator(tmp_path: Path) -> None:
    """iOS: the email field and the password field both match the OR of the fallbacks; the first locator
    (the email field's accessibility id) decides, as without combining."""
    profile, find = run_find("ios", tmp_path, "email_first")
    assert find.fields["combined"]["ordered"] is False
    with SimServer(platform="ios") as server:
        driver = webdriver.Remote(command_executor=server.url, options=build_options(profile, "netflix"))
        try:
            executor = Executor(driver)
            executor.run(find, timeout=2)
            assert executor.element.get_attribute("name") == "Email or phone number"
            assert [line.split(" ", 1)[1].split(" ")[0] for line in executor.log.recent] == [
                "find_elements", "find_element"]  # the query (two matches), then the first locator
        finally:
            driver.quit()


def test_an_element_never_there_fails_with_every_fallback_named(tmp_path: Path) -> None:
    profile, find = run_find("android", tmp_path, "password")
    with SimServer(platform="android") as server:
        options = build_options(profile, "netflix")
        options.set_capability("harness:faults", {"late_elements": [
            {"screen": "login", "element": "password", "after_ms": 60000}]})
        driver = webdriver.Remote(command_executor=server.url, options=options)
        try:
            expected = r"tried id='login_password', accessibility id='Password'"
            with pytest.raises(ElementNotFound, match=expected):
                Executor(driver).run(find, timeout=0.3)
        finally:
            driver.quit()


def test_the_simulated_server_reads_statements_as_uiautomator2_does() -> None:
    """find-elements: every `;` statement, in order, without duplicates; find-element: the first only
    (appium-uiautomator2-server ByUiAutomatorFinder.findMany / ElementLocationHelpers.toSelector)."""
    query = ('new UiSelector().resourceId("nowhere");new UiSelector().resourceId('
             '"com.netflix.mediaclient:id/login_password");'
             'new UiSelector().className("android.widget.EditText")')
    with SimServer(platform="android") as server:
        profile, app = load_profile("sim-android"), "com.netflix.mediaclient"
        driver = webdriver.Remote(command_executor=server.url, options=build_options(profile, "netflix"))
        try:
            found = driver.find_elements(AppiumBy.ANDROID_UIAUTOMATOR, query)
            ids = [e.get_attribute("resource-id") for e in found]
            assert ids == [f"{app}:id/login_password", f"{app}:id/login_email"]
            with pytest.raises(NoSuchElementException):  # the first statement matches nothing
                driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, query)
            first = driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, query.split(";", 1)[1])
            assert first.get_attribute("resource-id").endswith("login_password")
        finally:
            driver.quit()
