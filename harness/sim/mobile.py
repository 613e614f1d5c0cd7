"""`mobile:` execute methods of both drivers: their argument lists (checked like Appium does) and effects.

Argument names, required/optional split and value units follow the drivers' execute-method maps
(UiAutomator2: percent is a fraction of the area, durations in ms; XCUITest: durations in seconds,
`mobile: swipe` names the finger direction, `mobile: scroll` the content direction).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from harness.errors import suggest
from harness.sim.errors import WebDriverError, invalid_argument
from harness.sim.geometry import Rect
from harness.sim.runtime import AppState, DeepLinkError

if TYPE_CHECKING:
    from harness.sim.session import Session

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
DIRECTIONS = ("up", "down", "left", "right")
Handler = Callable[["Session", dict[str, Any]], Any]


@dataclass(frozen=True)
class Method:
    handler: Handler
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # not the driver's arguments, but sent by Appium-Python-Client's cross-platform helpers
    # (`terminate_app` sends appId and bundleId, `hide_keyboard(key_name)` sends keys): the driver
    # ignores them, so they are dropped quietly instead of refused
    tolerated: tuple[str, ...] = ()


# Methods the real drivers have that the simulated device does not model: named in errors so a user
# knows the script is right but needs a real device.
REAL_ONLY = {
    "android": [
        "shell",
        "execEmuConsoleCommand",
        "dragGesture",
        "pinchCloseGesture",
        "pinchOpenGesture",
        "scrollBackTo",
        "viewportScreenshot",
        "startLogsBroadcast",
        "stopLogsBroadcast",
        "deviceidle",
        "batteryInfo",
        "getDeviceTime",
        "changePermissions",
        "getPermissions",
        "performEditorAction",
        "startScreenStreaming",
        "stopScreenStreaming",
        "getNotifications",
        "openNotifications",
        "listSms",
        "pushFile",
        "pullFile",
        "pullFolder",
        "deleteFile",
        "removeApp",
        "installApp",
        "startActivity",
        "startService",
        "stopService",
        "broadcast",
        "getAppStrings",
        "installMultipleApks",
        "lock",
        "unlock",
        "isLocked",
        "refreshGpsCache",
        "startMediaProjectionRecording",
        "isMediaProjectionRecordingRunning",
        "stopMediaProjectionRecording",
        "getConnectivity",
        "setConnectivity",
        "toggleGps",
        "isGpsEnabled",
        "getDisplayDensity",
        "getSystemBars",
        "fingerprint",
        "sendSms",
        "gsmCall",
        "gsmSignal",
        "gsmVoice",
        "powerAc",
        "powerCapacity",
        "networkSpeed",
        "sensorSet",
        "getPerformanceData",
        "getPerformanceDataTypes",
        "statusBar",
        "screenshots",
        "scheduleAction",
        "getActionHistory",
        "unscheduleAction",
        "getUiMode",
        "setUiMode",
        "sendTrimMemory",
        "injectEmulatorCameraImage",
    ],
    "ios": [
        "selectPickerWheelValue",
        "sendMemoryWarning",
        "pinch",
        "twoFingerTap",
        "tapWithNumberOfTaps",
        "dragFromToForDuration",
        "rotateElement",
        "dragFromToWithVelocity",
        "forcePress",
        "setPasteboard",
        "getPasteboard",
        "source",
        "getAppStrings",
        "installApp",
        "removeApp",
        "listApps",
        "viewportScreenshot",
        "startPerfRecord",
        "stopPerfRecord",
        "installCertificate",
        "removeCertificate",
        "listCertificates",
        "startLogsBroadcast",
        "stopLogsBroadcast",
        "batteryInfo",
        "performAccessibilityAudit",
        "deviceInfo",
        "getDeviceTime",
        "enrollBiometric",
        "sendBiometricMatch",
        "isBiometricEnrolled",
        "clearKeychains",
        "getPermission",
        "setPermission",
        "resetPermission",
        "getAppearance",
        "setAppearance",
        "getClipboard",
        "setClipboard",
        "siriCommand",
        "pushFile",
        "pullFile",
        "pullFolder",
        "deleteFile",
        "deleteFolder",
        "runXCTest",
        "installXCTestBundle",
        "listXCTestBundles",
        "listXCTestsInTestBundle",
        "startXCTestScreenRecording",
        "getXCTestScreenRecordingInfo",
        "stopXCTestScreenRecording",
        "pushNotification",
        "expectNotification",
        "performIoHidEvent",
        "configureLocalization",
        "resetLocationService",
        "startPcap",
        "stopPcap",
        "listConditionInducers",
        "enableConditionInducer",
        "disableConditionInducer",
        "updateSafariPreferences",
        "calibrateWebToRealCoordinatesTranslation",
        "keys",
        "setSimulatedLocation",
        "getSimulatedLocation",
        "resetSimulatedLocation",
        "shake",
        "startAudioRecording",
        "stopAudioRecording",
        "lock",
        "unlock",
        "isLocked",
        "simctl",
    ],
}


def execute(session: Session, script: str, args: list[Any]) -> Any:
    """POST /execute/sync with a `mobile:` script, validated like Appium's executeMethod."""
    methods = ANDROID if session.platform == "android" else IOS
    name = " ".join(script.split()) if script.strip().startswith("mobile:") else script
    if not name.startswith("mobile:"):
        raise WebDriverError(
            "unsupported operation",
            "The simulated device runs native apps: only 'mobile: <method>' scripts can be executed "
            "(JavaScript needs a WEBVIEW context on a real device)",
        )
    name = "mobile: " + name[len("mobile:") :].strip()
    method = methods.get(name)
    if method is None:
        available = sorted(methods)
        short = name[len("mobile: ") :]
        if short in REAL_ONLY[session.platform]:
            raise WebDriverError(
                "unsupported operation",
                f"'{name}' exists in the real {session.flavour_name} driver but the simulated device "
                f"does not model it. Simulated methods: {', '.join(available)}",
            )
        raise WebDriverError(
            "unsupported operation",
            f"Unsupported execute method '{name}'{suggest(name, available)}. Execute methods available in "
            f"{session.flavour_name} (simulated): {', '.join(available)}",
        )
    if not isinstance(args, list) or len(args) > 1:
        raise invalid_argument(
            "Did not get correct format of arguments for execute method. Expected zero or one arguments to "
            f"execute script and instead received: {args!r}"
        )
    params = args[0] if args else {}
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise invalid_argument(
            "Did not receive an appropriate execute method parameters object. It needs to "
            "be deserializable as a plain JS object"
        )
    check_params(name, method, params, strict=session.strict_arguments)
    return method.handler(session, params)


def check_params(name: str, method: Method, params: dict[str, Any], strict: bool) -> None:
    accepted = (
        f"It accepts required: [{', '.join(method.required)}], optional: [{', '.join(method.optional)}]"
    )
    missing = [p for p in method.required if p not in params]
    if missing:
        raise invalid_argument(
            f"Parameters were incorrect for '{name}': missing "
            f"{', '.join(repr(m) for m in missing)}. {accepted}"
        )
    known = set(method.required) | set(method.optional)
    for p in method.tolerated:
        params.pop(p, None)
    unknown = [p for p in params if p not in known]
    if unknown and strict:
        hints = "".join(suggest(u, known) for u in unknown)
        raise invalid_argument(
            f"'{name}' does not take {', '.join(repr(u) for u in unknown)}{hints}. {accepted}. "
            "(A real driver ignores unknown arguments with only a log line; the simulated device refuses "
            "them so a typo cannot pass silently. Capability 'harness:strictArguments': false ignores "
            "them too.)"
        )
    for p in unknown:
        params.pop(p)


# ---- argument helpers ---------------------------------------------------------------------------------
def element_id(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get(ELEMENT_KEY, value.get("ELEMENT"))
    if not isinstance(value, str) or not value:
        raise invalid_argument(f"elementId must be an element id string, got {value!r}")
    return value


def number(
    params: dict[str, Any],
    name: str,
    default: float | None = None,
    *,
    positive: bool = False,
    minimum: float | None = None,
) -> float:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise invalid_argument(f"'{name}' must be a number, got {value!r}")
    if positive and value <= 0:
        raise invalid_argument(f"'{name}' must be greater than zero, got {value!r}")
    if minimum is not None and value < minimum:
        raise invalid_argument(f"'{name}' must not be less than {minimum}, got {value!r}")
    return float(value)


def text(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if not isinstance(value, str):
        raise invalid_argument(f"'{name}' must be a string, got {value!r}")
    return value


def direction(params: dict[str, Any]) -> str:
    value = params.get("direction")
    if not isinstance(value, str) or value.lower() not in DIRECTIONS:
        raise invalid_argument(f"Direction must be one of {', '.join(DIRECTIONS)}; got {value!r}")
    return value.lower()


def android_area(s: Session, params: dict[str, Any]) -> Rect:
    """The gesture area (logical units): the element, or left/top/width/height in pixels."""
    sides = ("left", "top", "width", "height")
    if params.get("elementId") is not None:
        return s.element_area(element_id(params["elementId"]))
    given = [p for p in sides if p in params]
    if len(given) == 4:
        left, top, width, height = (number(params, p) for p in sides)
        if width <= 0 or height <= 0:
            raise invalid_argument("The gesture area must have a positive width and height")
        scale = s.geometry.scale
        return Rect(left / scale, top / scale, width / scale, height / scale)
    if given:
        missing = [p for p in sides if p not in params]
        raise invalid_argument(
            f"The gesture area needs all of left, top, width and height (missing "
            f"{', '.join(missing)}), or an elementId"
        )
    raise invalid_argument("Either elementId or the area (left, top, width, height) must be provided")


def point(s: Session, params: dict[str, Any], *, need: bool) -> tuple[float, float]:
    """elementId and/or x, y: x/y are offsets from the element's top-left corner when both are given."""
    has_xy = "x" in params and "y" in params
    if params.get("elementId") is not None:
        area = s.element_area(element_id(params["elementId"]), visible_part=not has_xy)
        if has_xy:
            return area.x + s.to_logical(number(params, "x")), area.y + s.to_logical(number(params, "y"))
        return area.center
    if has_xy:
        return s.to_logical(number(params, "x")), s.to_logical(number(params, "y"))
    if need:
        raise invalid_argument("Either elementId or both x and y must be provided")
    return s.geometry.width / 2, s.geometry.height / 2


# ---- Android ---------------------------------------------------------------------------------------------
def _scroll_gesture(s: Session, p: dict[str, Any]) -> bool:
    d, percent = direction(p), number(p, "percent", positive=True)
    area = android_area(s, p)
    if d in ("left", "right"):
        return False
    sign = 1 if d == "down" else -1
    s.scroll_in(area, sign * percent * area.h)
    return s.runtime.can_scroll(sign)


def _swipe_gesture(s: Session, p: dict[str, Any]) -> None:
    d, percent = direction(p), number(p, "percent", positive=True)
    area = android_area(s, p)
    if d in ("up", "down"):
        s.scroll_in(area, (1 if d == "up" else -1) * percent * area.h)


def _fling_gesture(s: Session, p: dict[str, Any]) -> bool:
    d = direction(p)
    area = android_area(s, p)
    if d in ("left", "right"):
        return False
    sign = 1 if d == "down" else -1
    s.scroll_in(area, sign * 2.5 * area.h)
    return s.runtime.can_scroll(sign)


def _click_gesture(s: Session, p: dict[str, Any]) -> None:
    s.tap_at(*point(s, p, need=True))


def _double_click_gesture(s: Session, p: dict[str, Any]) -> None:
    x, y = point(s, p, need=True)
    s.tap_at(x, y)
    s.tap_at(x, y)


def _long_click_gesture(s: Session, p: dict[str, Any]) -> None:
    if "duration" in p:
        number(p, "duration", minimum=0)
    s.long_press_at(*point(s, p, need=True))


def _android_scroll(s: Session, p: dict[str, Any]) -> None:
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


def _app_id(s: Session, p: dict[str, Any], key: str) -> str:
    return text(p, key)


def _activate(s: Session, p: dict[str, Any], key: str) -> None:
    app = _app_id(s, p, key)
    if app != s.runtime.app_id:
        raise WebDriverError(
            "unknown error",
            f"The application '{app}' is not installed on the simulated device (it has {s.runtime.app_id})",
        )
    s.runtime.activate()


def _terminate(s: Session, p: dict[str, Any], key: str) -> bool:
    return _app_id(s, p, key) == s.runtime.app_id and s.runtime.terminate()


def _clear(s: Session, p: dict[str, Any], key: str) -> bool:
    app = _app_id(s, p, key)
    if app != s.runtime.app_id:
        raise WebDriverError("unknown error", f"Cannot clear the data of '{app}': it is not installed")
    s.runtime.clear_data()
    return True


def _query(s: Session, p: dict[str, Any], key: str) -> int:
    app = _app_id(s, p, key)
    return int(s.runtime.process) if app == s.runtime.app_id else int(AppState.NOT_INSTALLED)


def _installed(s: Session, p: dict[str, Any], key: str) -> bool:
    return _app_id(s, p, key) == s.runtime.app_id


def _deep_link(s: Session, p: dict[str, Any], key: str) -> None:
    url = text(p, "url")
    app = p.get(key)
    if app is not None and app != s.runtime.app_id:
        raise WebDriverError(
            "unknown error", f"The application '{app}' is not installed on the simulated device"
        )
    try:
        s.runtime.deep_link(url)
    except DeepLinkError as exc:
        raise WebDriverError("unknown error", str(exc)) from None


def _android_alert(accept: bool) -> Handler:
    def handle(s: Session, p: dict[str, Any]) -> None:
        s.press_alert_button("positive" if accept else "negative", p.get("buttonLabel"))

    return handle


def _hide_keyboard(s: Session, p: dict[str, Any]) -> bool:
    return s.runtime.hide_keyboard()


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


def _background(s: Session, p: dict[str, Any]) -> None:
    seconds = p.get("seconds")
    s.runtime.to_background()
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds >= 0:
        s.runtime.activate()


def _type(s: Session, p: dict[str, Any]) -> None:
    s.type_into_focused(text(p, "text"))


def _replace_value(s: Session, p: dict[str, Any]) -> None:
    s.set_value(element_id(p["elementId"]), text(p, "text"), replace=True)


def _viewport_rect(s: Session, p: dict[str, Any]) -> dict[str, int]:
    g = s.geometry
    top = round(g.status_bar * g.scale)
    return {
        "left": 0,
        "top": top,
        "width": round(g.width * g.scale),
        "height": round(g.height * g.scale) - top,
    }


ANDROID: dict[str, Method] = {
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
    "mobile: scroll": Method(
        _android_scroll, ("strategy", "selector"), ("elementId", "maxSwipes", "element")
    ),
    "mobile: activateApp": Method(lambda s, p: _activate(s, p, "appId"), ("appId",), tolerated=("bundleId",)),
    "mobile: terminateApp": Method(
        lambda s, p: _terminate(s, p, "appId"), ("appId",), ("timeout",), tolerated=("bundleId",)
    ),
    "mobile: clearApp": Method(lambda s, p: _clear(s, p, "appId"), ("appId",), tolerated=("bundleId",)),
    "mobile: queryAppState": Method(lambda s, p: _query(s, p, "appId"), ("appId",), tolerated=("bundleId",)),
    "mobile: isAppInstalled": Method(
        lambda s, p: _installed(s, p, "appId"), ("appId",), tolerated=("bundleId",)
    ),
    "mobile: backgroundApp": Method(_background, (), ("seconds",)),
    "mobile: deepLink": Method(
        lambda s, p: _deep_link(s, p, "package"), ("url", "package"), ("waitForLaunch",)
    ),
    "mobile: acceptAlert": Method(_android_alert(True), (), ("buttonLabel",)),
    "mobile: dismissAlert": Method(_android_alert(False), (), ("buttonLabel",)),
    "mobile: hideKeyboard": Method(_hide_keyboard, tolerated=("keys",)),
    "mobile: isKeyboardShown": Method(lambda s, p: s.runtime.keyboard),
    "mobile: pressKey": Method(_press_key, ("keycode",), ("metastate", "flags", "isLongPress")),
    "mobile: type": Method(_type, ("text",)),
    "mobile: replaceElementValue": Method(_replace_value, ("elementId", "text")),
    "mobile: getCurrentPackage": Method(lambda s, p: s.current_package()),
    "mobile: getCurrentActivity": Method(lambda s, p: s.current_activity()),
    "mobile: getContexts": Method(lambda s, p: s.contexts(), (), ("waitForWebviewMs",)),
    "mobile: viewportRect": Method(_viewport_rect),
    "mobile: deviceInfo": Method(
        lambda s, p: {
            "platformVersion": "14",
            "model": "Simulated Android",
            "realDisplaySize": "1080x2400",
            "displayDensity": 440,
        }
    ),
}


# ---- iOS -------------------------------------------------------------------------------------------------
def _ios_swipe(s: Session, p: dict[str, Any]) -> None:
    d = direction(p)
    if "velocity" in p:
        number(p, "velocity", positive=True)
    area = s.element_area(element_id(p["elementId"])) if p.get("elementId") is not None else s.geometry.screen
    if d in ("up", "down"):  # finger up: content moves up, revealing what is below
        s.scroll_in(area, (1 if d == "up" else -1) * 0.5 * s.content_height())


def _ios_scroll(s: Session, p: dict[str, Any]) -> None:
    strategies = [k for k in ("name", "direction", "predicateString", "toVisible") if k in p]
    if len(strategies) != 1:
        raise invalid_argument(
            "Mobile scroll supports the following strategies: name, direction, predicateString, and "
            "toVisible. "
            + (
                "Specify one of these"
                if not strategies
                else f"Specify only one (got {', '.join(strategies)})"
            )
        )
    how = strategies[0]
    if how == "direction":
        d = direction(p)
        distance = number(p, "distance", 1.0, positive=True)
        if d in ("up", "down"):
            s.runtime.scroll_by((1 if d == "down" else -1) * distance * s.content_height())
        return
    if how == "toVisible":
        if p.get("elementId") is None:
            raise invalid_argument("'toVisible' needs 'elementId' of the element to scroll to")
        s.scroll_into_view(element_id(p["elementId"]))
        return
    using, value = (
        ("accessibility id", text(p, "name"))
        if how == "name"
        else ("-ios predicate string", text(p, "predicateString"))
    )
    found = s.find_nodes(using, value)
    if not found:
        raise WebDriverError(
            "no such element", f"Failed to find an element to scroll to with {how}={value!r}"
        )
    s.scroll_node_into_view(found[0])


def _ios_tap(s: Session, p: dict[str, Any]) -> None:
    s.tap_at(*point(s, p, need=True))


def _ios_double_tap(s: Session, p: dict[str, Any]) -> None:
    x, y = point(s, p, need=False)
    s.tap_at(x, y)
    s.tap_at(x, y)


def _touch_and_hold(s: Session, p: dict[str, Any]) -> None:
    number(p, "duration", minimum=0)
    s.long_press_at(*point(s, p, need=False))


def _ios_launch(s: Session, p: dict[str, Any]) -> None:
    _activate(s, p, "bundleId")


def _ios_alert(s: Session, p: dict[str, Any]) -> Any:
    action = p.get("action")
    if action not in ("accept", "dismiss", "getButtons"):
        raise invalid_argument(
            f"The 'action' value should be one of accept, dismiss, getButtons; got {action!r}"
        )
    if action == "getButtons":
        return s.alert_buttons()
    s.press_alert_button("positive" if action == "accept" else "negative", p.get("buttonLabel"))
    return None


def _press_button(s: Session, p: dict[str, Any]) -> None:
    name = text(p, "name")
    if name.lower() not in ("home", "volumeup", "volumedown"):
        raise invalid_argument(
            f"The button name '{name}' is unknown. Only home, volumeUp and volumeDown are "
            "supported on simulators"
        )
    if "durationSeconds" in p:
        number(p, "durationSeconds", minimum=0)
    if name.lower() == "home":
        s.runtime.to_background()


def _ios_hide_keyboard(s: Session, p: dict[str, Any]) -> None:
    s.runtime.hide_keyboard()


def _active_app(s: Session, p: dict[str, Any]) -> dict[str, Any]:
    running = s.runtime.running_in_foreground
    return {
        "bundleId": s.runtime.app_id if running else "com.apple.springboard",
        "name": s.runtime.app_name if running else "SpringBoard",
        "pid": 4242 if running else 64,
        "processArguments": {},
    }


def _screen_info(s: Session, p: dict[str, Any]) -> dict[str, Any]:
    g = s.geometry
    return {"statusBarSize": {"width": g.width, "height": g.status_bar}, "scale": g.scale}


IOS: dict[str, Method] = {
    "mobile: swipe": Method(_ios_swipe, ("direction",), ("velocity", "elementId")),
    "mobile: scroll": Method(
        _ios_scroll, (), ("name", "direction", "predicateString", "toVisible", "distance", "elementId")
    ),
    "mobile: scrollToElement": Method(
        lambda s, p: s.scroll_into_view(element_id(p["elementId"])), ("elementId",)
    ),
    "mobile: tap": Method(_ios_tap, ("x", "y"), ("elementId",)),
    "mobile: doubleTap": Method(_ios_double_tap, (), ("elementId", "x", "y")),
    "mobile: touchAndHold": Method(_touch_and_hold, ("duration",), ("x", "y", "elementId")),
    "mobile: launchApp": Method(_ios_launch, ("bundleId",), ("arguments", "environment")),
    "mobile: activateApp": Method(
        lambda s, p: _activate(s, p, "bundleId"), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: terminateApp": Method(
        lambda s, p: _terminate(s, p, "bundleId"), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: killApp": Method(lambda s, p: _terminate(s, p, "bundleId"), ("bundleId",)),
    "mobile: clearApp": Method(lambda s, p: _clear(s, p, "bundleId"), ("bundleId",), tolerated=("appId",)),
    "mobile: queryAppState": Method(
        lambda s, p: _query(s, p, "bundleId"), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: isAppInstalled": Method(
        lambda s, p: _installed(s, p, "bundleId"), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: backgroundApp": Method(_background, (), ("seconds",)),
    "mobile: deepLink": Method(lambda s, p: _deep_link(s, p, "bundleId"), ("url",), ("bundleId",)),
    "mobile: alert": Method(_ios_alert, ("action",), ("buttonLabel",)),
    "mobile: hideKeyboard": Method(_ios_hide_keyboard, (), ("keys",)),
    "mobile: isKeyboardShown": Method(lambda s, p: s.runtime.keyboard),
    "mobile: pressButton": Method(_press_button, ("name",), ("durationSeconds",)),
    "mobile: activeAppInfo": Method(_active_app),
    "mobile: deviceScreenInfo": Method(_screen_info),
    "mobile: getContexts": Method(lambda s, p: s.contexts(), (), ("waitForWebviewMs",)),
    "mobile: viewportRect": Method(_viewport_rect),
}
