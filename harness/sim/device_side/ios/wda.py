"""The stand-in WebDriverAgent, over the sim: what the XCUITest driver proxies in real-device mode.

The driver is given `appium:webDriverAgentUrl` and sends WebDriverAgent's protocol here: W3C routes
(finds with `predicate string` / `class chain`, element commands, source, screenshot, actions, alerts)
and WDA's own `/wda/*` routes (apps, gestures, keyboard, buttons). Each turns into the simulated
device's W3C and `mobile:` calls. To model a new request, add a route with `@ROUTES.add(method,
template)`; a request no route matches fails the driver session, naming it.
"""

from __future__ import annotations

from typing import Any

from harness.drivers import automation_name
from harness.sim.device_side.ios.device import IosDevice
from harness.sim.device_side.jsonhttp import JsonServer, Reply
from harness.sim.device_side.routing import FORWARDS, Forward, Routes, typed_text
from harness.sim.device_side.simlink import SimError
from harness.sim.device_side.strict import NotModelled

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
STRATEGIES = {"predicate string": "-ios predicate string", "class chain": "-ios class chain"}
ROUTES = Routes()
ROUTES.forward(
    *FORWARDS,
    *(Forward("GET", f"/session/:sid/element/:id/{query}", f"/element/{{id}}/{query}")
      for query in ("displayed", "enabled", "selected")),
    Forward("GET", "/screenshot", "/screenshot"),
    Forward("GET", "/session/:sid/window/rect", "/window/rect"),
    Forward("GET", "/session/:sid/window/size", "/window/size"),
)


class WdaServer:
    def __init__(self, device: IosDevice):
        self.device = device
        self.http = JsonServer("sim-wda", self.dispatch)

    @property
    def url(self) -> str:
        return self.http.url

    def start(self) -> WdaServer:
        self.http.start()
        return self

    def stop(self) -> None:
        self.http.stop()

    def dispatch(self, method: str, path: str, body: Any) -> Reply:
        return ROUTES.dispatch(self, "wda", method, path, body)

    # ---- helpers the routes share ------------------------------------------------------------------
    def sim(self, method: str, rest: str, body: Any = None) -> Reply:
        status, payload = self.device.link.call(method, rest, body)
        if status == 200:
            self._alias_elements(payload.get("value"))
        return status, payload

    def mobile(self, script: str, args: dict[str, Any]) -> Reply:
        try:
            return 200, {"value": self.device.link.execute(script, args)}
        except SimError as exc:
            return exc.status, exc.payload

    def _alias_elements(self, value: Any) -> None:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and ELEMENT_KEY in item:
                self.device.journal.alias(item[ELEMENT_KEY], "element")


def _present(body: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: body[k] for k in keys if body.get(k) is not None}


# ---- the agent itself ------------------------------------------------------------------------------------
@ROUTES.add("GET", "/status")
def status(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    facts = wda.device.facts
    return 200, {"sessionId": wda.device.link.session_id, "value": {
        "ready": True, "message": "WebDriverAgent is ready to accept commands", "state": "success",
        "os": {"name": "iOS", "version": facts.product_version, "sdkVersion": facts.product_version,
               "testmanagerdVersion": 65535},
        "ios": {"ip": "127.0.0.1"},
        "build": {"version": facts.wda_version, "time": "Jan  1 2026 00:00:00",
                  "productBundleIdentifier": "com.facebook.WebDriverAgentRunner"},
        "device": "iphone",
    }}


@ROUTES.add("POST", "/session")
def new_session(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    """WDA launches the app of `bundleId` at session start unless it runs (forceAppLaunch: relaunch)."""
    capabilities = body.get("capabilities") or {}
    caps = {**(capabilities.get("alwaysMatch") or {}), **((capabilities.get("firstMatch") or [{}])[0] or {})}
    link, bundle = wda.device.link, caps.get("bundleId")
    if link.session_id is not None:
        link.delete_session()
    launch = bool(bundle)  # a new simulated session has no app running yet
    sim_caps: dict[str, Any] = {"platformName": "iOS", "appium:automationName": automation_name("ios"),
                                "appium:bundleId": bundle or wda.device.bundle_id,
                                "appium:noReset": True, "appium:autoLaunch": launch}
    status, payload = link.create_session(sim_caps)
    if status != 200:
        return status, payload
    sid = payload["value"]["sessionId"]
    wda.device.journal.alias(sid, "session")
    facts = wda.device.facts
    return 200, {"sessionId": sid, "value": {"sessionId": sid, "capabilities": {
        "device": "iphone", "browserName": bundle, "sdkVersion": facts.product_version,
        "CFBundleIdentifier": bundle}}}


@ROUTES.add("DELETE", "/session/:sid")
def delete_session(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    wda.device.link.delete_session()
    wda.device.strictness.clear()
    return 200, {"sessionId": params["sid"], "value": None}


@ROUTES.add("GET", "/wda/screen")
@ROUTES.add("GET", "/session/:sid/wda/screen")
def screen(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    facts = wda.device.facts
    width, height = facts.screen
    return 200, {"value": {"statusBarSize": {"width": width, "height": facts.status_bar},
                           "scale": facts.scale, "screenSize": {"width": width, "height": height}}}


@ROUTES.add("GET", "/wda/device/info")
@ROUTES.add("GET", "/session/:sid/wda/device/info")
def device_info(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    facts = wda.device.facts
    return 200, {"value": {"name": facts.device_name, "model": facts.model, "uuid": facts.udid,
                           "userInterfaceIdiom": 0, "userInterfaceStyle": "light", "isSimulator": False,
                           "timeZone": "UTC", "locale": "en_US", "thermalState": 0}}


@ROUTES.add("GET", "/wda/activeAppInfo")
@ROUTES.add("GET", "/session/:sid/wda/activeAppInfo")
def active_app(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.mobile("mobile: activeAppInfo", {})


# ---- apps --------------------------------------------------------------------------------------------------
@ROUTES.add("POST", "/session/:sid/wda/apps/launch")
def launch_app(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.mobile("mobile: launchApp", _present(body, "bundleId", "arguments", "environment"))


@ROUTES.add("POST", "/session/:sid/wda/apps/activate")
def activate_app(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.mobile("mobile: activateApp", _present(body, "bundleId"))


@ROUTES.add("POST", "/session/:sid/wda/apps/terminate")
def terminate_app(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.mobile("mobile: terminateApp", _present(body, "bundleId"))


@ROUTES.add("POST", "/session/:sid/wda/apps/state")
def app_state(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.mobile("mobile: queryAppState", _present(body, "bundleId"))


@ROUTES.add("POST", "/session/:sid/url")
def open_url(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.mobile("mobile: deepLink", _present(body, "url", "bundleId"))


# ---- finding -----------------------------------------------------------------------------------------------
@ROUTES.add("POST", "/session/:sid/element")
def find_element(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.sim("POST", "/element", _locator(body))


@ROUTES.add("POST", "/session/:sid/elements")
def find_elements(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.sim("POST", "/elements", _locator(body))


@ROUTES.add("POST", "/session/:sid/element/:id/element")
def find_child(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.sim("POST", f"/element/{params['id']}/element", _locator(body))


@ROUTES.add("POST", "/session/:sid/element/:id/elements")
def find_children(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.sim("POST", f"/element/{params['id']}/elements", _locator(body))


def _locator(body: dict[str, Any]) -> dict[str, Any]:
    """WDA's strategy names are the driver's without `-ios `: the simulated device takes Appium's."""
    using = str(body.get("using"))
    return {"using": STRATEGIES.get(using, using), "value": body.get("value")}


# ---- elements ----------------------------------------------------------------------------------------------


@ROUTES.add("POST", "/session/:sid/element/:id/value")
def set_value(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    return wda.sim("POST", f"/element/{params['id']}/value", {"text": typed_text(body)})


# ---- alerts ------------------------------------------------------------------------------------------------


@ROUTES.add("POST", "/session/:sid/alert/:action")
def alert(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    if params["action"] not in ("accept", "dismiss"):
        raise NotModelled("wda", f"POST /session/:sid/alert/{params['action']}")
    args: dict[str, Any] = {"action": params["action"]}
    if body.get("name"):
        args["buttonLabel"] = body["name"]
    return wda.mobile("mobile: alert", args)


# ---- gestures, keyboard, buttons ---------------------------------------------------------------------------
def _gesture(path: str, script: str, *keys: str) -> None:
    """`/wda/<path>` on the screen and `/wda/element/:id/<path>` on an element: one `mobile:` gesture."""
    @ROUTES.add("POST", f"/session/:sid/wda/{path}")
    @ROUTES.add("POST", f"/session/:sid/wda/element/:id/{path}")
    def gesture(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
        args = _present(body, *keys)
        if "id" in params:
            args["elementId"] = params["id"]
        return wda.mobile(script, args)


_gesture("swipe", "mobile: swipe", "direction", "velocity")
_gesture("scroll", "mobile: scroll", "name", "direction", "predicateString", "toVisible", "distance")
_gesture("touchAndHold", "mobile: touchAndHold", "duration", "x", "y")
_gesture("tap", "mobile: tap", "x", "y")


@ROUTES.add("POST", "/session/:sid/wda/keyboard/dismiss")
def dismiss_keyboard(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    keys = [k for k in body.get("keyNames") or [] if k != "done"]  # the driver always adds "done"
    return wda.mobile("mobile: hideKeyboard", {"keys": keys} if keys else {})


@ROUTES.add("POST", "/session/:sid/wda/pressButton")
def press_button(wda: WdaServer, params: dict[str, str], body: Any) -> Reply:
    args = _present(body, "name")
    if body.get("duration") is not None:
        args["durationSeconds"] = body["duration"]
    return wda.mobile("mobile: pressButton", args)
