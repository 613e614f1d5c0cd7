"""Lay out a snapshot of the running app into a neutral ViewTree: a pure function of the snapshot.

Regions: top-docked bars under the status bar, bottom-docked bars above the home indicator, and the
body between them, which scrolls when its children are taller than it. Dialogs and the keyboard sit
on top. Everything is in logical units; flavours convert to pixels / points.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.sim.geometry import Rect
from harness.sim.model import Element
from harness.sim.snapshot import Snapshot
from harness.sim.tree import View, ViewTree

PAD = 16.0
GAP = 8.0
TAPPABLE_ROLES = ("button", "tab", "list_item", "cell", "link", "switch")
HEIGHTS = {
    "header": 56.0,
    "text": 32.0,
    "button": 48.0,
    "input": 56.0,
    "secure_input": 56.0,
    "image": 120.0,
    "tab": 64.0,
    "cell": 56.0,
    "list_item": 52.0,
    "switch": 48.0,
    "link": 40.0,
    "tab_bar": 64.0,
    "toolbar": 56.0,
    "group": 48.0,
}
FONT = {"header": 22.0, "text": 15.0, "link": 15.0}
BARS = ("tab_bar", "toolbar")


def text_lines(text: str, width: float, font: float) -> int:
    per_line = max(1, int(width / (font * 0.55)))
    words, lines, used = text.split(), 1, 0
    for word in words:
        need = len(word) + (1 if used else 0)
        if used and used + need > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += need
    return lines


def element_height(element: Element, width: float) -> float:
    if element.size is not None:
        return element.size[1]
    if element.height is not None:
        return element.height
    base = HEIGHTS.get(element.role, 48.0)
    if element.role in ("text", "header", "link") and element.text:
        font = FONT[element.role]
        return max(base, text_lines(element.text, width - 8, font) * font * 1.35 + 10)
    if element.children and element.role not in BARS:
        if element.direction == "row":
            return max(element_height(c, width / len(element.children)) for c in element.children)
        return sum(element_height(c, width) for c in element.children) + GAP * (len(element.children) - 1)
    return base


def build_tree(snap: Snapshot) -> ViewTree:
    geo = snap.geometry
    root = View("device/root", "app", geo.screen, geo.screen, owner="")
    if not snap.foreground:
        return _launcher(snap, root).index()
    screen_id = snap.screen or ""
    screen = snap.model.screens[screen_id]
    window = root.add(View(f"{screen_id}/#window", "window", geo.screen, geo.screen, owner=screen_id))
    tree = ViewTree(root, snap)
    top = geo.status_bar
    if geo.nav_bar and screen.back is not None and screen.back_button:
        top = _nav_bar(snap, window, screen_id, screen.title or "", screen.back_label, top)
    present = [(e, i) for i, e in enumerate(screen.elements) if snap.is_present(screen_id, e)]
    bars = _Region(snap, screen_id, bar=True)
    for element, i in [(e, i) for e, i in present if e.dock == "top"]:
        h = element_height(element, geo.width)
        bars.place(window, element, str(i), Rect(0, top, geo.width, h))
        top += h
    bottom = geo.height - geo.bottom_inset
    for element, i in reversed([(e, i) for e, i in present if e.dock == "bottom"]):
        h = element_height(element, geo.width)
        bottom -= h
        bars.place(window, element, str(i), Rect(0, bottom, geo.width, h))
    region = Rect(0, top, geo.width, max(0.0, bottom - top))
    kind = "webview" if screen.webview is not None else "content"
    content = View(f"{screen_id}/#content", kind, region, region, owner=screen_id)
    # the body goes between the bars in document order, like a real layout file
    window.children.insert(sum(1 for c in window.children if c.rect.y < region.y), content)
    content.parent = window
    cursor = GAP
    body = _Region(snap, screen_id, bar=False, clip=region)
    for element, i in [(e, i) for e, i in present if e.dock == "content"]:
        width = geo.width - 2 * PAD
        h = element_height(element, width)
        if element.position is not None:
            rect = Rect(element.position[0], region.y + element.position[1] - snap.scroll, width, h)
        else:
            rect = Rect(PAD, region.y + cursor - snap.scroll, width, h)
            cursor += h + GAP
        body.place(content, element, str(i), rect)
    tree.content, tree.content_height = content, cursor + PAD
    content.scrollable = tree.content_height > region.h + 0.5
    if snap.keyboard:
        kb = Rect(0, geo.height - geo.keyboard_height, geo.width, geo.keyboard_height)
        root.add(View("device/keyboard", "keyboard", kb, kb, owner="", tap=("keyboard",)))
    if snap.dialog is not None:
        tree.dialog = _dialog(snap, root, snap.dialog)
    return tree.index()


@dataclass(frozen=True)
class _Region:
    """The bars or the body of a screen: where its elements are laid out, and what clips them."""

    snap: Snapshot
    owner: str  # the screen the elements belong to
    bar: bool  # docked in a bar (else in the scrolling content)
    clip: Rect | None = None

    def place(self, parent: View, element: Element, path: str, rect: Rect) -> None:
        """A top-level element of the region: sized and aligned, then added with its children."""
        geo = self.snap.geometry
        if not self.bar and element.size is not None:
            rect = Rect(rect.x, rect.y, element.size[0], rect.h)
        if self.bar and element.role not in BARS:  # a docked header or button keeps the side margins
            width = element.size[0] if element.size is not None else geo.width - 2 * PAD
            rect = Rect(PAD, rect.y, width, rect.h)
        self.add(parent, element, path, _aligned(element, rect, parent_width=geo.width))

    def add(self, parent: View, element: Element, path: str, rect: Rect) -> None:
        snap, owner = self.snap, self.owner
        clip = (self.clip or snap.geometry.screen).intersect(rect)
        view = parent.add(_view(snap, owner, element, path, rect, clip))
        view.in_content = not self.bar
        kids = [(c, i) for i, c in enumerate(element.children) if snap.is_present(owner, c)]
        gap = 0.0 if element.role in BARS else GAP
        if element.direction == "row":
            for child, i, crect in _row(kids, rect, gap):
                self.add(view, child, f"{path}.{i}", crect)
            return
        y = rect.y
        for child, i in kids:
            h = element_height(child, rect.w)
            self.add(view, child, f"{path}.{i}", Rect(rect.x, y, rect.w, h))
            y += h + gap


def _view(snap: Snapshot, owner: str, element: Element, path: str, rect: Rect, clip: Rect) -> View:
    """The view of one element of the model, with the state it shows (typed text, focus, selection)."""
    key = f"{owner}/{element.id or '#' + path}"
    is_input = element.role in ("input", "secure_input")
    text = snap.inputs.get(key, "") if is_input else element.text
    selected = (
        element.selected
        if element.selected is not None
        else (element.role == "tab" and any(a.go == snap.screen for a in element.on_tap))
    )
    tappable = bool(element.on_tap) or is_input or element.role in TAPPABLE_ROLES
    return View(
        key,
        element.role,
        rect,
        clip,
        owner=owner,
        element=element,
        text=text,
        hint=element.hint,
        accessibility_id=element.accessibility_id,
        resource_id=element.resource_id,
        enabled=element.enabled,
        checked=element.checked,
        selected=bool(selected),
        focused=snap.focus == key,
        tap=("element", owner, element) if tappable else None,
        long_press=("long", owner, element) if element.on_long_press else None,
    )


def _row(children: list[tuple[Element, int]], rect: Rect, gap: float) -> list[tuple[Element, int, Rect]]:
    """Left to right; flexible children share the spare width. With none, right-aligned ones hug the right."""
    fixed = sum(c.size[0] for c, _ in children if c.size is not None)
    flexible = [c for c, _ in children if c.size is None]
    flex_w = (rect.w - fixed - gap * (len(children) - 1)) / len(flexible) if flexible else 0.0
    out: list[tuple[Element, int, Rect]] = []
    left, right = rect.x, rect.right
    pushed = {i for c, i in children if not flexible and c.align == "right"}
    for child, i in reversed(children):
        if i in pushed and child.size is not None:
            w, h = child.size
            right -= w
            out.append((child, i, Rect(right, rect.y + (rect.h - h) / 2, w, h)))
            right -= gap
    for child, i in children:
        if i in pushed:
            continue
        w, h = child.size if child.size is not None else (flex_w, rect.h)
        out.append((child, i, Rect(left, rect.y + (rect.h - h) / 2, w, h)))
        left += w + gap
    order = {i: n for n, (_, i) in enumerate(children)}
    return sorted(out, key=lambda item: order[item[1]])


def _aligned(element: Element, rect: Rect, parent_width: float) -> Rect:
    if element.size is None or element.align == "stretch":
        return rect
    w = element.size[0]
    if element.align == "right":
        return Rect(parent_width - PAD - w, rect.y, w, rect.h)
    if element.align == "center":
        return Rect((parent_width - w) / 2, rect.y, w, rect.h)
    return Rect(rect.x, rect.y, w, rect.h)


def _nav_bar(snap: Snapshot, window: View, screen_id: str, title: str, back_label: str, top: float) -> float:
    geo = snap.geometry
    bar = Rect(0, top, geo.width, geo.nav_bar)
    nav = window.add(View(f"{screen_id}/#navbar", "navbar", bar, bar, owner=screen_id, text=title))
    button = Rect(8, top + 4, 88, geo.nav_bar - 8)
    nav.add(
        View(
            f"{screen_id}/#back",
            "back_button",
            button,
            button,
            owner=screen_id,
            text=back_label,
            accessibility_id=back_label,
            tap=("back",),
        )
    )
    return top + geo.nav_bar


def _dialog(snap: Snapshot, root: View, dialog_id: str) -> View:
    geo = snap.geometry
    dialog = snap.model.dialogs[dialog_id]
    width = min(geo.width - 48, geo.dialog_width)
    inner = width - 48
    title_h = text_lines(dialog.title, inner, 20) * 27 + 8
    msg_h = text_lines(dialog.message, inner, 15) * 21 + 8 if dialog.message else 0.0
    buttons = sorted(
        enumerate(dialog.buttons), key=lambda b: ("neutral", "negative", "positive").index(b[1].kind)
    )
    over = geo.stack_dialog_buttons_over
    stacked = over is not None and len(buttons) > over
    button_h = 44.0 * (len(buttons) if stacked else 1)
    height = 24 + title_h + (msg_h + 8 if msg_h else 0) + 16 + button_h + 8
    box = Rect((geo.width - width) / 2, (geo.height - height) / 2, width, height)
    win = root.add(
        View(
            f"{dialog_id}/#window", "dialog_window", geo.screen, geo.screen, owner=dialog_id, tap=("outside",)
        )
    )
    view = win.add(View(f"{dialog_id}/#dialog", "dialog", box, box, owner=dialog_id, text=dialog.title))
    y = box.y + 24
    texts = [("title", dialog.title, title_h)]
    if dialog.message:
        texts.append(("message", dialog.message, msg_h))
    for part, text, part_h in texts:
        r = Rect(box.x + 24, y, inner, part_h)
        view.add(View(f"{dialog_id}/#{part}", f"dialog_{part}", r, r, owner=dialog_id, text=text))
        y += part_h + 8
    y += 16
    each_w = (width - 16) / (1 if stacked else len(buttons))
    for n, (index, button) in enumerate(buttons):
        if stacked:
            r = Rect(box.x + 8, y + 44 * n, width - 16, 44)
        else:
            r = Rect(box.x + 8 + each_w * n, y, each_w, 44)
        view.add(
            View(
                f"{dialog_id}/{button.id or index}",
                "dialog_button",
                r,
                r,
                owner=dialog_id,
                text=button.text,
                accessibility_id=button.text,
                variant=button.kind,
                tap=("dialog", dialog_id, index),
            )
        )
    return win


def _launcher(snap: Snapshot, root: View) -> ViewTree:
    geo = snap.geometry
    home = root.add(
        View(f"launcher/{snap.launcher_visit}/#window", "launcher", geo.screen, geo.screen, owner="launcher")
    )
    size = 64.0
    icon = Rect(PAD * 2, geo.status_bar + 48, size + 24, size + 28)
    home.add(
        View(
            f"launcher/{snap.launcher_visit}/icon",
            "launcher_icon",
            icon,
            icon,
            owner="launcher",
            text=snap.app_name,
            accessibility_id=snap.app_name,
            tap=("launch",),
        )
    )
    return ViewTree(root, snap)
