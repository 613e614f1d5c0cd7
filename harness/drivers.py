"""The two real platforms and the Appium driver that automates each: one table for every layer."""

from __future__ import annotations

from typing import Literal

Platform = Literal["android", "ios"]
PLATFORMS: tuple[Platform, ...] = ("android", "ios")

# platform -> `appium:automationName` of its driver (UiAutomator2 on Android, XCUITest on iOS)
AUTOMATION_NAMES: dict[Platform, str] = {"android": "UiAutomator2", "ios": "XCUITest"}


def automation_name(platform: str) -> str:
    """The driver a session of `platform` asks for by default."""
    return AUTOMATION_NAMES[platform]  # type: ignore[index]
