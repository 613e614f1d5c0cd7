"""One look at the live screen of one device: its elements, each with the selectors the harness suggests
and what the driver says each one finds."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any

from harness.drivers import Platform
from harness.inspect.candidates import Candidate, candidates
from harness.inspect.probe import Probe
from harness.inspect.source import Node, Rect, Source, parse_source
from harness.translate.context import TranslateContext, TranslateError

NATIVE = "NATIVE_APP"


@dataclass(frozen=True)
class Suggestion:
    selector: dict[str, str | int]  # scenario/selectors.py keys: {"id": "btnTrack"}, {"xpath": …, "index": 2}
    matches: int  # elements the driver's find_elements returned for the locator (before any index)
    unique: bool  # the selector picks this node, and nothing else
    structural: bool = False
    note: str = ""  # why it is not unique when that is not the count (refused, another element)

    @property
    def key(self) -> str:
        return next(iter(self.selector))

    def verdict(self) -> str:
        if self.note:
            return self.note
        if self.unique:
            return "unique" if "index" not in self.selector else f"unique (index among {self.matches})"
        return "none" if self.matches == 0 else f"{self.matches} matches"


@dataclass(eq=False)
class Element:
    node: Node
    parent: Element | None
    depth: int
    title: str  # `Button "Accept all"`
    actions: list[str]
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def best(self) -> Suggestion | None:
        return next((s for s in self.suggestions if s.unique), None)

    def unique(self) -> list[Suggestion]:
        return [s for s in self.suggestions if s.unique]


@dataclass
class Screen:
    device: str
    platform: Platform
    app_id: str
    size: tuple[int, int]
    source: Source
    elements: list[Element]
    probe: Probe
    note: str = ""  # e.g. the session was in a web view: the native screen is shown

    def element_of(self, node: Node) -> Element | None:
        return next((e for e in self.elements if e.node is node), None)

    def node_at(self, rect: Rect | None) -> Node | None:
        """The node the driver's element is: its rect, preferring a listed node, then the deepest."""
        if rect is None:
            return None
        same = [n for n in self.source.nodes if n.rect is not None and n.rect.same(rect)]
        listed = [n for n in same if self.element_of(n) is not None]
        pool = listed or same
        return pool[-1] if pool else None


def short_class(cls: str) -> str:
    return cls.rpartition(".")[2].removeprefix("XCUIElementType")


def title_of(node: Node, source: Source) -> str:
    label = source.reading.label(node)
    return f'{short_class(node.cls)} "{label}"' if label else short_class(node.cls)


def evaluate(node: Node, candidate: Candidate, probe: Probe) -> list[Suggestion]:
    """What the driver finds for one candidate: the plain selector, and an indexed one when the plain one
    finds several and exactly one of them is this node."""
    found = probe.find(candidate.key, candidate.value)
    selector: dict[str, str | int] = {candidate.key: candidate.value}
    structural = candidate.structural
    if found.refused:
        return [Suggestion(selector, 0, False, structural, f"refused: {found.refused}")]
    if found.count == 1:
        mine = node.rect is None or node.rect.same(probe.rect(found.elements[0]))
        return [Suggestion(selector, 1, mine, structural, "" if mine else "finds another element")]
    if found.count == 0:
        return [Suggestion(selector, 0, False, structural)]
    positions = probe.indices_of(found, node.rect)
    if positions is not None and len(positions) == found.count and candidate.key != "class_name":
        # a cell and its own text, say: one place on screen, the same tap whichever the runner takes
        nested = f"unique ({found.count} nested at one place)"
        return [Suggestion(selector, found.count, True, structural, nested)]
    out = [] if candidate.key == "class_name" else [Suggestion(selector, found.count, False, structural)]
    if positions is not None and len(positions) == 1:
        out.append(Suggestion({**selector, "index": positions[0]}, found.count, True, True))
    elif candidate.key == "class_name":
        out.append(Suggestion(selector, found.count, False, structural))
    return out


def suggestions_for(node: Node, source: Source, probe: Probe, app_id: str) -> list[Suggestion]:
    """Every suggestion for a node: what the app gave it first, then (stable) whatever needs the layout
    (an index among several matches, a class, an xpath)."""
    out: list[Suggestion] = []
    for candidate in candidates(node, source.reading, app_id):
        out.extend(evaluate(node, candidate, probe))
    return sorted(out, key=lambda suggestion: suggestion.structural)


def inspect_screen(driver: Any, ctx: TranslateContext, device: str, *, everything: bool = False) -> Screen:
    """Read the page source of the native screen, list its elements, and ask the driver about each one's
    selectors. A session in a web view is switched to the native context for the look, and back."""
    note = ""
    context = _current_context(driver)
    if context and context != NATIVE:
        note = f"the session was in {context}: this is the native screen around it"
        driver.switch_to.context(NATIVE)
    try:
        xml = driver.page_source
        size = driver.get_window_size()
        source = parse_source(xml, ctx.platform)
        try:
            app_id = ctx.app_id
        except TranslateError:
            app_id = ""
        probe = Probe(driver, ctx.in_web(False))
        elements = list_elements(source, everything)
        for element in elements:
            element.suggestions = suggestions_for(element.node, source, probe, app_id)
    finally:
        if context and context != NATIVE:
            with contextlib.suppress(Exception):
                driver.switch_to.context(context)
    return Screen(device, ctx.platform, app_id, (int(size["width"]), int(size["height"])), source, elements,
                  probe, note)


def list_elements(source: Source, everything: bool = False) -> list[Element]:
    """The listed nodes in document order, each under its nearest listed ancestor."""
    out: list[Element] = []
    by_node: dict[int, Element] = {}
    for node in source.nodes:
        if not source.listed(node, everything=everything):
            continue
        parent = next((by_node[id(a)] for a in node.ancestors() if id(a) in by_node), None)
        element = Element(node, parent, parent.depth + 1 if parent else 0, title_of(node, source),
                          source.reading.actions(node))
        by_node[id(node)] = element
        out.append(element)
    return out


def _current_context(driver: Any) -> str:
    try:
        return str(driver.current_context or "")
    except Exception:  # a driver without contexts (or one that refuses the call) is native
        return ""
