"""The simulated iPhone: its screen and the facts XCUITest reports about it.

What WebDriverAgent answers to GET /wda/device/info (`mobile: deviceInfo`), and the udid and
platformVersion the driver puts into the new session's capabilities.
"""

from __future__ import annotations

from typing import Any

from harness.sim.geometry import Geometry

# iPhone 14: 390x844 points at 3x; W3C coordinates are points, screenshots are 1170x2532 px
GEOMETRY = Geometry(
    width=390,
    height=844,
    scale=3.0,
    coordinate_scale=1.0,
    status_bar=47,
    bottom_inset=34,
    nav_bar=44,
    keyboard_height=291,
    dialog_width=270,
    stack_dialog_buttons_over=2,
)
SPRINGBOARD = ("com.apple.springboard", "SpringBoard")  # bundle id, name of the home screen
UDID = "5F3C2E8A-7B41-4C0D-9E62-1A2B3C4D5E6F"  # a simulator UUID, when the session names none
PLATFORM_VERSION = "17.5"
NAME = "iPhone 14 (simulated)"


def device_info(udid: str) -> dict[str, Any]:
    """WebDriverAgent's device info, field by field (a simulator: no lockdown info)."""
    return {
        "currentLocale": "en_US",
        "timeZone": "Etc/UTC",
        "name": NAME,
        "model": "iPhone",
        "uuid": udid,
        "userInterfaceIdiom": 0,  # UIUserInterfaceIdiomPhone
        "userInterfaceStyle": "light",
        "isSimulator": True,
        "thermalState": 0,
    }
