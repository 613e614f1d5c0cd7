"""One WebDriver session on the simulated device: element references, finding, touching, typing.

Element ids point at a view key plus the visit of the screen (or dialog) it was found on; when that
view is gone (another screen, a recycled row on Android, a crash) the id is stale, as on a device.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any

from harness.sim import locators, webview
from harness.sim.caps import get
from harness.sim.errors import WebDriverError, invalid_argument, no_such_element, stale
from harness.sim.flavours.base import Flavour
from harness.sim.geometry import Geometry, Rect
from harness.sim.model import AppModel, Faults
from harness.sim.nodes import FlavourTree, FNode
from harness.sim.runtime import AppRuntime, AppState
from harness.sim.uiselector_search import ScrollHost
from harness.waiting import polls

NATIVE = "NATIVE_APP"


class Session:
    def __init__(
        self,
        flavour: Flavour,
        model: AppModel,
        caps: dict[str, Any],
        faults: Faults,
        data: dict[str, Any] | None,
        latency_ms: float | None,
    ):
        self.id = uuid.uuid4().hex
        self.flavour = flavour
        self.model = model
        self.caps = caps
        self.runtime = AppRuntime(model, flavour, faults, data)
        self.geometry: Geometry = self.runtime.geometry
        explicit = isinstance(caps.get("harness:faults"), dict) and "latency_ms" in caps["harness:faults"]
        latency = faults.latency_ms if explicit or latency_ms is None else latency_ms
        self.latency = latency / 1000.0
        # the drivers drop unknown `mobile:` arguments with a log line; opt in to refusing them
        self.strict_arguments = caps.get("harness:strictArguments") is True
        self.log: Callable[[str], None] = lambda message: None  # the server's log of this device
        self.timeouts = {"implicit": 0, "pageLoad": 300000, "script": 30000}
        self.settings = dict(flavour.settings)
        self.context = NATIVE
        self.handles: dict[str, tuple[str, tuple[str, int]]] = {}
        self.dead: set[str] = set()
        self.stale_pending = {(r.screen, r.element) for r in faults.stale_once}
        self.counts: Counter[str] = Counter()
        self.lock = threading.RLock()
        self._ftree: FlavourTree | None = None
        self._ftree_src: Any = None
        self.host = ScrollHost(
            nodes=lambda: self.tree().nodes,
            scroll=self._scroll_container,
            can_scroll=lambda node, d: self.runtime.can_scroll(d),
        )
        if get(caps, "autoLaunch") is not False:
            self.runtime.launch()

    # ---- trees ---------------------------------------------------------------------------------
    def tree(self) -> FlavourTree:
        view_tree = self.runtime.tree()
        key = (view_tree, self.context)  # the tree object itself: ids of freed trees get reused
        if (
            self._ftree is None
            or self._ftree_src is None
            or self._ftree_src[0] is not view_tree
            or (self._ftree_src[1] != self.context)
        ):
            if self.context == NATIVE:
                self._ftree = self.flavour.render(view_tree)
            else:
                screen = self._web_screen()
                assert screen.webview is not None
                self._ftree = webview.render(view_tree, screen.webview.title, screen.webview.url)
            self._ftree_src = key
        return self._ftree

    def _web_screen(self) -> Any:
        rt = self.runtime
        screen = rt.model.screens.get(rt.screen or "") if rt.running_in_foreground else None
        if screen is None or screen.webview is None:
            raise WebDriverError(
                "no such window",
                f"The web view is gone (the app left its web screen). Switch back to {NATIVE}.",
            )
        return screen

    def contexts(self) -> list[str]:
        rt = self.runtime
        screen = rt.model.screens.get(rt.screen or "") if rt.running_in_foreground else None
        out = [NATIVE]
        if screen is not None and screen.webview is not None:
            out.append(f"WEBVIEW_{rt.app_id}")
        return out

    def set_context(self, name: Any) -> None:
        if name is None:
            name = NATIVE
        if not isinstance(name, str) or name not in self.contexts():
            raise WebDriverError("no such context", "No such context found.")
        self.context = name

    # ---- element references -----------------------------------------------------------------------
    def token(self, node: FNode) -> tuple[str, int]:
        rt = self.runtime
        owner = node.view.owner if node.view is not None else ""
        if owner and owner == rt.dialog:
            return owner, rt.dialog_visit
        if owner and owner == rt.screen:
            return owner, rt.screen_visit
        return owner, 0

    def ref(self, node: FNode) -> dict[str, str]:
        eid = uuid.uuid4().hex[:20]
        self.handles[eid] = (node.key, self.token(node))
        return {"element-6066-11e4-a52e-4f735466cecf": eid, "ELEMENT": eid}

    def node(self, eid: str) -> FNode:
        handle = self.handles.get(eid)
        if handle is None:
            raise WebDriverError(
                "no such element",
                f"The element '{eid}' is not known in this session (it was never returned by a find)",
            )
        node = self.tree().by_key.get(handle[0])
        if eid in self.dead or node is None or self.token(node) != handle[1]:
            raise stale(eid)
        return node

    # ---- finding ----------------------------------------------------------------------------------
    def find_nodes(
        self, using: str, value: Any, context: FNode | None = None, notes: list[str] | None = None
    ) -> list[FNode]:
        if self.context != NATIVE:
            self._web_screen()
            xpath = webview.find_xpath_of(using, value)
            return locators.by_xpath(self.tree(), xpath, context)  # the web tree is an XML tree too
        finder = locators.Finder(
            self.tree, self.model, self.settings, self.host, [] if notes is None else notes
        )
        return self.flavour.find(finder, using, value, context)

    def find(self, body: Any, *, multiple: bool, parent: str | None = None) -> Any:
        if not isinstance(body, dict) or not isinstance(body.get("using"), str) or "value" not in body:
            raise invalid_argument("A find needs {'using': <strategy>, 'value': <selector>}")
        using, value = body["using"], body["value"]
        if not multiple and self.context == NATIVE:
            value = self.flavour.single_query(using, value)
        notes: list[str] = []  # what the flavour turned into "nothing found", for the message
        found: list[FNode] = []
        for _ in polls(self.timeouts["implicit"] / 1000.0, period=0.05, most=0.05):  # the implicit wait
            context = self.node(parent) if parent is not None else None
            found = self.find_nodes(using, value, context, notes)
            if found:
                break
        if multiple:
            return [self.ref(n) for n in found]
        if not found:
            raise no_such_element(using, value, notes[-1] if notes else None)
        return self.ref(found[0])

    def active(self) -> Any:
        rt = self.runtime
        if rt.focus is None:
            raise WebDriverError("no such element", "No element has the input focus")
        node = self.tree().by_key.get(rt.focus)
        if node is None:
            raise WebDriverError("no such element", "The focused element is not on screen")
        return self.ref(node)

    # ---- geometry helpers -------------------------------------------------------------------------
    def to_logical(self, value: float) -> float:
        return self.geometry.to_logical(value)

    def element_area(self, eid: str, visible_part: bool = True) -> Rect:
        view = self.node(eid).view
        return self.geometry.screen if view is None else self.flavour.element_area(view, visible_part)

    def content_height(self) -> float:
        content = self.runtime.tree().content
        return content.rect.h if content is not None else 0.0

    def scroll_in(self, area: Rect, dy: float) -> float:
        """Scroll the body if the gesture area lies on it (a swipe on the tab bar scrolls nothing)."""
        content = self.runtime.tree().content
        if content is None or area.intersect(content.rect).empty or not content.scrollable:
            return 0.0
        return self.runtime.scroll_by(dy)

    def _scroll_container(self, node: FNode, fraction: float) -> float:
        content = self.runtime.tree().content
        if content is None or node.view is not content:
            return 0.0
        return self.runtime.scroll_by(fraction * content.rect.h)

    def drag(self, x: float, y: float, dy: float) -> None:
        content = self.runtime.tree().content
        if content is not None and content.rect.contains(x, y) and self.runtime.tree().dialog is None:
            self.runtime.scroll_by(dy)

    def scroll_node_into_view(self, node: FNode) -> None:
        view = node.view
        content = self.runtime.tree().content
        if view is None or content is None or not view.in_content:
            return
        region = content.rect
        if view.rect.y < region.y:
            self.runtime.scroll_by(view.rect.y - region.y - 8)
        elif view.rect.bottom > region.bottom:
            self.runtime.scroll_by(view.rect.bottom - region.bottom + 8)

    def scroll_into_view(self, eid: str) -> None:
        self.scroll_node_into_view(self.node(eid))

    # ---- touching ---------------------------------------------------------------------------------
    def tap_at(self, x: float, y: float) -> None:
        self.runtime.tap(self.runtime.tree().hit(x, y))

    def long_press_at(self, x: float, y: float) -> None:
        self.runtime.long_press(self.runtime.tree().hit(x, y))

    def click(self, eid: str) -> None:
        node = self.node(eid)
        view = node.view
        if view is not None and self._fault_ref(view) in self.stale_pending:
            self.stale_pending.discard(self._fault_ref(view))
            self.dead.add(eid)
            raise stale(eid)
        scrolls_first = self.context != NATIVE or self.flavour.tap_scrolls_into_view
        if scrolls_first and view is not None and view.in_content and not view.visible:
            # a web view (WebDriver's element click) and XCUITest scroll a hidden element into view first
            self.scroll_node_into_view(node)
            node = self.node(eid)
        point = self.flavour.tap_point(node)
        if point is None:
            raise WebDriverError(
                "element not interactable", f"The element '{eid}' has no visible part to click"
            )
        self.tap_at(*point)

    @staticmethod
    def _fault_ref(view: Any) -> tuple[str, str]:
        """(screen or dialog, element id) as faults name it; dialog buttons by their id too."""
        return view.owner, view.element.id if view.element is not None else view.key.split("/", 1)[-1]

    # ---- typing -----------------------------------------------------------------------------------
    def _editable(self, eid: str) -> FNode:
        node = self.node(eid)
        view = node.view
        if view is None or view.kind not in ("input", "secure_input"):
            cls = node.tag
            raise WebDriverError(
                "invalid element state",
                f"Cannot set the element '{eid}' ({cls}) to a value: it is not a text field. "
                "Did you interact with the correct element?",
            )
        if not view.enabled:
            raise WebDriverError("invalid element state", f"The text field '{eid}' is disabled")
        return node

    def set_value(self, eid: str, text: str, *, replace: bool | None = None) -> None:
        node = self._editable(eid)
        view = node.view
        assert view is not None
        rt = self.runtime
        if self.flavour.send_keys_focuses and rt.focus != view.key:
            rt.focus, rt.keyboard = view.key, True  # XCUITest taps the field first, then types
            rt.changed()
        # UiAutomator2 sets the whole text; XCUITest types after what is there
        rt.type_text(view, text, replace=self.flavour.send_keys_replaces if replace is None else replace)

    def clear(self, eid: str) -> None:
        node = self._editable(eid)
        assert node.view is not None
        self.runtime.clear_text(node.view)

    def type_into_focused(self, text: str) -> None:
        rt = self.runtime
        view = rt.tree().by_key.get(rt.focus or "")
        if view is None:
            raise WebDriverError("invalid element state", "No text field has the focus to type into")
        rt.type_text(view, text, replace=False)

    def delete_char(self) -> None:
        rt = self.runtime
        if rt.focus is not None and rt.inputs.get(rt.focus):
            rt.inputs[rt.focus] = rt.inputs[rt.focus][:-1]
            rt.changed()

    # ---- alerts -----------------------------------------------------------------------------------
    def _dialog(self) -> Any:
        rt = self.runtime
        if rt.dialog is None or not rt.running_in_foreground:
            raise WebDriverError(
                "no such alert", "An attempt was made to operate on a modal dialog when one was not open"
            )
        return rt.model.dialogs[rt.dialog]

    def alert_buttons(self) -> list[str]:
        return [b.text for b in self._dialog().buttons]

    def alert_text(self) -> str:
        dialog = self._dialog()
        return dialog.title + (f"\n{dialog.message}" if dialog.message else "")

    def press_alert_button(self, kind: str, label: Any = None) -> None:
        dialog = self._dialog()
        if label is not None:
            matches = [i for i, b in enumerate(dialog.buttons) if b.text == label]
            if not matches:
                raise invalid_argument(
                    f"The alert has no button labelled {label!r}; it has: "
                    + ", ".join(b.text for b in dialog.buttons)
                )
            index = matches[0]
        else:
            candidates = [i for i, b in enumerate(dialog.buttons) if b.kind == kind]
            if not candidates:
                raise WebDriverError("unknown error", f"The alert has no {kind} button to press")
            index = candidates[0]
        view = next(
            v for v in self.runtime.tree().root.walk() if v.tap == ("dialog", self.runtime.dialog, index)
        )
        self.runtime.tap(view)

    # ---- misc -------------------------------------------------------------------------------------
    def back(self) -> None:
        rt = self.runtime
        if self.flavour.system_back:
            rt.back()
            return
        back = next((v for v in rt.tree().root.walk() if v.kind == "back_button"), None)
        if back is not None and rt.tree().dialog is None:
            rt.tap(back)

    def app_running(self) -> bool:
        return self.runtime.process == AppState.FOREGROUND
