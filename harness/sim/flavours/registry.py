"""The flavours by the platform key SimServer and `harness sim` take: the one place that lists them."""

from __future__ import annotations

from harness.sim.flavours.base import Flavour
from harness.sim.flavours.uiautomator2 import UiAutomator2
from harness.sim.flavours.xcuitest import XCUITest

FLAVOURS: dict[str, Flavour] = {f.platform: f for f in (UiAutomator2(), XCUITest())}


def flavour_for(platform: str) -> Flavour:
    try:
        return FLAVOURS[platform]
    except KeyError:
        known = " or ".join(repr(p) for p in FLAVOURS)
        raise ValueError(f"platform must be {known}, not {platform!r}") from None
