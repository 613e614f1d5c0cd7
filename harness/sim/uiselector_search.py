"""Evaluating parsed UiSelector / UiScrollable statements over the Android flavour's nodes.

UiScrollable scrolls through a ScrollHost the session provides, the way the UiAutomator2 server
swipes its container until the target is on screen (or the swipes run out).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.sim import text_patterns
from harness.sim.errors import invalid_selector
from harness.sim.nodes import FNode
from harness.sim.uiselector import BOOL_METHODS, STRING_METHODS, Scrollable, Selector


def _matches(node: FNode, name: str, value: Any) -> bool:
    if name in STRING_METHODS:
        attr, how = STRING_METHODS[name]
        actual = str(node.props.get(attr, ""))
        if how == "eq":
            return actual == value
        if how == "contains":
            return value in actual
        if how == "starts":
            return actual.startswith(value)
        return text_patterns.full_match(value, actual)
    if name in BOOL_METHODS:
        return bool(node.props.get(BOOL_METHODS[name])) == value
    if name == "index":
        return node.props.get("index") == value
    return True


def select(selector: Selector, scope: list[FNode]) -> list[FNode]:
    """Nodes of `scope` (document order) that the selector picks."""
    found = [n for n in scope if n.tag != "hierarchy"]
    for name, value in selector.criteria:
        if name == "instance":
            found = found[value : value + 1] if value >= 0 else []
        elif name == "childSelector":
            found = _unique(d for n in found for d in select(value, list(n.descendants())))
        elif name == "fromParent":
            found = _unique(
                d for n in found if n.parent is not None for d in select(value, list(n.parent.descendants()))
            )
        else:
            found = [n for n in found if _matches(n, name, value)]
    return found


def _unique(nodes: Any) -> list[FNode]:
    seen: set[int] = set()
    out = []
    for node in nodes:
        if id(node) not in seen:
            seen.add(id(node))
            out.append(node)
    return out


@dataclass
class ScrollHost:
    """What UiScrollable needs from the session: the current nodes and a way to scroll the body."""

    nodes: Callable[[], list[FNode]]
    scroll: Callable[[FNode, float], float]  # (container, fraction of its height) -> moved
    can_scroll: Callable[[FNode, int], bool]


def evaluate(
    statements: list[Selector | Scrollable],
    scope: Callable[[], list[FNode]],
    host: ScrollHost,
) -> list[FNode]:
    out: list[FNode] = []
    for statement in statements:
        if isinstance(statement, Selector):
            out.extend(select(statement, scope()))
        else:
            out.extend(_scrollable(statement, scope, host))
    return _unique(out)


def _scrollable(s: Scrollable, scope: Callable[[], list[FNode]], host: ScrollHost) -> list[FNode]:
    max_swipes, dead_zone, vertical = 30, 0.1, True
    containers = select(s.container, scope())
    if not containers:
        return []
    container_key = containers[0].key
    result: list[FNode] = containers[:1]

    def container() -> FNode | None:
        return next((n for n in host.nodes() if n.key == container_key), None)

    def inside(target: Selector) -> list[FNode]:
        box = container()
        return select(target, list(box.descendants())) if box is not None else []

    def forward() -> bool:
        box = container()
        return box is not None and bool(host.scroll(box, (1 - 2 * dead_zone) if vertical else 0.0))

    def to_beginning(swipes: int) -> None:
        for _ in range(swipes):
            box = container()
            if box is None or not host.can_scroll(box, -1):
                return
            host.scroll(box, -(1 - 2 * dead_zone))

    def into_view(target: Selector) -> list[FNode]:
        if inside(target):
            return select(target, scope())
        to_beginning(max_swipes)
        if inside(target):
            return select(target, scope())
        for _ in range(max_swipes):
            moved = forward()
            if inside(target):
                return select(target, scope())
            if not moved:
                break
        return []

    for name, args in s.calls:
        if name == "setMaxSearchSwipes":
            max_swipes = int(_arg(args, 0, int, name))
        elif name == "setSwipeDeadZonePercentage":
            dead_zone = float(_arg(args, 0, (int, float), name))
        elif name in ("setAsVerticalList", "setAsHorizontalList"):
            vertical = name == "setAsVerticalList"
        elif name == "scrollIntoView":
            return into_view(_arg(args, 0, Selector, name))
        elif name in ("getChildByText", "getChildByDescription"):
            target = _arg(args, 0, Selector, name)
            text = _arg(args, 1, str, name)
            criterion = "text" if name == "getChildByText" else "description"
            wanted = Selector([*target.criteria, (criterion, text)])
            scroll = _arg(args, 2, bool, name) if len(args) > 2 else True
            found = into_view(wanted) if scroll else inside(wanted)
            return found[:1]
        elif name == "getChildByInstance":
            target = _arg(args, 0, Selector, name)
            return inside(Selector([*target.criteria, ("instance", _arg(args, 1, int, name))]))
        elif name in ("scrollForward", "flingForward"):
            forward()
        elif name in ("scrollBackward", "flingBackward"):
            box = container()
            if box is not None:
                host.scroll(box, -(1 - 2 * dead_zone))
        elif name in ("scrollToBeginning", "flingToBeginning"):
            to_beginning(max_swipes)
        elif name in ("scrollToEnd", "flingToEnd"):
            for _ in range(max_swipes):
                if not forward():
                    break
        refreshed = container()
        result = [refreshed] if refreshed is not None else []
    return result


def _arg(args: list[Any], index: int, types: Any, method: str) -> Any:
    if index >= len(args) or not isinstance(args[index], types):
        raise invalid_selector(f"UiScrollable.{method}() got unexpected arguments {args!r}")
    return args[index]
