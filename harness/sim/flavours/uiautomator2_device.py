"""The simulated Android phone: its screen and the facts UiAutomator2 reports about it.

What the UiAutomator2 server answers to GET /appium/device/info (`mobile: deviceInfo`), and what the
driver copies from it into the new session's capabilities (deviceApiLevel, deviceModel, ...).
"""

from __future__ import annotations

from typing import Any

from harness.sim.geometry import Geometry

# a 1080x2400 px phone at 2.75 density (Pixel 7 class); W3C coordinates and bounds are pixels
GEOMETRY = Geometry(
    width=1080 / 2.75,
    height=2400 / 2.75,
    scale=2.75,
    coordinate_scale=2.75,
    status_bar=24,
    bottom_inset=16,
    nav_bar=0,
    keyboard_height=280,
    dialog_width=312,
    stack_dialog_buttons_over=None,
)
LAUNCHER_PACKAGE = "com.google.android.apps.nexuslauncher"
LAUNCHER_ACTIVITY = ".NexusLauncherActivity"
UDID = "emulator-5554"  # what adb calls the device when the session names none
PLATFORM_VERSION = "14"
API_LEVEL = 34
MANUFACTURER = "Google"
BRAND = "google"
MODEL = "Pixel 7 (simulated)"
DENSITY = round(160 * GEOMETRY.scale)  # dpi


def screen_size() -> str:
    w, h = GEOMETRY.pixel_size
    return f"{w}x{h}"


def status_bar_px() -> int:
    return round(GEOMETRY.status_bar * GEOMETRY.scale)


def device_info() -> dict[str, Any]:
    """The UiAutomator2 server's DeviceInfoModel, field by field."""
    return {
        "androidId": "5a1b2c3d4e5f6071",
        "apiVersion": str(API_LEVEL),
        "bluetooth": {"state": "OFF"},
        "brand": BRAND,
        "carrierName": "",
        "displayDensity": DENSITY,
        "locale": "en_US",
        "manufacturer": MANUFACTURER,
        "model": MODEL,
        "networks": [],
        "platformVersion": PLATFORM_VERSION,
        "realDisplaySize": screen_size(),
        "timeZone": "Etc/UTC",
    }


def session_details(udid: str) -> dict[str, Any]:
    """What the driver adds to the requested capabilities once the device is up (getDeviceDetails)."""
    w, h = GEOMETRY.pixel_size
    top = status_bar_px()
    return {
        "deviceName": udid,
        "deviceUDID": udid,
        "pixelRatio": GEOMETRY.scale,
        "statBarHeight": top,
        "viewportRect": {"left": 0, "top": top, "width": w, "height": h - top},
        "deviceApiLevel": API_LEVEL,
        "platformVersion": PLATFORM_VERSION,
        "deviceManufacturer": MANUFACTURER,
        "deviceModel": MODEL,
        "deviceScreenSize": screen_size(),
        "deviceScreenDensity": DENSITY,
    }
