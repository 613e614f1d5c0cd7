"""`mobile:` handlers both drivers have (app lifecycle, keyboard, contexts) and their argument helpers.

Each flavour's table (flavours/*_methods.py) binds them to its driver's method names and argument
names (`appId` on UiAutomator2, `bundleId` on XCUITest).
"""

from __future__ import annotations

from typing import Any

from harness.sim.errors import WebDriverError, invalid_argument
from harness.sim.methods import element_id, number, text
from harness.sim.runtime import AppState, DeepLinkError
from harness.sim.session import Session


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


def activate(s: Session, app: str) -> None:
    if app != s.runtime.app_id:
        raise WebDriverError(
            "unknown error",
            f"The application '{app}' is not installed on the simulated device (it has {s.runtime.app_id})",
        )
    s.runtime.activate()


def terminate(s: Session, app: str) -> bool:
    return app == s.runtime.app_id and s.runtime.terminate()


def clear(s: Session, app: str) -> bool:
    if app != s.runtime.app_id:
        raise WebDriverError("unknown error", f"Cannot clear the data of '{app}': it is not installed")
    s.runtime.clear_data()
    return True


def query_state(s: Session, app: str) -> int:
    return int(s.runtime.process) if app == s.runtime.app_id else int(AppState.NOT_INSTALLED)


def installed(s: Session, app: str) -> bool:
    return app == s.runtime.app_id


def deep_link(s: Session, p: dict[str, Any], key: str) -> None:
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


def background(s: Session, p: dict[str, Any]) -> None:
    seconds = p.get("seconds")
    s.runtime.to_background()
    if isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds >= 0:
        s.runtime.activate()


def viewport_rect(s: Session, p: dict[str, Any]) -> dict[str, int]:
    g = s.geometry
    top = round(g.status_bar * g.scale)
    return {
        "left": 0,
        "top": top,
        "width": round(g.width * g.scale),
        "height": round(g.height * g.scale) - top,
    }
