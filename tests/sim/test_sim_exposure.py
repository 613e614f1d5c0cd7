"""Not drivable by a web page: requests with an Origin header and POSTs that are not JSON are refused."""

from __future__ import annotations

import http.client
import json

import pytest

CAPS = {
    "capabilities": {
        "alwaysMatch": {
            "platformName": "Android",
            "appium:automationName": "UiAutomator2",
            "appium:appPackage": "com.netflix.mediaclient",
        }
    }
}


def post(server, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def request(server, method: str, path: str, headers: dict[str, str]) -> tuple[int, dict]:
    connection = http.client.HTTPConnection(server.host, server.port, timeout=10)
    try:
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("content_type", "origin", "status", "error"),
    [
        ("text/plain", "https://evil.example", 403, "unknown error"),  # what a page's fetch() can send
        ("application/json", "https://evil.example", 403, "unknown error"),
        ("text/plain", None, 400, "invalid argument"),
        ("application/x-www-form-urlencoded", None, 400, "invalid argument"),
        (None, None, 400, "invalid argument"),
    ],
)
def test_a_page_cannot_create_a_session(servers, content_type, origin, status, error):
    server = servers["android"]
    before = set(server.sessions)
    headers = {k: v for k, v in (("Content-Type", content_type), ("Origin", origin)) if v is not None}
    code, reply = post(server, "/session", json.dumps(CAPS).encode(), headers)
    assert (code, reply["value"]["error"]) == (status, error)
    assert set(server.sessions) == before  # no session was made
    if origin:
        assert "Origin" in reply["value"]["message"]
    else:
        assert "application/json" in reply["value"]["message"]


def test_unparsable_json_is_refused(servers):
    code, reply = post(servers["ios"], "/session", b"{not json", {"Content-Type": "application/json"})
    assert (code, reply["value"]["error"]) == (400, "invalid argument")


def test_reads_and_preflights_from_a_page_are_refused(servers):
    server = servers["android"]
    for method in ("GET", "OPTIONS", "DELETE"):
        code, reply = request(server, method, "/status", {"Origin": "http://localhost:8000"})
        assert (code, reply["value"]["error"]) == (403, "unknown error"), method


def test_a_webdriver_client_still_works(session, platform):
    driver = session(platform)  # Appium-Python-Client: JSON bodies, no Origin
    assert driver.execute_script("mobile: isKeyboardShown") is False
    assert driver.page_source.startswith("<?xml")
