"""The UiAutomator2 page source: android.widget.* nodes, pixel bounds, only what is inside the viewport.

Like a RecyclerView, rows of the scrollable body exist in the tree only while some part of them is
on screen, and `bounds` are the visible part. A dialog is its own (active) window, so while one is
open the tree holds the dialog only, as UiAutomator2 shows it by default.
"""

from __future__ import annotations

from harness.sim.flavours.uiautomator2_device import GEOMETRY, LAUNCHER_PACKAGE
from harness.sim.geometry import Rect
from harness.sim.nodes import FlavourTree, FNode, bool_str
from harness.sim.tree import View, ViewTree

DIALOG_IDS = {  # AlertDialog's own resource ids
    "dialog_title": "android:id/alertTitle",
    "dialog_message": "android:id/message",
    "positive": "android:id/button1",
    "negative": "android:id/button2",
    "neutral": "android:id/button3",
}
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>"
CLASSES = {
    "button": "android.widget.Button",
    "text": "android.widget.TextView",
    "header": "android.widget.TextView",
    "input": "android.widget.EditText",
    "secure_input": "android.widget.EditText",
    "image": "android.widget.ImageView",
    "tab": "android.widget.FrameLayout",
    "cell": "android.view.ViewGroup",
    "list_item": "android.widget.TextView",
    "switch": "android.widget.Switch",
    "link": "android.widget.TextView",
    "group": "android.widget.LinearLayout",
    "tab_bar": "android.widget.LinearLayout",
    "toolbar": "android.view.ViewGroup",
    "window": "android.view.ViewGroup",
    "content": "androidx.recyclerview.widget.RecyclerView",
    "webview": "android.webkit.WebView",
    "dialog": "android.widget.LinearLayout",
    "dialog_title": "android.widget.TextView",
    "dialog_message": "android.widget.TextView",
    "dialog_button": "android.widget.Button",
    "launcher": "android.widget.FrameLayout",
    "launcher_icon": "android.widget.TextView",
}
ATTRIBUTES = (
    "index",
    "package",
    "class",
    "text",
    "content-desc",
    "resource-id",
    "checkable",
    "checked",
    "clickable",
    "enabled",
    "focusable",
    "focused",
    "long-clickable",
    "password",
    "scrollable",
    "selected",
    "bounds",
    "displayed",
    "hint",
    "showing-hint",
)
# attribute names UiAutomator2 also accepts through GET /attribute/{name}
ALIASES = {
    "contentDescription": "content-desc",
    "resourceId": "resource-id",
    "className": "class",
    "name": "content-desc",
    "longClickable": "long-clickable",
    "showingHint": "showing-hint",
}


def px(value: float) -> int:
    return round(value * GEOMETRY.scale)


def bounds(rect: Rect) -> str:
    return f"[{px(rect.x)},{px(rect.y)}][{px(rect.right)},{px(rect.bottom)}]"


def render(tree: ViewTree) -> FlavourTree:
    snap = tree.snapshot
    w, h = GEOMETRY.pixel_size
    root = FNode(
        "device/hierarchy",
        "hierarchy",
        None,
        {"index": "0", "class": "hierarchy", "rotation": "0", "width": str(w), "height": str(h)},
    )
    if not snap.foreground:
        launcher = tree.root.children[0]
        decor = _node(root, launcher, LAUNCHER_PACKAGE, "android.widget.FrameLayout", launcher.rect)
        for icon in launcher.children:
            _view(decor, icon, LAUNCHER_PACKAGE)
        return FlavourTree(root, DECLARATION)
    package = snap.model.android.package
    if tree.dialog is not None:
        box = tree.dialog.children[0]
        decor = _synthetic(root, tree.dialog.key, package, "android.widget.FrameLayout", box.rect)
        content = _synthetic(
            decor,
            f"{tree.dialog.key}#content",
            package,
            "android.widget.FrameLayout",
            box.rect,
            "android:id/content",
        )
        _view(content, box, package, resource_id="android:id/parentPanel")
        return FlavourTree(root, DECLARATION)
    window = tree.root.children[0]
    decor = _synthetic(root, f"{window.key}#decor", package, "android.widget.FrameLayout", window.rect)
    linear = _synthetic(decor, f"{window.key}#linear", package, "android.widget.LinearLayout", window.rect)
    body = Rect(0, GEOMETRY.status_bar, window.rect.w, window.rect.h - GEOMETRY.status_bar)
    content = _synthetic(
        linear, f"{window.key}#content", package, "android.widget.FrameLayout", body, "android:id/content"
    )
    _view(content, window, package, resource_id=f"{package}:id/{window.owner}_root")
    return FlavourTree(root, DECLARATION)


def _view(parent: FNode, view: View, package: str, resource_id: str | None = None) -> None:
    if view.kind == "keyboard" or (view.in_content and not view.visible):
        return  # the IME is another app's window; recycled rows are gone
    element = view.element
    over = element.android if element is not None else None
    cls = (over.class_ if over and over.class_ else None) or CLASSES.get(view.kind, "android.view.View")
    if view.kind == "content" and not view.scrollable:
        cls = "android.widget.FrameLayout"
    rid = (
        (over.resource_id if over and over.resource_id else None)
        or view.resource_id
        or DIALOG_IDS.get(view.variant or view.kind)
        or resource_id
    )
    if rid is not None and ":" not in rid:
        rid = f"{package}:id/{rid}"
    if view.kind == "content" and rid is None:
        rid = f"{package}:id/{view.owner}_list"
    node = _node(parent, view, package, cls, view.clip, rid)
    if view.kind == "tab" and view.text:  # BottomNavigationView item: icon frame + label
        label_rect = Rect(view.rect.x, view.rect.y + view.rect.h * 0.55, view.rect.w, view.rect.h * 0.4)
        label = View(
            f"{view.key}#label",
            "text",
            label_rect,
            view.clip.intersect(label_rect),
            owner=view.owner,
            text=view.text,
        )
        _node(node, label, package, "android.widget.TextView", label.clip)
        node.attrs["text"] = node.props["text"] = ""
    for child in view.children:
        _view(node, child, package)


def _synthetic(parent: FNode, key: str, package: str, cls: str, rect: Rect, rid: str | None = None) -> FNode:
    view = View(key, "frame", rect, rect)
    return _node(parent, view, package, cls, rect, rid)


def _node(parent: FNode, view: View, package: str, cls: str, rect: Rect, rid: str | None = None) -> FNode:
    element = view.element
    over = element.android if element is not None else None
    password = view.kind == "secure_input"
    editable = view.kind in ("input", "secure_input")
    text = view.text or ""
    if over is not None and over.text is not None:
        text = over.text
    if password and text:
        text = "\u2022" * len(text)
    showing_hint = editable and not text and bool(view.hint)
    if showing_hint:
        text = view.hint or ""
    desc = (over.content_desc if over and over.content_desc is not None else None) or view.accessibility_id
    clickable = view.tap is not None and view.kind not in ("keyboard", "dialog_window")
    checkable = view.checked is not None
    attrs: dict[str, str] = {"index": "0", "package": package, "class": cls, "text": text}
    if desc:
        attrs["content-desc"] = desc
    if rid:
        attrs["resource-id"] = rid
    attrs.update(
        {
            "checkable": bool_str(checkable),
            "checked": bool_str(view.checked),
            "clickable": bool_str(clickable),
            "enabled": bool_str(view.enabled),
            "focusable": bool_str(clickable or editable),
            "focused": bool_str(view.focused),
            "long-clickable": bool_str(view.long_press is not None),
            "password": bool_str(password),
            "scrollable": bool_str(view.scrollable),
            "selected": bool_str(view.selected),
            "bounds": bounds(rect),
            "displayed": "true",
        }
    )
    if view.hint:
        attrs["hint"] = view.hint
        attrs["showing-hint"] = bool_str(showing_hint)
    props = {
        "text": text,
        "content-desc": desc or "",
        "resource-id": rid or "",
        "class": cls,
        "package": package,
        "checkable": checkable,
        "checked": bool(view.checked),
        "clickable": clickable,
        "enabled": view.enabled,
        "focusable": clickable or editable,
        "focused": view.focused,
        "long-clickable": view.long_press is not None,
        "scrollable": view.scrollable,
        "selected": view.selected,
        "password": password,
    }
    return parent.add(FNode(view.key, cls, view, attrs, props))


def attribute(node: FNode, name: str) -> str | None:
    """GET /attribute/{name} as UiAutomator2 answers it (strings, "true"/"false")."""
    name = ALIASES.get(name, name)
    if name == "index":
        return node.attrs.get("index")
    if name not in ATTRIBUTES:
        return None
    return node.attrs.get(name, "" if name in ("content-desc", "resource-id", "text", "hint") else None)


def rect(node: FNode) -> dict[str, int]:
    view = node.view
    clip = view.clip if view is not None else Rect(0, 0, 0, 0)
    return {
        "x": px(clip.x),
        "y": px(clip.y),
        "width": px(clip.right) - px(clip.x),
        "height": px(clip.bottom) - px(clip.y),
    }
