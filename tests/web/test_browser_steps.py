"""Each step kind's browser form, run by the harness's executor on one real browser session (headless
Chromium through Appium 3 and the Chromium driver) against the stand-in site and small pages of its own."""

from __future__ import annotations

import time
from urllib.parse import quote

import pytest

from harness.runner.errors import StepError
from harness.scenario import steps as s
from tests.web.web_tier import WebBrowser

LONG_PAGE = (
    "<!doctype html><meta name=viewport content='width=device-width'>"
    "<input id=field><div style='height:3000px'></div><p id=low>At the bottom</p>"
    "<button id=ask onclick=\"document.title = confirm('Sure?') ? 'yes' : 'no'\">Ask</button>"
    "<div id=pad style='width:200px;height:200px'></div>"
    "<script>const pad = document.getElementById('pad'); let down = 0;"
    "pad.addEventListener('pointerdown', () => down = performance.now());"
    "pad.addEventListener('pointerup', () => pad.dataset.held = Math.round(performance.now() - down));"
    "</script>"
)


def data_url(html: str) -> str:
    return "data:text/html," + quote(html)


def sign_in(web_browser: WebBrowser, executor: object, password: str = "demo-password") -> None:
    for step in (s.OpenUrl(url="/login", clear_state=True),
                 s.TypeText(text="demo@example.com", into={"id": "email"}),
                 s.TypeText(text=password, into={"id": "password"}),
                 s.PressKey(key="enter")):  # the form is sent by the Enter key: a W3C key action
        web_browser.run(step, executor)


def test_enter_sends_the_form_and_clear_state_signs_the_browser_out(web_browser: WebBrowser) -> None:
    executor = web_browser.executor()
    sign_in(web_browser, executor)
    web_browser.run(s.AssertVisible(element={"text": "Who's watching?"}), executor)
    assert web_browser.site.visitors.signed_in_count() >= 1
    web_browser.run(s.OpenUrl(url="/account", clear_state=True), executor)  # cookies deleted: signed out
    assert web_browser.session.driver.current_url.endswith("/login")
    web_browser.run(s.OpenUrl(), executor)  # the scenario's url: `/` of the site, which sends to sign-in
    assert web_browser.session.driver.current_url.endswith("/login")


def test_scroll_to_brings_the_element_into_view_and_swipe_scrolls_the_page(web_browser: WebBrowser) -> None:
    executor, driver = web_browser.executor(), web_browser.session.driver
    web_browser.run(s.OpenLink(url=data_url(LONG_PAGE)), executor)
    web_browser.run(s.ScrollTo(element={"id": "low"}), executor)
    top = driver.execute_script("return document.getElementById('low').getBoundingClientRect().top")
    assert 0 < top < driver.execute_script("return innerHeight")
    before = driver.execute_script("return scrollY")
    web_browser.run(s.Swipe(direction="down", percent=0.5), executor)  # finger down: the page goes back up
    after = driver.execute_script("return scrollY")
    assert before - after == pytest.approx(0.5 * driver.execute_script("return innerHeight"), abs=2)


def test_a_page_alert_is_accepted_dismissed_and_never_left_open(web_browser: WebBrowser) -> None:
    executor, driver = web_browser.executor(), web_browser.session.driver
    web_browser.run(s.OpenLink(url=data_url(LONG_PAGE)), executor)
    for step, title in ((s.AcceptAlert(), "yes"), (s.DismissAlert(), "no")):
        web_browser.run(s.Tap(element={"id": "ask"}), executor)
        web_browser.run(step, executor)
        assert driver.title == title
    web_browser.run(s.Tap(element={"id": "ask"}), executor)
    executor.close_page_alert()  # how a web scenario starts: the last one's alert goes
    assert driver.title == "no"
    with pytest.raises(StepError, match="refused get_alert_text"):
        web_browser.run(s.AcceptAlert(), executor, timeout=1)  # none open: the step fails, it is not broken


def test_long_press_holds_the_element_and_hide_keyboard_takes_the_focus_away(web_browser: WebBrowser) -> None:
    executor, driver = web_browser.executor(), web_browser.session.driver
    web_browser.run(s.OpenLink(url=data_url(LONG_PAGE)), executor)
    started = time.monotonic()
    web_browser.run(s.LongPress(element={"id": "pad"}, duration=0.4), executor)
    assert time.monotonic() - started >= 0.4
    assert int(driver.execute_script("return document.getElementById('pad').dataset.held")) >= 380
    web_browser.run(s.Tap(element={"id": "field"}), executor)
    assert driver.execute_script("return document.activeElement.id") == "field"
    web_browser.run(s.HideKeyboard(), executor)
    assert driver.execute_script("return document.activeElement === document.body")


def test_back_is_the_browsers_history(web_browser: WebBrowser) -> None:
    executor, driver = web_browser.executor(), web_browser.session.driver
    web_browser.run(s.OpenUrl(url="/help"), executor)
    web_browser.run(s.OpenLink(url=data_url(LONG_PAGE)), executor)
    web_browser.run(s.Back(), executor)
    web_browser.run(s.AssertVisible(element={"text": "Help Center"}), executor)
    assert driver.current_url.endswith("/help")
