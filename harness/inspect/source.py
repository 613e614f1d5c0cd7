"""A driver's page source as a tree of nodes, read the way each driver writes it.

UiAutomator2 writes `android.widget.*` nodes under `<hierarchy>` with resource-id, content-desc, text,
clickable, displayed and `bounds="[x1,y1][x2,y2]"`; XCUITest writes `XCUIElementType*` nodes under
`<AppiumAUT>` with name, label, value, visible, enabled and x/y/width/height. One `Reading` object per
platform carries everything platform-specific, so the rest of the package asks questions, not attributes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from harness.drivers import Platform

BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")
PARAGRAPH = 80  # a text leaf longer than this, with no identifier and no action, is prose: not listed


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    def same(self, other: Rect | None, tolerance: int = 1) -> bool:
        if other is None:
            return False
        return all(abs(a - b) <= tolerance for a, b in zip(self.astuple(), other.astuple(), strict=True))

    def astuple(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.width, self.height)

    @classmethod
    def of(cls, value: dict[str, object] | None) -> Rect | None:
        """A W3C element rect (`{x, y, width, height}`, possibly floats)."""
        if not value:
            return None
        try:
            return cls(*(round(float(value[k])) for k in ("x", "y", "width", "height")))  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(eq=False)
class Node:
    cls: str
    attrs: dict[str, str]
    rect: Rect | None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    step: str = ""  # this node's xpath step below its parent: `android.widget.Button[2]`
    order: int = 0  # position in document order

    def get(self, name: str) -> str:
        return self.attrs.get(name, "")

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _true(value: str, default: bool) -> bool:
    return default if not value else value.lower() == "true"


class AndroidReading:
    """UiAutomator2's page source."""

    platform: Platform = "android"
    identifier_attr = "resource-id"
    INPUTS = ("EditText", "AutoCompleteTextView", "SearchView")

    def rect(self, attrs: dict[str, str]) -> Rect | None:
        match = BOUNDS.fullmatch(attrs.get("bounds", ""))
        if not match:
            return None
        x1, y1, x2, y2 = (int(v) for v in match.groups())
        return Rect(x1, y1, x2 - x1, y2 - y1)

    def displayed(self, node: Node) -> bool:
        return _true(node.get("displayed"), True)

    def enabled(self, node: Node) -> bool:
        return _true(node.get("enabled"), True)

    def is_input(self, node: Node) -> bool:
        return node.cls.endswith(self.INPUTS)

    def actions(self, node: Node) -> list[str]:
        found = [name for name in ("clickable", "long-clickable", "checkable", "scrollable")
                 if _true(node.get(name), False)]
        if self.is_input(node):
            found.append("editable")
        return found

    def identifier(self, node: Node) -> str:
        """The resource-id, as the page source has it (`org.example.app:id/btnTrack`)."""
        return node.get("resource-id")

    def description(self, node: Node) -> str:
        return node.get("content-desc")

    def text(self, node: Node) -> str:
        """The visible text a `text:` selector can rely on: not an input's hint or typed content."""
        if self.is_input(node) or _true(node.get("password"), False):
            return ""
        return node.get("text")

    def label(self, node: Node) -> str:
        """What a person reads on the element (an input's hint included): the key of cross-platform
        matching and of names."""
        if self.is_input(node):
            return node.get("hint") or (node.get("text") if _true(node.get("showing-hint"), False) else "")
        return node.get("text") or node.get("content-desc")

    def identity(self, node: Node, app_id: str) -> list[tuple[str, str]]:
        """Attribute selectors of this node in the harness's keys, best first: id, accessibility id, text."""
        out: list[tuple[str, str]] = []
        resource_id = self.identifier(node)
        if resource_id:
            prefix = f"{app_id}:id/"
            # the `id` strategy adds the app's own `package:id/` itself; another package's ids stay whole
            out.append(("id", resource_id[len(prefix):] if app_id and resource_id.startswith(prefix)
                        else resource_id))
        if self.description(node):
            out.append(("accessibility_id", self.description(node)))
        if self.text(node):
            out.append(("text", self.text(node)))
        return out

    def name_source(self, node: Node) -> str:
        """The identifier element names are made from: the resource-id's entry name."""
        return self.identifier(node).rpartition(":id/")[2] if self.identifier(node) else ""

    def absolute(self, chain: list[Node]) -> str:
        """An xpath from the document element (`hierarchy`, as UiAutomator2 dumps it) down to chain[-1]."""
        return "/hierarchy/" + "/".join(node.step for node in chain)


class IosReading:
    """XCUITest's (WebDriverAgent's) page source."""

    platform: Platform = "ios"
    identifier_attr = "name"
    INPUTS = ("XCUIElementTypeTextField", "XCUIElementTypeSecureTextField", "XCUIElementTypeSearchField",
              "XCUIElementTypeTextView")
    ACTIONABLE = ("XCUIElementTypeButton", "XCUIElementTypeLink", "XCUIElementTypeCell",
                  "XCUIElementTypeSwitch", "XCUIElementTypeSlider", "XCUIElementTypeStepper",
                  "XCUIElementTypeSegmentedControl", "XCUIElementTypePicker", "XCUIElementTypePickerWheel",
                  "XCUIElementTypeTab", "XCUIElementTypeMenuItem", "XCUIElementTypeToggle",
                  "XCUIElementTypeKey", "XCUIElementTypePageIndicator")
    SCROLLERS = ("XCUIElementTypeScrollView", "XCUIElementTypeTable", "XCUIElementTypeCollectionView",
                 "XCUIElementTypeWebView")

    def rect(self, attrs: dict[str, str]) -> Rect | None:
        try:
            return Rect(*(round(float(attrs[k])) for k in ("x", "y", "width", "height")))
        except (KeyError, ValueError):
            return None

    def displayed(self, node: Node) -> bool:
        return _true(node.get("visible"), True)

    def enabled(self, node: Node) -> bool:
        return _true(node.get("enabled"), True)

    def is_input(self, node: Node) -> bool:
        return node.cls in self.INPUTS

    def actions(self, node: Node) -> list[str]:
        if self.is_input(node):
            return ["editable"]
        if node.cls in self.ACTIONABLE:
            return ["tappable"]
        if node.cls in self.SCROLLERS:
            return ["scrollable"]
        return []

    def identifier(self, node: Node) -> str:
        """The accessibility identifier: `name`, when it is not just the label (XCUITest falls back to
        the label, or the value, for elements the app gave no identifier)."""
        name = node.get("name")
        if not name or name in (node.get("label"), node.get("value")):
            return ""
        return name

    def description(self, node: Node) -> str:
        return ""

    def text(self, node: Node) -> str:
        if self.is_input(node):
            return ""  # the value is the placeholder or what was typed: no stable text
        return node.get("label") or node.get("value")

    def label(self, node: Node) -> str:
        if self.is_input(node):
            return node.get("placeholderValue") or node.get("label") or node.get("value")
        return node.get("label") or node.get("value") or node.get("name")

    def identity(self, node: Node, app_id: str) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.identifier(node):
            out.append(("accessibility_id", self.identifier(node)))  # `id` is the same lookup on XCUITest
        elif self.is_input(node) and node.get("name"):
            # WebDriverAgent's name is the identifier, else the label: never what was typed, so it finds an
            # input that has no identifier where `text:` would not (its value changes as one types)
            out.append(("accessibility_id", node.get("name")))
        if self.text(node):
            out.append(("text", self.text(node)))
        return out

    def name_source(self, node: Node) -> str:
        return self.identifier(node)

    def absolute(self, chain: list[Node]) -> str:
        """An xpath from the application down to chain[-1]: WebDriverAgent's own document element is not
        the page source's `AppiumAUT`, so the path starts at the (only) application node."""
        head, rest = chain[0], chain[1:]
        return "//" + head.cls + "".join("/" + node.step for node in rest)


Reading = AndroidReading | IosReading
READINGS: dict[str, Reading] = {"android": AndroidReading(), "ios": IosReading()}


@dataclass
class Source:
    """A parsed page source: its nodes in document order, and the platform's reading of them."""

    reading: Reading
    roots: list[Node]
    nodes: list[Node]

    def listed(self, node: Node, *, everything: bool = False) -> bool:
        """Is this node worth a screen-map entry: displayed, and something a user acts on, reads, or
        that the app identified? Layout containers and prose are left out (`everything`: all nodes)."""
        r = self.reading
        if everything:
            return True
        if not r.displayed(node):
            return False
        if r.actions(node):
            return True
        if node.children:
            return bool(r.description(node))  # a container is listed only when it is labelled
        if r.identifier(node) or r.description(node):
            return True
        text = r.text(node)
        return bool(text) and len(text) <= PARAGRAPH

    def same_class(self, node: Node) -> list[Node]:
        return [n for n in self.nodes if n.cls == node.cls]


def parse_source(xml: str, platform: Platform) -> Source:
    """The page source as nodes; raises ValueError when it is not XML."""
    reading = READINGS[platform]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             remove_pis=True, huge_tree=False)
    try:
        document = etree.fromstring(xml.encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"the page source is not XML: {exc}") from None
    nodes: list[Node] = []

    def build(element: etree._Element, parent: Node | None, step: str) -> Node:
        attrs = {str(k): str(v) for k, v in element.attrib.items()}
        node = Node(str(element.tag), attrs, reading.rect(attrs), parent, step=step, order=len(nodes))
        nodes.append(node)
        seen: dict[str, int] = {}
        for child in element:
            if not isinstance(child.tag, str):
                continue
            seen[child.tag] = seen.get(child.tag, 0) + 1
            node.children.append(build(child, node, f"{child.tag}[{seen[child.tag]}]"))
        return node

    top = [child for child in document if isinstance(child.tag, str)]
    roots: list[Node] = []
    seen: dict[str, int] = {}
    for element in top:  # the document element (hierarchy / AppiumAUT) itself is not an element of the app
        seen[element.tag] = seen.get(element.tag, 0) + 1
        roots.append(build(element, None, f"{element.tag}[{seen[element.tag]}]"))
    return Source(reading, roots, nodes)
