"""`harness inspect --serve`: the page in headless Chromium (the report tests' driver, over CDP), and the
server's refusals of anything that is not its own page on loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import yaml

from harness.cli import main
from harness.inspect.serve import NotLoopback, PageServer
from harness.scenario.loader import load_screen_map
from tests.inspect.inspect_tier import DEVICES, KESTREL_MAP, Screens
from tests.report.report_browser import Page

pytestmark = pytest.mark.browser

ACCEPT_ALL = """\
screens:
  consent:
    accept_all:
      android: [{id: btnConsentAcceptAll}, {text: Accept all}]
      ios: [{accessibility_id: consent.acceptAll}, {text: Accept all}]
"""


@pytest.fixture
def server(screens: Screens) -> Iterator[PageServer]:
    for device in DEVICES:
        screens.reach(device, "consent")
    inspector = screens.inspector(*DEVICES, screen_map=load_screen_map(KESTREL_MAP))
    page_server = PageServer(inspector).start()
    yield page_server
    page_server.close()  # the sessions are the session fixture's


def open_page(page: Page, server: PageServer) -> None:
    page.goto(server.url)
    page.wait_for("document.querySelectorAll('#boxes rect').length > 3", what="the element boxes")


def click(page: Page, selector: str) -> None:
    """A real mouse click (pressed, released) at the middle of what `selector` shows."""
    box = page.evaluate(f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
                        ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()")
    assert box, selector
    for kind in ("mousePressed", "mouseReleased"):
        event = {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1}
        page.browser.send("Input.dispatchMouseEvent", event, page.session)


def text(page: Page, selector: str) -> str:
    return str(page.evaluate(f"document.querySelector({json.dumps(selector)}).textContent"))


def test_clicking_an_element_on_the_screenshot_shows_its_selectors_and_yaml(
    page: Page, server: PageServer
) -> None:
    open_page(page, server)
    assert page.evaluate("document.querySelector('#screenshot').naturalWidth") == 1080  # Android's pixels
    assert page.evaluate("document.querySelector('#boxes').getAttribute('viewBox')") == "0 0 1080 2400"
    click(page, '#boxes rect[data-title=\'Button "Accept all"\']')
    page.wait_for("document.querySelector('#yaml').textContent.includes('accept_all')", what="the YAML")
    assert text(page, "#element-title") == 'Button "Accept all"'
    assert text(page, "#yaml") == ACCEPT_ALL
    assert yaml.safe_load(text(page, "#yaml"))["screens"]["consent"]["accept_all"]["android"][0] == {
        "id": "btnConsentAcceptAll"}
    shown = page.evaluate("[...document.querySelectorAll('#selectors li')].map(li => li.textContent)")
    assert shown[:2] == ["{id: btnConsentAcceptAll}  (unique)", "{text: Accept all}  (unique)"]
    rows = page.evaluate("Object.fromEntries([...document.querySelectorAll('#attributes tr')]"
                         ".map(tr => [tr.cells[0].textContent, tr.cells[1].textContent]))")
    assert rows["resource-id"] == "org.example.kestrelpost:id/btnConsentAcceptAll"
    assert rows["bounds"] == "[44,675][1036,807]"

    click(page, "#devices button:nth-child(2)")  # the iPhone: its screenshot is in pixels, boxes in points
    page.wait_for("document.querySelector('#boxes').getAttribute('viewBox') === '0 0 390 844'")
    click(page, '#boxes rect[data-title=\'Button "Accept all"\']')
    page.wait_for("document.querySelector('#element-title').textContent === 'Button \"Accept all\"'")
    assert text(page, "#yaml") == ACCEPT_ALL  # one entry, both platforms' blocks
    assert page.evaluate("document.querySelector('#screenshot').naturalWidth") == 1170


def test_the_buttons_refresh_the_screen_and_check_the_screen_map(
    page: Page, server: PageServer, screens: Screens
) -> None:
    open_page(page, server)
    click(page, "#check")
    page.wait_for("document.querySelector('#check-result').textContent.includes('wrong locator')")
    result = text(page, "#check-result")
    assert result.count("0 wrong locators (3 elements on 1 screen(s) checked)") == 2
    assert text(page, "#status") == "screen map: no wrong locator"

    screens.driver("sim-kestrel-android").find_element("id", "btnConsentAcceptAll").click()
    click(page, "#refresh")
    page.wait_for("[...document.querySelectorAll('#tree li')].some(li => li.textContent.includes('Sign in'))",
                  what="the sign-in screen after Refresh")
    titles = page.evaluate("[...document.querySelectorAll('#tree li')].map(li => li.textContent.trim())")
    assert 'Button "Sign in"' in titles and 'Button "Accept all"' not in titles


def request(server: PageServer, path: str, method: str = "GET", **headers: str) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(server.url.rstrip("/") + path, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_server_answers_its_own_page_only(server: PageServer) -> None:
    status, headers, body = request(server, "/")
    assert status == 200 and b"<title>harness inspect</title>" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"] and headers["X-Frame-Options"] == "DENY"
    origin = server.url.rstrip("/")
    assert request(server, "/api/check", "POST", Origin=origin)[0] == 200
    refused = [
        request(server, "/api/refresh", "POST", Origin="http://evil.example"),
        request(server, "/api/screens", Origin="null"),
        request(server, "/api/screens", Host="evil.example"),  # a DNS-rebound name
        request(server, "/api/refresh", "POST", **{"Sec-Fetch-Site": "cross-site"}),
    ]
    assert [(status, body.decode()) for status, _, body in refused] == [
        (403, "Origin 'http://evil.example' is not this page"),
        (403, "Origin 'null' is not this page"),
        (403, "Host 'evil.example' is not this server"),
        (403, "cross-site request"),
    ]


def test_only_loopback_addresses_are_served(screens: Screens, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(NotLoopback):
        PageServer(screens.inspector(DEVICES[0]), host="0.0.0.0")
    code = main(["inspect", "--device", DEVICES[0], "--serve", "--host", "192.168.1.2"])
    assert code == 2
    assert "192.168.1.2 is not a loopback address" in capsys.readouterr().err
