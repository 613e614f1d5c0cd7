"""The stand-in for the on-device UiAutomator2 server (io.appium.uiautomator2.server), over the sim.

The driver reaches it through `adb forward tcp:<systemPort> tcp:6790`; it answers only while the
instrumentation runs (before that, the forward connects to nothing and the connection closes). Each
route turns the server's protocol (`{strategy, selector}` finds, `/appium/gestures/*`, key codes) into
the simulated device's W3C and `mobile:` calls. To model a new request, add a route with
`@ROUTES.add(method, template)`; a request no route matches fails the driver session, naming it.
"""

from __future__ import annotations

import threading
from typing import Any

from harness.sim.device_side.android.device import AndroidDevice
from harness.sim.device_side.jsonhttp import Hangup, JsonServer, Reply
from harness.sim.device_side.routing import FORWARDS, Forward, Routes, typed_text
from harness.sim.device_side.simlink import SimError, with_vendor_prefix
from harness.sim.device_side.strict import NotModelled

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
STARTUP_WAIT = 10.0  # s a /status request waits for the instrumentation the driver is starting
GESTURES = {
    "click": "mobile: clickGesture",
    "long_click": "mobile: longClickGesture",
    "double_click": "mobile: doubleClickGesture",
    "swipe": "mobile: swipeGesture",
    "scroll": "mobile: scrollGesture",
    "fling": "mobile: flingGesture",
    "drag": "mobile: dragGesture",
    "pinch_open": "mobile: pinchOpenGesture",
    "pinch_close": "mobile: pinchCloseGesture",
}
ROUTES = Routes()
ROUTES.forward(
    *FORWARDS,
    Forward("GET", "/session/:sid/window/current/size", "/window/size"),
    Forward("POST", "/session/:sid/orientation", "/orientation", body=True),
    Forward("POST", "/session/:sid/back", "/back"),
)


class Uia2Server:
    """One listening stand-in per forwarded port; the device has at most one."""

    def __init__(self, device: AndroidDevice):
        self.device = device
        self.http: JsonServer | None = None
        self._lock = threading.Lock()

    def listen(self, port: int) -> None:
        with self._lock:
            if self.http is not None and self.http.port == port:
                return
            if self.http is not None:
                self.http.stop()
            self.http = JsonServer("sim-uia2-server", self.dispatch, port).start()

    def stop(self) -> None:
        with self._lock:
            http, self.http = self.http, None
        if http is not None:  # at once: the driver checks that the port is free before the next forward
            http.stop()

    def dispatch(self, method: str, path: str, body: Any) -> Reply:
        device = self.device
        if not device.server_running and not (path == "/status" and device.wait_for_server(STARTUP_WAIT)):
            device.journal.record("uia2", f"{method} {path}", body, "connection closed")
            raise Hangup
        return ROUTES.dispatch(self, "uia2", method, path, body)

    # ---- helpers the routes share ------------------------------------------------------------------
    def sim(self, method: str, rest: str, body: Any = None) -> Reply:
        status, payload = self.device.link.call(method, rest, body)
        return status, with_element_keys(self.device, payload) if status == 200 else payload

    def mobile(self, script: str, args: dict[str, Any]) -> Reply:
        try:
            return 200, {"value": self.device.link.execute(script, args)}
        except SimError as exc:
            return exc.status, exc.payload


def with_element_keys(device: AndroidDevice, payload: Any) -> Any:
    """The server's element references carry the legacy ELEMENT key next to the W3C one."""
    value = payload.get("value") if isinstance(payload, dict) else None

    def convert(item: Any) -> Any:
        if isinstance(item, dict) and ELEMENT_KEY in item:
            device.journal.alias(item[ELEMENT_KEY], "element")
            return {"ELEMENT": item[ELEMENT_KEY], ELEMENT_KEY: item[ELEMENT_KEY]}
        return item

    if isinstance(value, list):
        return {**payload, "value": [convert(v) for v in value]}
    return {**payload, "value": convert(value)}


def element_id(origin: Any) -> str | None:
    if isinstance(origin, dict):
        return origin.get(ELEMENT_KEY) or origin.get("ELEMENT")
    return None


# ---- the server itself -----------------------------------------------------------------------------------
@ROUTES.add("GET", "/status")
def status(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return 200, {"sessionId": server.device.link.session_id,
                 "value": {"ready": True, "message": "UiAutomator2 Server is ready to accept commands"}}


@ROUTES.add("GET", "/sessions")
def sessions(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    sid = server.device.link.session_id
    return 200, {"value": [{"id": sid, "capabilities": {}}] if sid else []}


@ROUTES.add("POST", "/session")
def new_session(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    capabilities = body.get("capabilities") if isinstance(body, dict) else None
    first = (capabilities or {}).get("firstMatch") or [{}]
    caps = {**((capabilities or {}).get("alwaysMatch") or {}), **(first[0] or {})}
    link = server.device.link
    if link.session_id is not None:
        link.delete_session()
    status, payload = link.create_session(with_vendor_prefix(caps))
    if status != 200:
        return status, payload
    sid = payload["value"]["sessionId"]
    server.device.journal.alias(sid, "session")
    return 200, {"sessionId": sid, "value": {"sessionId": sid, "capabilities": caps}}


@ROUTES.add("DELETE", "/session/:sid")
def delete_session(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    device = server.device
    device.link.delete_session()
    device.strictness.clear()
    # the server process exits once its session is gone; the driver polls `ps` until it has
    threading.Timer(0.05, device.end_instrumentation).start()
    return 200, {"sessionId": params["sid"], "value": None}


# ---- finding -----------------------------------------------------------------------------------------------
@ROUTES.add("POST", "/session/:sid/element")
def find_element(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return _find(server, body, multiple=bool(body.get("multiple")))


@ROUTES.add("POST", "/session/:sid/elements")
def find_elements(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return _find(server, body, multiple=True)


def _find(server: Uia2Server, body: dict[str, Any], multiple: bool) -> Reply:
    context = body.get("context") or ""
    rest = f"/element/{context}/element" if context else "/element"
    return server.sim("POST", rest + ("s" if multiple else ""),
                      {"using": body.get("strategy"), "value": body.get("selector")})


# ---- elements ----------------------------------------------------------------------------------------------


@ROUTES.add("POST", "/session/:sid/element/:id/value")
def set_value(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    """`{elementId, text, replace, value}`: replace clears the field first."""
    eid = params["id"]
    if body.get("replace"):
        status, payload = server.sim("POST", f"/element/{eid}/clear", {})
        if status != 200:
            return status, payload
    return server.sim("POST", f"/element/{eid}/value", {"text": typed_text(body)})


# ---- alerts and settings -----------------------------------------------------------------------------------


@ROUTES.add("POST", "/session/:sid/alert/accept")
def accept_alert(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return server.mobile("mobile: acceptAlert", _button(body))


@ROUTES.add("POST", "/session/:sid/alert/dismiss")
def dismiss_alert(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return server.mobile("mobile: dismissAlert", _button(body))


def _button(body: dict[str, Any]) -> dict[str, Any]:
    return {"buttonLabel": body["buttonLabel"]} if body.get("buttonLabel") else {}


# ---- gestures and keys -------------------------------------------------------------------------------------
@ROUTES.add("POST", "/session/:sid/appium/gestures/:kind")
def gesture(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    """`{origin?, area?, offset?, start?, end?, direction, percent, speed, duration}` -> `mobile: *Gesture`"""
    script = GESTURES.get(params["kind"])
    if script is None:
        raise NotModelled("uia2", f"POST /session/:sid/appium/gestures/{params['kind']}")
    args: dict[str, Any] = {}
    eid = element_id(body.get("origin"))
    if eid:
        args["elementId"] = eid
    if isinstance(body.get("area"), dict):
        args.update({k: body["area"][k] for k in ("left", "top", "width", "height") if k in body["area"]})
    for key, names in (("offset", ("x", "y")), ("start", ("startX", "startY")), ("end", ("endX", "endY"))):
        point = body.get(key)
        if isinstance(point, dict):
            args.update({names[0]: point.get("x"), names[1]: point.get("y")})
    args.update({k: body[k] for k in ("direction", "percent", "speed", "duration")
                 if body.get(k) is not None})
    return server.mobile(script, args)


@ROUTES.add("POST", "/session/:sid/appium/device/press_keycode")
def press_keycode(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return server.mobile("mobile: pressKey", _keycode(body))


@ROUTES.add("POST", "/session/:sid/appium/device/long_press_keycode")
def long_press_keycode(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return server.mobile("mobile: pressKey", {**_keycode(body), "isLongPress": True})


def _keycode(body: dict[str, Any]) -> dict[str, Any]:
    return {k: body[k] for k in ("keycode", "metastate", "flags") if body.get(k) is not None}


# ---- what the driver asks about the device at session start ------------------------------------------------
@ROUTES.add("GET", "/session/:sid/appium/device/info")
def device_info(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    facts = server.device.facts
    width, height = facts.screen
    return 200, {"value": {
        "androidId": "harness-sim", "apiVersion": str(facts.api_level), "platformVersion": facts.release,
        "manufacturer": facts.manufacturer, "model": facts.model, "brand": facts.brand,
        "realDisplaySize": f"{width}x{height}", "displayDensity": facts.density, "locale": "en_US",
        "timeZone": "UTC", "bluetooth": {"state": "OFF"}, "networks": [],
    }}


@ROUTES.add("GET", "/session/:sid/appium/device/pixel_ratio")
def pixel_ratio(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    return 200, {"value": server.device.facts.density / 160}


@ROUTES.add("GET", "/session/:sid/appium/device/system_bars")
def system_bars(server: Uia2Server, params: dict[str, str], body: Any) -> Reply:
    facts = server.device.facts
    return 200, {"value": {"statusBar": facts.status_bar, "navigationBar": facts.navigation_bar}}
