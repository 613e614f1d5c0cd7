"""The `mobile:` methods of the simulated UiAutomator2: their handlers and the driver's argument lists.

Units as the driver has them: percent is a fraction of the gesture area, coordinates and areas are
pixels, durations milliseconds.
"""

from __future__ import annotations

import math
from typing import Any

from harness.drivers import automation_name
from harness.sim import handlers
from harness.sim.errors import WebDriverError, invalid_argument
from harness.sim.flavours import uiautomator2_device as device
from harness.sim.flavours.uiautomator2_device import LAUNCHER_ACTIVITY, LAUNCHER_PACKAGE
from harness.sim.geometry import Rect
from harness.sim.methods import Catalogue, Method, direction, element_id, number, text
from harness.sim.session import Session

# Methods the real driver has that the simulated device does not model: named in errors so a user
# knows the script is right but needs a real device.
REAL_ONLY = frozenset(
    [
        "batteryInfo",
        "bluetooth",
        "broadcast",
        "changePermissions",
        "deleteFile",
        "deviceidle",
        "dragGesture",
        "execEmuConsoleCommand",
        "fingerprint",
        "getActionHistory",
        "getAppStrings",
        "getChromeCapabilities",
        "getClipboard",
        "getConnectivity",
        "getDeclaredOrientation",
        "getDeviceTime",
        "getDisplayDensity",
        "getGeolocation",
        "getNotifications",
        "getPerformanceData",
        "getPerformanceDataTypes",
        "getPermissions",
        "getSystemBars",
        "getUiMode",
        "gsmCall",
        "gsmSignal",
        "gsmVoice",
        "injectEmulatorCameraImage",
        "installApp",
        "installMultipleApks",
        "isGpsEnabled",
        "isLocked",
        "isMediaProjectionRecordingRunning",
        "listDisplays",
        "listSms",
        "listWindows",
        "lock",
        "networkSpeed",
        "nfc",
        "openNotifications",
        "performEditorAction",
        "pinchCloseGesture",
        "pinchOpenGesture",
        "powerAc",
        "powerCapacity",
        "pullFile",
        "pullFolder",
        "pushFile",
        "refreshGpsCache",
        "removeApp",
        "resetAccessibilityCache",
        "resetGeolocation",
        "scheduleAction",
        "screenshots",
        "scrollBackTo",
        "sendSms",
        "sendTrimMemory",
        "sensorSet",
        "setClipboard",
        "setConnectivity",
        "setGeolocation",
        "setStylusHandwriting",
        "setUiMode",
        "shell",
        "startActivity",
        "startLogsBroadcast",
        "startMediaProjectionRecording",
        "startScreenStreaming",
        "startService",
        "statusBar",
        "stopLogsBroadcast",
        "stopMediaProjectionRecording",
        "stopScreenStreaming",
        "stopService",
        "toggleGps",
        "unlock",
        "unscheduleAction",
        "viewportElementRect",
        "viewportScreenshot",
    ]
)


SIDES = ("left", "top", "width", "height")


def finite(value: Any) -> bool:
    """JavaScript's Number.isFinite: a real number, not a numeric string or a boolean."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def as_the_driver_sends(params: dict[str, Any]) -> dict[str, Any]:
    """The driver forwards x/y only when both are finite numbers, and an area only when all four are."""
    out = dict(params)
    if not (finite(out.get("x")) and finite(out.get("y"))):
        out.pop("x", None)
        out.pop("y", None)
    if not all(finite(out.get(side)) for side in SIDES):
        for side in SIDES:
            out.pop(side, None)
    return out


def area(s: Session, params: dict[str, Any]) -> Rect:
    """The gesture area (logical units): the element, or left/top/width/height in pixels."""
    params = as_the_driver_sends(params)
    if params.get("elementId") is not None:
        return s.element_area(element_id(params["elementId"]))
    if all(side in params for side in SIDES):
        left, top, width, height = (number(params, p) for p in SIDES)
        if width <= 0 or height <= 0:
            raise invalid_argument("The gesture area must have a positive width and height")
        scale = s.geometry.coordinate_scale
        return Rect(left / scale, top / scale, width / scale, height / scale)
    raise invalid_argument("Either elementId or the area (left, top, width, height) must be provided")


def _scroll_gesture(s: Session, p: dict[str, Any]) -> bool:
    d, percent = direction(p), number(p, "percent", positive=True)
    box = area(s, p)
    if d in ("left", "right"):
        return False
    sign = 1 if d == "down" else -1
    s.scroll_in(box, sign * percent * box.h)
    return s.runtime.can_scroll(sign)


def _swipe_gesture(s: Session, p: dict[str, Any]) -> None:
    d, percent = direction(p), number(p, "percent", positive=True)
    box = area(s, p)
    if d in ("up", "down"):
        s.scroll_in(box, (1 if d == "up" else -1) * percent * box.h)


def _fling_gesture(s: Session, p: dict[str, Any]) -> bool:
    d = direction(p)
    box = area(s, p)
    if d in ("left", "right"):
        return False
    sign = 1 if d == "down" else -1
    s.scroll_in(box, sign * 2.5 * box.h)
    return s.runtime.can_scroll(sign)


def _click_gesture(s: Session, p: dict[str, Any]) -> None:
    s.tap_at(*handlers.point(s, as_the_driver_sends(p), need=True))


def _double_click_gesture(s: Session, p: dict[str, Any]) -> None:
    x, y = handlers.point(s, as_the_driver_sends(p), need=True)
    s.tap_at(x, y)
    s.tap_at(x, y)


def _long_click_gesture(s: Session, p: dict[str, Any]) -> None:
    if "duration" in p:
        number(p, "duration", minimum=0)
    s.long_press_at(*handlers.point(s, as_the_driver_sends(p), need=True))


def _scroll(s: Session, p: dict[str, Any]) -> None:
    strategy, selector = text(p, "strategy"), text(p, "selector")
    allowed = ("accessibility id", "class name", "id", "-android uiautomator")
    if strategy not in allowed:
        raise invalid_argument(
            f"Strategy '{strategy}' is not supported by 'mobile: scroll'; use one of {', '.join(allowed)}"
        )
    swipes = int(number(p, "maxSwipes", 30, minimum=0))
    for _ in range(swipes + 1):
        if s.find_nodes(strategy, selector):
            return
        if not s.runtime.scroll_by(0.8 * s.content_height()):
            break
    raise WebDriverError(
        "no such element", f"Could not scroll to an element matching {strategy}={selector!r}"
    )


def _alert(accept: bool) -> Any:
    def handle(s: Session, p: dict[str, Any]) -> None:
        s.press_alert_button("positive" if accept else "negative", p.get("buttonLabel"))

    return handle


def _press_key(s: Session, p: dict[str, Any]) -> None:
    code = p.get("keycode")
    if isinstance(code, bool) or not isinstance(code, int):
        raise invalid_argument(f"'keycode' must be an integer Android key code, got {code!r}")
    if code == 4:
        s.runtime.back()
    elif code in (3, 187):
        s.runtime.to_background()
    elif code == 67:
        s.delete_char()


def _current_package(s: Session, p: dict[str, Any]) -> str:
    return s.runtime.app_id if s.runtime.running_in_foreground else LAUNCHER_PACKAGE


def _current_activity(s: Session, p: dict[str, Any]) -> str:
    rt = s.runtime
    return rt.model.android.activity if rt.running_in_foreground else LAUNCHER_ACTIVITY


def _list_apps(s: Session, p: dict[str, Any]) -> dict[str, Any]:
    """`cmd package list packages --show-versioncode`, as the driver shapes it."""
    apps = {s.runtime.app_id: s.model.build, LAUNCHER_PACKAGE: 1}
    return {package: {"packageName": package, "versionCode": code} for package, code in apps.items()}


def _app(key: str, p: dict[str, Any]) -> str:
    return text(p, key)


METHODS: dict[str, Method[Session]] = {
    "mobile: scrollGesture": Method(
        _scroll_gesture, ("direction", "percent"), ("elementId", "left", "top", "width", "height", "speed")
    ),
    "mobile: swipeGesture": Method(
        _swipe_gesture, ("direction", "percent"), ("elementId", "left", "top", "width", "height", "speed")
    ),
    "mobile: flingGesture": Method(
        _fling_gesture, ("direction",), ("elementId", "left", "top", "width", "height", "speed")
    ),
    "mobile: clickGesture": Method(_click_gesture, (), ("elementId", "x", "y")),
    "mobile: doubleClickGesture": Method(_double_click_gesture, (), ("elementId", "x", "y")),
    "mobile: longClickGesture": Method(_long_click_gesture, (), ("elementId", "x", "y", "duration")),
    "mobile: scroll": Method(_scroll, ("strategy", "selector"), ("elementId", "maxSwipes")),
    "mobile: activateApp": Method(
        lambda s, p: handlers.activate(s, _app("appId", p)), ("appId",), tolerated=("bundleId",)
    ),
    "mobile: terminateApp": Method(
        lambda s, p: handlers.terminate(s, _app("appId", p)),
        ("appId",),
        ("timeout",),
        tolerated=("bundleId",),
    ),
    "mobile: clearApp": Method(
        lambda s, p: handlers.clear(s, _app("appId", p)), ("appId",), tolerated=("bundleId",)
    ),
    "mobile: queryAppState": Method(
        lambda s, p: handlers.query_state(s, _app("appId", p)), ("appId",), tolerated=("bundleId",)
    ),
    "mobile: isAppInstalled": Method(
        lambda s, p: handlers.installed(s, _app("appId", p)), ("appId",), ("user",), tolerated=("bundleId",)
    ),
    "mobile: backgroundApp": Method(handlers.background, (), ("seconds",)),
    "mobile: deepLink": Method(
        lambda s, p: handlers.deep_link(s, p, "package"), ("url",), ("package", "waitForLaunch")
    ),
    "mobile: acceptAlert": Method(_alert(True), (), ("buttonLabel",)),
    "mobile: dismissAlert": Method(_alert(False), (), ("buttonLabel",)),
    "mobile: hideKeyboard": Method(lambda s, p: s.runtime.hide_keyboard(), tolerated=("keys",)),
    "mobile: isKeyboardShown": Method(lambda s, p: s.runtime.keyboard),
    "mobile: pressKey": Method(_press_key, ("keycode",), ("metastate", "flags", "isLongPress", "source")),
    "mobile: type": Method(lambda s, p: s.type_into_focused(text(p, "text")), ("text",)),
    "mobile: replaceElementValue": Method(
        lambda s, p: s.set_value(element_id(p["elementId"]), text(p, "text"), replace=True),
        ("elementId", "text"),
    ),
    "mobile: getCurrentPackage": Method(_current_package),
    "mobile: getCurrentActivity": Method(_current_activity),
    "mobile: getContexts": Method(lambda s, p: s.contexts(), (), ("waitForWebviewMs",)),
    "mobile: viewportRect": Method(handlers.viewport_rect),
    "mobile: deviceInfo": Method(lambda s, p: device.device_info()),
    "mobile: listApps": Method(_list_apps, (), ("user",)),
}
CATALOGUE = Catalogue(automation_name("android"), "AndroidUiautomator2Driver", METHODS, REAL_ONLY)
