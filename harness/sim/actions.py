"""W3C `POST /actions`: pointer sequences become taps, long presses and swipes.

Each touch pointer is replayed on a virtual clock (pauses and move durations add up, nothing sleeps):
down+up at one spot is a tap (a long press from 500 ms held), down, move, up is a swipe that drags
the scrollable body with the finger. Coordinates are pixels on Android, points on iOS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from harness.sim.errors import invalid_argument
from harness.sim.methods import ELEMENT_KEY

if TYPE_CHECKING:
    from harness.sim.session import Session

LONG_PRESS_MS = 500
TAP_SLOP = 8.0  # logical units a finger may drift and still tap
POINTER_ACTIONS = ("pause", "pointerDown", "pointerUp", "pointerMove", "pointerCancel")


def perform(session: Session, body: Any) -> None:
    sources = body.get("actions") if isinstance(body, dict) else None
    if not isinstance(sources, list):
        raise invalid_argument("POST /actions needs {'actions': [input sources]}")
    for source in sources:
        _check_source(source)
    for source in sources:
        if source.get("type") == "pointer":
            _pointer(session, source)


def _check_source(source: Any) -> None:
    if not isinstance(source, dict) or source.get("type") not in ("pointer", "key", "none", "wheel"):
        raise invalid_argument(f"An input source needs a type of pointer, key, none or wheel: {source!r}")
    if not isinstance(source.get("id"), str):
        raise invalid_argument("Every input source needs a string 'id'")
    if not isinstance(source.get("actions"), list):
        raise invalid_argument(f"Input source '{source.get('id')}' needs an 'actions' list")
    if source["type"] == "pointer":
        kind = (source.get("parameters") or {}).get("pointerType", "mouse")
        if kind not in ("mouse", "pen", "touch"):
            raise invalid_argument(f"pointerType must be mouse, pen or touch, got {kind!r}")
        for action in source["actions"]:
            if not isinstance(action, dict) or action.get("type") not in POINTER_ACTIONS:
                raise invalid_argument(
                    f"Unknown pointer action {action!r}; expected one of {', '.join(POINTER_ACTIONS)}"
                )


def _pointer(s: Session, source: dict[str, Any]) -> None:
    x = y = 0.0
    clock = 0.0
    down: tuple[float, float, float] | None = None  # x, y, time
    path: list[tuple[float, float]] = []
    for action in source["actions"]:
        kind = action["type"]
        if kind == "pause":
            clock += _duration(action)
        elif kind == "pointerMove":
            x, y = _target(s, action, x, y)
            clock += _duration(action)
            if down is not None:
                path.append((x, y))
        elif kind == "pointerDown":
            down, path = (x, y, clock), [(x, y)]
        elif kind == "pointerUp" and down is not None:
            _gesture(s, down, (x, y), clock - down[2], path)
            down = None
        elif kind == "pointerCancel":
            down = None


def _duration(action: dict[str, Any]) -> float:
    value = action.get("duration", 0) or 0
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise invalid_argument(f"'duration' must be a non-negative number of ms, got {value!r}")
    return float(value)


def _target(s: Session, action: dict[str, Any], x: float, y: float) -> tuple[float, float]:
    for key in ("x", "y"):
        value = action.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise invalid_argument(f"pointerMove '{key}' must be a number, got {value!r}")
    dx, dy = s.to_logical(action.get("x", 0) or 0), s.to_logical(action.get("y", 0) or 0)
    origin = action.get("origin", "viewport")
    if origin == "viewport":
        return dx, dy
    if origin == "pointer":
        return x + dx, y + dy
    if isinstance(origin, dict) and (ELEMENT_KEY in origin or "ELEMENT" in origin):
        cx, cy = s.element_area(origin.get(ELEMENT_KEY) or origin["ELEMENT"]).center
        return cx + dx, cy + dy
    raise invalid_argument(f"pointerMove origin must be viewport, pointer or an element, got {origin!r}")


def _gesture(
    s: Session,
    down: tuple[float, float, float],
    up: tuple[float, float],
    held_ms: float,
    path: list[tuple[float, float]],
) -> None:
    x0, y0, _ = down
    _, y1 = up
    drift = max(abs(px - x0) + abs(py - y0) for px, py in path) if path else 0.0
    if drift <= TAP_SLOP:
        if held_ms >= LONG_PRESS_MS:
            s.long_press_at(x0, y0)
        else:
            s.tap_at(x0, y0)
        return
    # the content follows the finger: moving up by d reveals d of what is below
    s.drag(x0, y0, y0 - y1)
