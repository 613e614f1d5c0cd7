"""The platforms a scenario runs on and the Appium driver that automates each: one table for every layer.

`android` and `ios` run an app (UiAutomator2, XCUITest; the simulated device has one flavour of each).
`web` runs a page in a browser: Chrome on an Android phone and Safari on an iPhone go through those same
two drivers (`browserName`), a Chromium on this machine through Appium's Chromium driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Platform = Literal["android", "ios", "web"]
PLATFORMS: tuple[Platform, ...] = ("android", "ios", "web")
APP_PLATFORMS: tuple[Platform, ...] = ("android", "ios")  # an app on a phone (the sim's flavours)
WEB_PLATFORMS: tuple[Platform, ...] = ("web",)  # a page in a browser

# app platform -> `appium:automationName` of its driver (UiAutomator2 on Android, XCUITest on iOS)
AUTOMATION_NAMES: dict[Platform, str] = {"android": "UiAutomator2", "ios": "XCUITest"}
CHROMIUM = "Chromium"  # appium-chromium-driver: a desktop Chromium / Chrome


@dataclass(frozen=True)
class Browser:
    """A browser a `web` device profile runs scenarios in, and the session that reaches it."""

    browser_name: str  # the W3C browserName its driver expects
    automation_name: str
    platform_name: str | None  # the W3C platformName; None: this machine's (linux, mac, windows)
    device: Platform | None  # the phone it runs on (android, ios); None: this machine
    chromedriver: bool  # its driver runs a chromedriver on this machine (one port per session)


BROWSERS: dict[str, Browser] = {
    "chrome": Browser("Chrome", AUTOMATION_NAMES["android"], "Android", "android", True),
    "safari": Browser("Safari", AUTOMATION_NAMES["ios"], "iOS", "ios", False),
    "chromium": Browser("chrome", CHROMIUM, None, None, True),  # chromedriver answers to "chrome" only
}
DRIVER_NAMES: frozenset[str] = frozenset({*AUTOMATION_NAMES.values(), CHROMIUM})


def automation_name(platform: str) -> str:
    """The driver a session of the app platform `platform` asks for by default."""
    return AUTOMATION_NAMES[platform]  # type: ignore[index]


def platforms_of(web: bool) -> tuple[Platform, ...]:
    """The platforms a scenario runs on: a page (`url:`) in a browser, else an app on a phone."""
    return WEB_PLATFORMS if web else APP_PLATFORMS
