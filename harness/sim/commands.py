"""The WebDriver routes the simulated device answers, each named as Appium names the command.

A route handler gets the session and the decoded body and returns the JSON `value`; errors are
raised as WebDriverError. The names are what `SimServer.command_counts()` reports.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.sim import actions, methods, screenshot, webview
from harness.sim.errors import WebDriverError, invalid_argument
from harness.sim.session import NATIVE, Session

Handler = Callable[[Session, dict[str, str], Any], Any]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: re.Pattern[str]
    name: str
    handler: Handler


ROUTES: list[Route] = []


def route(method: str, path: str, name: str) -> Callable[[Handler], Handler]:
    regex = "^/session/(?P<sid>[^/]+)" + re.sub(r":(\w+)", r"(?P<\1>[^/]+)", path) + "$"

    def register(fn: Handler) -> Handler:
        ROUTES.append(Route(method, re.compile(regex), name, fn))
        return fn

    return register


def match(method: str, path: str) -> tuple[Route | None, dict[str, str], bool]:
    """(route, path params, path exists with another method)."""
    other = False
    for r in ROUTES:
        m = r.pattern.match(path)
        if m:
            if r.method == method:
                return r, m.groupdict(), False
            other = True
    return None, {}, other


# ---- session ------------------------------------------------------------------------------------------
@route("GET", "", "getSession")
def get_session(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.caps


@route("POST", "/timeouts", "timeouts")
def set_timeouts(s: Session, p: dict[str, str], body: Any) -> Any:
    if not isinstance(body, dict):
        raise invalid_argument("Timeouts must be an object like {'implicit': 1000}")
    for name, value in body.items():
        if name not in ("implicit", "pageLoad", "script"):
            raise invalid_argument(f"Unknown timeout '{name}': use implicit, pageLoad or script")
        if value is None and name == "script":
            continue
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise invalid_argument(f"Timeout '{name}' must be a non-negative number of ms, got {value!r}")
    s.timeouts.update(body)
    return None


@route("GET", "/timeouts", "getTimeouts")
def get_timeouts(s: Session, p: dict[str, str], body: Any) -> Any:
    return dict(s.timeouts)


@route("GET", "/appium/settings", "getSettings")
def get_settings(s: Session, p: dict[str, str], body: Any) -> Any:
    return dict(s.settings)


@route("POST", "/appium/settings", "updateSettings")
def update_settings(s: Session, p: dict[str, str], body: Any) -> Any:
    settings = body.get("settings") if isinstance(body, dict) else None
    if not isinstance(settings, dict):
        raise invalid_argument("Settings must be sent as {'settings': {name: value}}")
    s.settings.update(settings)
    return None


# ---- finding ------------------------------------------------------------------------------------------
@route("POST", "/element", "findElement")
def find_element(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.find(body, multiple=False)


@route("POST", "/elements", "findElements")
def find_elements(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.find(body, multiple=True)


@route("GET", "/element/active", "active")
def active(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.active()


@route("POST", "/element/:eid/element", "findElementFromElement")
def find_from(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.find(body, multiple=False, parent=p["eid"])


@route("POST", "/element/:eid/elements", "findElementsFromElement")
def find_all_from(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.find(body, multiple=True, parent=p["eid"])


# ---- element ------------------------------------------------------------------------------------------
@route("POST", "/element/:eid/click", "click")
def click(s: Session, p: dict[str, str], body: Any) -> Any:
    s.click(p["eid"])


@route("POST", "/element/:eid/value", "setValue")
def set_value(s: Session, p: dict[str, str], body: Any) -> Any:
    if not isinstance(body, dict):
        raise invalid_argument("Send keys needs {'text': ...}")
    text = body.get("text")
    if text is None and isinstance(body.get("value"), list):
        text = "".join(str(v) for v in body["value"])
    if not isinstance(text, str):
        raise invalid_argument("Send keys needs a 'text' string")
    s.set_value(p["eid"], text)


@route("POST", "/element/:eid/clear", "clear")
def clear(s: Session, p: dict[str, str], body: Any) -> Any:
    s.clear(p["eid"])


@route("GET", "/element/:eid/text", "getText")
def get_text(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    return node.props.get("text", "") if s.context != NATIVE else s.flavour.text(node)


@route("GET", "/element/:eid/attribute/:name", "getAttribute")
def get_attribute(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    if s.context != NATIVE:
        return node.attrs.get(p["name"])
    return s.flavour.attribute(node, p["name"])


@route("GET", "/element/:eid/property/:name", "getProperty")
def get_property(s: Session, p: dict[str, str], body: Any) -> Any:
    return get_attribute(s, p, body)


@route("GET", "/element/:eid/displayed", "elementDisplayed")
def displayed(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    if s.context != NATIVE:
        return webview.displayed(node)
    return s.flavour.displayed(node)


@route("GET", "/element/:eid/enabled", "elementEnabled")
def enabled(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    return node.view.enabled if node.view is not None else True


@route("GET", "/element/:eid/selected", "elementSelected")
def selected(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    return bool(node.view.selected or node.view.checked) if node.view is not None else False


@route("GET", "/element/:eid/rect", "getElementRect")
def element_rect(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    if s.context != NATIVE and node.view is not None:
        r = node.view.rect
        return {"x": round(r.x), "y": round(r.y), "width": round(r.w), "height": round(r.h)}
    return s.flavour.rect(node)


@route("GET", "/element/:eid/name", "getName")
def tag_name(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.node(p["eid"]).tag


@route("GET", "/element/:eid/screenshot", "getElementScreenshot")
def element_screenshot(s: Session, p: dict[str, str], body: Any) -> Any:
    node = s.node(p["eid"])
    area = node.view.clip if node.view is not None else s.geometry.screen
    return base64.b64encode(screenshot.png(s.runtime, crop=area)).decode("ascii")


# ---- screen -------------------------------------------------------------------------------------------
@route("GET", "/source", "getPageSource")
def source(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.tree().source()


@route("GET", "/screenshot", "getScreenshot")
def take_screenshot(s: Session, p: dict[str, str], body: Any) -> Any:
    return base64.b64encode(screenshot.png(s.runtime)).decode("ascii")


@route("GET", "/window/rect", "getWindowRect")
def window_rect(s: Session, p: dict[str, str], body: Any) -> Any:
    g = s.geometry  # pixels on Android, points on iOS
    return {"x": 0, "y": 0, "width": g.to_coordinates(g.width), "height": g.to_coordinates(g.height)}


@route("GET", "/window/size", "getWindowSize")
def window_size(s: Session, p: dict[str, str], body: Any) -> Any:
    rect = window_rect(s, p, body)
    return {"width": rect["width"], "height": rect["height"]}


@route("GET", "/orientation", "getOrientation")
def orientation(s: Session, p: dict[str, str], body: Any) -> Any:
    return "PORTRAIT"


@route("POST", "/orientation", "setOrientation")
def set_orientation(s: Session, p: dict[str, str], body: Any) -> Any:
    wanted = body.get("orientation") if isinstance(body, dict) else None
    if wanted != "PORTRAIT":
        raise WebDriverError("unsupported operation", "The simulated device only runs in PORTRAIT")


@route("POST", "/back", "back")
def back(s: Session, p: dict[str, str], body: Any) -> Any:
    s.back()


@route("GET", "/url", "getUrl")
def url(s: Session, p: dict[str, str], body: Any) -> Any:
    if s.context == NATIVE:
        raise WebDriverError("unknown method", "Getting the URL needs a WEBVIEW context")
    screen = s._web_screen()
    return screen.webview.url


@route("GET", "/title", "title")
def title(s: Session, p: dict[str, str], body: Any) -> Any:
    if s.context == NATIVE:
        raise WebDriverError("unknown method", "Getting the title needs a WEBVIEW context")
    return s._web_screen().webview.title


# ---- contexts -----------------------------------------------------------------------------------------
@route("GET", "/contexts", "getContexts")
def contexts(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.contexts()


@route("GET", "/context", "getCurrentContext")
def current_context(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.context


@route("POST", "/context", "setContext")
def set_context(s: Session, p: dict[str, str], body: Any) -> Any:
    if not isinstance(body, dict) or "name" not in body:
        raise invalid_argument("Switching context needs {'name': 'NATIVE_APP' | 'WEBVIEW_...'}")
    s.set_context(body["name"])


# ---- gestures and scripts -----------------------------------------------------------------------------
@route("POST", "/actions", "performActions")
def perform_actions(s: Session, p: dict[str, str], body: Any) -> Any:
    actions.perform(s, body)


@route("DELETE", "/actions", "releaseActions")
def release_actions(s: Session, p: dict[str, str], body: Any) -> Any:
    return None


@route("POST", "/execute/sync", "execute")
def execute(s: Session, p: dict[str, str], body: Any) -> Any:
    if not isinstance(body, dict) or not isinstance(body.get("script"), str):
        raise invalid_argument("Execute needs {'script': 'mobile: ...', 'args': [{...}]}")
    method, params, dropped = methods.resolve(
        s.flavour.catalogue, body["script"], body.get("args", []), strict=s.strict_arguments
    )
    if dropped:  # as the drivers log it
        s.log(f"The following arguments are not known and will be ignored: {','.join(dropped)}")
    return method.handler(s, params)


@route("POST", "/execute/async", "executeAsync")
def execute_async(s: Session, p: dict[str, str], body: Any) -> Any:
    return execute(s, p, body)


# ---- alerts -------------------------------------------------------------------------------------------
@route("POST", "/alert/accept", "postAcceptAlert")
def accept_alert(s: Session, p: dict[str, str], body: Any) -> Any:
    s.press_alert_button("positive")


@route("POST", "/alert/dismiss", "postDismissAlert")
def dismiss_alert(s: Session, p: dict[str, str], body: Any) -> Any:
    s.press_alert_button("negative")


@route("GET", "/alert/text", "getAlertText")
def alert_text(s: Session, p: dict[str, str], body: Any) -> Any:
    return s.alert_text()


def command_name(r: Route, body: Any) -> str:
    """`execute:mobile: scrollGesture` for scripts, the Appium command name otherwise."""
    if (
        r.name in ("execute", "executeAsync")
        and isinstance(body, dict)
        and isinstance(body.get("script"), str)
    ):
        return f"execute:{' '.join(body['script'].split())}"
    return r.name
