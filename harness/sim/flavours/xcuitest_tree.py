"""The XCUITest page source: XCUIElementType* nodes with name/label/value, frames in points.

As XCUITest does for laid-out scroll content, rows below the fold ARE in the tree, with
visible="false": a find succeeds, `displayed` is false, so scrolling is still needed before a
scenario can call them visible. Alerts are drawn over the app, whose elements stay in the tree.
"""

from __future__ import annotations

import json
from typing import Any

from harness.sim.flavours.xcuitest_device import GEOMETRY, SPRINGBOARD
from harness.sim.nodes import FlavourTree, FNode, bool_str
from harness.sim.tree import View, ViewTree

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
TYPES = {
    "button": "XCUIElementTypeButton",
    "text": "XCUIElementTypeStaticText",
    "header": "XCUIElementTypeStaticText",
    "input": "XCUIElementTypeTextField",
    "secure_input": "XCUIElementTypeSecureTextField",
    "image": "XCUIElementTypeImage",
    "tab": "XCUIElementTypeButton",
    "cell": "XCUIElementTypeCell",
    "list_item": "XCUIElementTypeButton",
    "switch": "XCUIElementTypeSwitch",
    "link": "XCUIElementTypeLink",
    "group": "XCUIElementTypeOther",
    "tab_bar": "XCUIElementTypeTabBar",
    "toolbar": "XCUIElementTypeOther",
    "window": "XCUIElementTypeWindow",
    "content": "XCUIElementTypeScrollView",
    "webview": "XCUIElementTypeWebView",
    "navbar": "XCUIElementTypeNavigationBar",
    "back_button": "XCUIElementTypeButton",
    "dialog_window": "XCUIElementTypeWindow",
    "dialog": "XCUIElementTypeAlert",
    "dialog_title": "XCUIElementTypeStaticText",
    "dialog_message": "XCUIElementTypeStaticText",
    "dialog_button": "XCUIElementTypeButton",
    "keyboard": "XCUIElementTypeKeyboard",
    "launcher": "XCUIElementTypeWindow",
    "launcher_icon": "XCUIElementTypeIcon",
}
CONTAINERS = (
    "window",
    "content",
    "webview",
    "group",
    "tab_bar",
    "toolbar",
    "navbar",
    "dialog_window",
    "dialog",
    "launcher",
    "keyboard",
    "frame",
    "app",
)
# GET /attribute/{name}: the names WDA answers (wd* spellings are aliases)
ATTRIBUTES = (
    "type",
    "name",
    "label",
    "value",
    "enabled",
    "visible",
    "accessible",
    "selected",
    "hittable",
    "rect",
    "index",
    "placeholderValue",
    "focused",
)


def render(tree: ViewTree) -> FlavourTree:
    snap = tree.snapshot
    doc = FNode("device/AppiumAUT", "AppiumAUT", None)
    screen = GEOMETRY.screen
    if not snap.foreground:
        app = _node(
            doc,
            View("springboard", "app", screen, screen),
            "XCUIElementTypeApplication",
            name=SPRINGBOARD[1],
            label=SPRINGBOARD[1],
        )
        launcher = tree.root.children[0]
        window = _node(app, launcher, "XCUIElementTypeWindow")
        for icon in launcher.children:
            _view(window, icon)
        return FlavourTree(doc, DECLARATION)
    name = snap.app_name
    app = _node(doc, tree.root, "XCUIElementTypeApplication", name=name, label=name)
    for child in tree.root.children:
        if child.kind == "window":
            win = _node(app, child, "XCUIElementTypeWindow")
            other = _node(
                win, View(f"{child.key}#other", "frame", child.rect, child.clip), "XCUIElementTypeOther"
            )
            for grandchild in child.children:
                _view(other, grandchild)
        else:
            _view(app, child)
    return FlavourTree(doc, DECLARATION)


def _view(parent: FNode, view: View) -> None:
    over = view.element.ios if view.element is not None else None
    typ = (over.type if over and over.type else None) or TYPES.get(view.kind, "XCUIElementTypeOther")
    node = _node(parent, view, typ)
    if view.kind == "cell" and view.text:
        label = View(f"{view.key}#label", "text", view.rect, view.clip, owner=view.owner, text=view.text)
        _node(node, label, "XCUIElementTypeStaticText")
    for child in view.children:
        _view(node, child)


def _texts(view: View) -> tuple[str | None, str | None, str | None]:
    """(name, label, value) the way XCUITest reports them for this kind of widget."""
    over = view.element.ios if view.element is not None else None
    text = view.text or None
    if view.kind in ("input", "secure_input"):
        typed = view.text or ""
        shown = ("\u2022" * len(typed) if view.kind == "secure_input" else typed) or view.hint
        name, label, value = view.accessibility_id or view.hint, view.accessibility_id or "", shown
    elif view.kind in ("text", "header", "dialog_title", "dialog_message"):
        name, label, value = view.accessibility_id or text, text or view.accessibility_id, text
    elif view.kind == "switch":
        name, label, value = view.accessibility_id or text, text, "1" if view.checked else "0"
    elif view.kind in CONTAINERS:
        name, label, value = (
            view.accessibility_id or (text if view.kind in ("navbar", "dialog") else None),
            (text if view.kind == "dialog" else None),
            None,
        )
    else:
        name, label, value = view.accessibility_id or text, text or view.accessibility_id, None
    if over is not None:
        name = over.name if over.name is not None else name
        label = over.label if over.label is not None else label
        value = over.value if over.value is not None else value
    return name, label, value


def _node(parent: FNode, view: View, typ: str, name: str | None = None, label: str | None = None) -> FNode:
    if name is None and label is None:
        name, label, value = _texts(view)
    else:
        value = None
    r = view.rect
    x, y, w, h = round(r.x), round(r.y), round(r.w), round(r.h)
    visible = (view.visible and view.kind != "frame") or view.kind == "frame"
    accessible = view.kind not in CONTAINERS and view.kind != "frame"
    attrs: dict[str, str] = {"type": typ}
    if value is not None:
        attrs["value"] = value
    if name is not None:
        attrs["name"] = name
    if label is not None:
        attrs["label"] = label
    attrs.update(
        {
            "enabled": bool_str(view.enabled),
            "visible": bool_str(visible),
            "accessible": bool_str(accessible),
            "x": str(x),
            "y": str(y),
            "width": str(w),
            "height": str(h),
        }
    )
    props: dict[str, Any] = {
        "type": typ,
        "name": name,
        "label": label,
        "value": value,
        "enabled": view.enabled,
        "visible": visible,
        "accessible": accessible,
        "selected": view.selected,
        "focused": view.focused,
        "hittable": visible and view.enabled and view.tap is not None,
        "placeholderValue": view.hint,
        "rect": {"x": x, "y": y, "width": w, "height": h},
    }
    node = FNode(view.key, typ, view, attrs, props)
    parent.add(node)
    node.attrs["index"] = node.attrs.pop("index")  # WDA writes index last
    return node


def attribute(node: FNode, name: str) -> Any:
    if name.startswith("wd") and len(name) > 2:
        name = name[2].lower() + name[3:]
    if name == "index":
        return node.attrs.get("index")
    if name not in ATTRIBUTES:
        return None
    value = node.props.get(name)
    if isinstance(value, bool):
        return bool_str(value)
    if name == "rect":
        return json.dumps(value)
    return value
