"""The `mobile:` methods of the simulated XCUITest: their handlers and the driver's argument lists.

Units as the driver has them: coordinates in points, durations in seconds; `mobile: swipe` names the
finger's direction, `mobile: scroll` the content's.
"""

from __future__ import annotations

from typing import Any

from harness.drivers import automation_name
from harness.sim import handlers
from harness.sim.errors import WebDriverError, invalid_argument
from harness.sim.flavours import xcuitest_device as device
from harness.sim.flavours.xcuitest_device import SPRINGBOARD
from harness.sim.methods import Catalogue, Method, direction, element_id, number, text
from harness.sim.session import Session

# Methods the real driver has that the simulated device does not model: named in errors so a user
# knows the script is right but needs a real device.
REAL_ONLY = frozenset(
    [
        "batteryInfo",
        "calibrateWebToRealCoordinatesTranslation",
        "clearKeychains",
        "configureLocalization",
        "contentSize",
        "deleteFile",
        "deleteFolder",
        "disableConditionInducer",
        "disableVoiceOver",
        "dragFromToForDuration",
        "dragFromToWithVelocity",
        "enableConditionInducer",
        "enableVoiceOver",
        "enrollBiometric",
        "expectNotification",
        "forcePress",
        "getAppStrings",
        "getAppearance",
        "getClipboard",
        "getDeviceTime",
        "getIncreaseContrast",
        "getPasteboard",
        "getPermission",
        "getSimulatedLocation",
        "getXCTestScreenRecordingInfo",
        "installApp",
        "installCertificate",
        "installXCTestBundle",
        "isBiometricEnrolled",
        "isLocked",
        "isVoiceOverEnabled",
        "keys",
        "listCertificates",
        "listConditionInducers",
        "listXCTestBundles",
        "lock",
        "performAccessibilityAudit",
        "performHandGesture",
        "performIndigoHidEvent",
        "performIoHidEvent",
        "pinch",
        "pullFile",
        "pullFolder",
        "pushFile",
        "pushNotification",
        "removeApp",
        "removeCertificate",
        "resetLocationService",
        "resetPermission",
        "resetSimulatedLocation",
        "rotateDigitalCrown",
        "rotateElement",
        "runXCTest",
        "selectPickerWheelValue",
        "sendBiometricMatch",
        "sendMemoryWarning",
        "setAppearance",
        "setClipboard",
        "setContentSize",
        "setIncreaseContrast",
        "setPasteboard",
        "setPermission",
        "setSimulatedLocation",
        "shake",
        "simctl",
        "siriCommand",
        "source",
        "startAudioRecording",
        "startAutomationSession",
        "startLogsBroadcast",
        "startNetworkMonitor",
        "startPerfRecord",
        "startScreenRecording",
        "startSystemMonitor",
        "startXCTestScreenRecording",
        "stopAudioRecording",
        "stopAutomationSession",
        "stopLogsBroadcast",
        "stopNetworkMonitor",
        "stopPerfRecord",
        "stopScreenRecording",
        "stopSystemMonitor",
        "stopXCTestScreenRecording",
        "tapWithNumberOfTaps",
        "twoFingerTap",
        "unlock",
        "updateSafariPreferences",
        "viewportScreenshot",
        "voiceOverCurrentSpeech",
        "voiceOverMove",
    ]
)


def _swipe(s: Session, p: dict[str, Any]) -> None:
    d = direction(p)
    if "velocity" in p:
        number(p, "velocity", positive=True)
    area = s.element_area(element_id(p["elementId"])) if p.get("elementId") is not None else s.geometry.screen
    if d in ("up", "down"):  # finger up: content moves up, revealing what is below
        s.scroll_in(area, (1 if d == "up" else -1) * 0.5 * s.content_height())


def _scroll(s: Session, p: dict[str, Any]) -> None:
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


def _tap(s: Session, p: dict[str, Any]) -> None:
    s.tap_at(*handlers.point(s, p, need=True))


def _double_tap(s: Session, p: dict[str, Any]) -> None:
    x, y = handlers.point(s, p, need=False)
    s.tap_at(x, y)
    s.tap_at(x, y)


def _touch_and_hold(s: Session, p: dict[str, Any]) -> None:
    number(p, "duration", minimum=0)
    s.long_press_at(*handlers.point(s, p, need=False))


def _alert(s: Session, p: dict[str, Any]) -> Any:
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
            f"The button name '{name}' is unknown. Only home, volumeUp and volumeDown are supported "
            "on simulators"
        )
    if "durationSeconds" in p:
        number(p, "durationSeconds", minimum=0)
    if name.lower() == "home":
        s.runtime.to_background()


def _hide_keyboard(s: Session, p: dict[str, Any]) -> None:
    s.runtime.hide_keyboard()  # XCUITest answers null whether a keyboard was shown or not


def _active_app(s: Session, p: dict[str, Any]) -> dict[str, Any]:
    running = s.runtime.running_in_foreground
    return {
        "bundleId": s.runtime.app_id if running else SPRINGBOARD[0],
        "name": s.runtime.app_name if running else SPRINGBOARD[1],
        "pid": 4242 if running else 64,
        "processArguments": {},
    }


def _screen_info(s: Session, p: dict[str, Any]) -> dict[str, Any]:
    g = s.geometry
    return {"statusBarSize": {"width": g.width, "height": g.status_bar}, "scale": g.scale}


def _list_apps(s: Session, p: dict[str, Any]) -> None:
    """The driver asks installation_proxy, which only a real device has; this device is a simulator."""
    raise WebDriverError(
        "unknown error",
        "An unknown server-side error occurred while processing the command. Original error: Listing apps "
        "can only be performed on a real device",
    )


def _app(p: dict[str, Any]) -> str:
    return text(p, "bundleId")


METHODS: dict[str, Method[Session]] = {
    "mobile: swipe": Method(_swipe, ("direction",), ("velocity", "elementId")),
    "mobile: scroll": Method(
        _scroll, (), ("name", "direction", "predicateString", "toVisible", "distance", "elementId")
    ),
    "mobile: scrollToElement": Method(
        lambda s, p: s.scroll_into_view(element_id(p["elementId"])), ("elementId",)
    ),
    "mobile: tap": Method(_tap, ("x", "y"), ("elementId",)),
    "mobile: doubleTap": Method(_double_tap, (), ("elementId", "x", "y")),
    "mobile: touchAndHold": Method(_touch_and_hold, ("duration",), ("x", "y", "elementId")),
    "mobile: launchApp": Method(
        lambda s, p: handlers.activate(s, _app(p)), ("bundleId",), ("arguments", "environment")
    ),
    "mobile: activateApp": Method(
        lambda s, p: handlers.activate(s, _app(p)), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: terminateApp": Method(
        lambda s, p: handlers.terminate(s, _app(p)), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: killApp": Method(lambda s, p: handlers.terminate(s, _app(p)), ("bundleId",)),
    "mobile: clearApp": Method(lambda s, p: handlers.clear(s, _app(p)), ("bundleId",), tolerated=("appId",)),
    "mobile: queryAppState": Method(
        lambda s, p: handlers.query_state(s, _app(p)), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: isAppInstalled": Method(
        lambda s, p: handlers.installed(s, _app(p)), ("bundleId",), tolerated=("appId",)
    ),
    "mobile: backgroundApp": Method(handlers.background, (), ("seconds",)),
    "mobile: deepLink": Method(lambda s, p: handlers.deep_link(s, p, "bundleId"), ("url",), ("bundleId",)),
    "mobile: alert": Method(_alert, ("action",), ("buttonLabel",)),
    "mobile: hideKeyboard": Method(_hide_keyboard, (), ("keys",)),
    "mobile: isKeyboardShown": Method(lambda s, p: s.runtime.keyboard),
    "mobile: pressButton": Method(_press_button, ("name",), ("durationSeconds",)),
    "mobile: activeAppInfo": Method(_active_app),
    "mobile: deviceScreenInfo": Method(_screen_info),
    "mobile: getContexts": Method(lambda s, p: s.contexts(), (), ("waitForWebviewMs",)),
    "mobile: viewportRect": Method(handlers.viewport_rect),
    "mobile: deviceInfo": Method(
        lambda s, p: device.device_info(str(s.caps.get("appium:udid", device.UDID)))
    ),
    "mobile: listApps": Method(_list_apps, (), ("applicationType", "returnAttributes")),
}
CATALOGUE = Catalogue(automation_name("ios"), "XCUITestDriver", METHODS, REAL_ONLY,
                      unknown_is_not_implemented=True)
