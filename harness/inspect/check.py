"""A screen map checked against the live screen: what each locator of each element finds, on this platform.

Each locator is translated as the runner translates it and sent to the driver (find_elements):
- `one`: one element, displayed: right; so are several nested in one another (a cell and its own text,
  a dialog and its title: the runner takes the outer one). `hidden`: one element, not displayed (below
  the fold: a scroll_to target): reported, not wrong.
- `several`: the runner would take the first of them: wrong. `refused`: the driver refuses it: wrong.
- `none` while the element is on screen (another of its locators finds it, or a live element looks like
  it): wrong, with the replacement. `none` with nothing like it on screen: the element is not shown now;
  the harness cannot tell that from a wrong locator, so it is reported as `absent`, wrong only `strict`.
A replacement is the element's best unique selector, of the wrong locator's kind when that one is unique.
The element is, in this order: the one another locator of the same entry finds; among the live elements
no other entry of the map finds, the one whose value of that kind is closest to the wrong value
(difflib: 0.6 or closer, and the last words alike: `consent.titel` -> `consent.title`, never
`parcel.status` -> `parcel.title`), else the one whose words hold every word of the entry's name; for
`several`, the first match (the one the runner takes).
Without a screen named, a screen of the map counts only when one of its locators finds its element.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from harness.inspect.candidates import candidates
from harness.inspect.fragment import identifier_words, words
from harness.inspect.probe import MAX_SCAN
from harness.inspect.screen import Element, Screen, Suggestion, suggestions_for
from harness.inspect.source import Node
from harness.inspect.yamltext import flow
from harness.scenario.model import ScreenMap
from harness.scenario.selectors import Locator, PlatformGap, SelectorError, resolve
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.steps import text_of

WRONG = ("several", "refused", "none")
CLOSE = 0.6
LAST_WORD = 0.75


@dataclass
class LocatorCheck:
    selector: dict[str, str | int]  # as the screen map writes it
    verdict: str  # one, hidden, several, none, refused, web
    matches: int = 0
    found: Node | None = None  # the element it picks (the first of several)
    detail: str = ""


@dataclass
class ElementCheck:
    screen: str
    name: str
    locators: list[LocatorCheck] = field(default_factory=list)
    replacement: dict[str, str | int] | None = None
    replaces: str = ""  # how the replacement's element was found
    note: str = ""  # no locator on this platform, a selector error

    @property
    def reference(self) -> str:
        return f"{self.screen}.{self.name}"

    def on_screen(self) -> bool:
        return any(loc.verdict in ("one", "hidden") for loc in self.locators)

    def wrong(self, strict: bool = False) -> list[LocatorCheck]:
        missed = strict or self.replacement is not None or self.on_screen()
        return [loc for loc in self.locators if loc.verdict in ("several", "refused")
                or (loc.verdict == "none" and missed) or (strict and loc.verdict == "hidden")]

    def absent(self) -> bool:
        return bool(self.locators) and all(loc.verdict in ("none", "web") for loc in self.locators) \
            and self.replacement is None


@dataclass
class ScreenCheck:
    name: str
    elements: list[ElementCheck]
    shown: bool  # one of its locators finds its element (or the screen was named)


@dataclass
class MapCheck:
    path: str
    device: str
    platform: str
    screens: list[ScreenCheck]
    strict: bool = False

    def checked(self) -> list[ScreenCheck]:
        return [s for s in self.screens if s.shown]

    def passed(self) -> bool:
        """Something was checked, and nothing checked is wrong."""
        return bool(self.checked()) and not self.wrong()

    def wrong(self) -> list[tuple[ElementCheck, LocatorCheck]]:
        return [(e, loc) for s in self.checked() for e in s.elements for loc in e.wrong(self.strict)]


def check_screen_map(screen_map: ScreenMap, screen: Screen, ctx: TranslateContext, *,
                     only: str | None = None, strict: bool = False) -> MapCheck:
    """Every element of the map (or of screen `only`) on the live `screen`; raises KeyError for an
    unknown `only`."""
    names = screen_map.screen_names()
    if only is not None:
        if only not in names:
            raise KeyError(only)
        names = [only]
    ctx = ctx.with_screens(screen_map).in_web(False)
    screens = []
    for name in names:
        elements = [check_element(screen_map, name, element, screen, ctx)
                    for element in screen_map.element_names(name)]
        shown = only is not None or any(e.on_screen() for e in elements)
        screens.append(ScreenCheck(name, elements, shown))
    claimed = {id(loc.found) for s in screens for e in s.elements for loc in e.locators
               if loc.verdict in ("one", "hidden") and loc.found is not None}
    for element in (e for s in screens if s.shown for e in s.elements):
        if any(loc.verdict in WRONG for loc in element.locators):
            _replace(element, screen, claimed)
    return MapCheck(screen_map.path, screen.device, screen.platform, screens, strict)


def check_element(screen_map: ScreenMap, screen_name: str, name: str, screen: Screen,
                  ctx: TranslateContext) -> ElementCheck:
    out = ElementCheck(screen_name, name)
    try:
        target = resolve(f"{screen_name}.{name}", ctx.platform, screen_map)
    except PlatformGap:
        out.note = f"no {ctx.platform} locator"
        return out
    except SelectorError as exc:
        out.note = str(exc)
        return out
    for loc in target.locators:
        out.locators.append(check_locator(loc, screen, ctx))
    return out


def check_locator(loc: Locator, screen: Screen, ctx: TranslateContext) -> LocatorCheck:
    selector: dict[str, str | int] = {loc.kind: loc.value}
    if loc.index is not None:
        selector["index"] = loc.index
    value = text_of(loc.value, ctx).text
    probe = screen.probe
    try:
        driver_loc = probe.driver_locator(loc.kind, value)
    except TranslateError:
        return LocatorCheck(selector, "web", detail="web content only: not checked on the native screen")
    found = probe.find_locator(str(driver_loc["using"]), str(driver_loc["value"]))
    if found.refused:
        return LocatorCheck(selector, "refused", detail=found.refused)
    picked = found.elements[loc.index:loc.index + 1] if loc.index is not None else found.elements[:1]
    if not picked:
        return LocatorCheck(selector, "none", found.count)
    node = screen.node_at(probe.rect(picked[0]))
    detail = ""
    if loc.index is None and found.count > 1:
        if not _nested(found.elements, screen):
            return LocatorCheck(selector, "several", found.count, node)
        detail = f"({found.count} nested in one another: the runner takes the outer one)"
    verdict = "one" if probe.displayed(picked[0]) else "hidden"
    return LocatorCheck(selector, verdict, found.count, node, detail)


def _nested(elements: list[Any], screen: Screen) -> bool:
    """Do the driver's matches lie on one branch of the tree (each inside the next)?"""
    if len(elements) > MAX_SCAN:
        return False
    nodes = [screen.node_at(screen.probe.rect(e)) for e in elements]
    if any(n is None for n in nodes):
        return False
    deepest = max(nodes, key=lambda n: len(list(n.ancestors())))  # type: ignore[union-attr]
    branch = {id(deepest), *(id(a) for a in deepest.ancestors())}  # type: ignore[union-attr]
    return all(id(n) in branch for n in nodes)


def _replace(check: ElementCheck, screen: Screen, claimed: set[int]) -> None:
    node, how = _element_meant(check, screen, claimed)
    if node is None:
        return
    suggestions = _suggestions(node, screen)
    unique = [s for s in suggestions if s.unique]
    if not unique:
        return
    kinds = {next(iter(loc.selector)) for loc in check.locators if loc.verdict in WRONG}
    same_kind = next((s for s in unique if s.key in kinds and "index" not in s.selector), None)
    check.replacement = (same_kind or unique[0]).selector
    check.replaces = how


def _element_meant(check: ElementCheck, screen: Screen, claimed: set[int]) -> tuple[Node | None, str]:
    working = [loc for loc in check.locators if loc.verdict == "one" and loc.found is not None]
    if working:
        return working[0].found, f"the element {flow(working[0].selector)} finds"
    several = next((loc for loc in check.locators if loc.verdict == "several" and loc.found), None)
    if several is not None:
        return several.found, f"the first of {several.matches} matches, the one the runner takes"
    free = [e for e in screen.elements if id(e.node) not in claimed]
    for loc in check.locators:
        if loc.verdict == "none":
            kind, value = next(iter(loc.selector.items()))
            close = _closest(str(value), kind, free, screen)
            if close is not None:
                return close, f"the closest {kind} on screen"
    named = _by_name(check.name, free, screen)
    if named is not None:
        return named, f"its words hold the name {check.name}"
    return None, ""


def _values(element: Element, kind: str, screen: Screen) -> list[str]:
    """What a live element has for a selector kind (its own candidates of that kind)."""
    return [c.value for c in candidates(element.node, screen.source.reading, screen.app_id) if c.key == kind]


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


def _alike(wrong: str, own: str) -> float:
    """How alike two values are (0 when their last words differ: another element of the same screen)."""
    last_wrong, last_own = (words(wrong) or [""])[-1], (words(own) or [""])[-1]
    if similarity(last_wrong, last_own) < LAST_WORD:
        return 0.0
    return similarity(wrong, own)


def _closest(value: str, kind: str, elements: list[Element], screen: Screen) -> Node | None:
    scored: list[tuple[float, Element]] = []
    for element in elements:
        for own in _values(element, kind, screen):
            scored.append((_alike(value, own), element))
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if not scored or scored[0][0] < CLOSE or (len(scored) > 1 and scored[1][0] == scored[0][0]
                                              and scored[1][1] is not scored[0][1]):
        return None
    return scored[0][1].node


def _by_name(name: str, elements: list[Element], screen: Screen) -> Node | None:
    wanted = set(words(name))
    hits = []
    for element in elements:
        own = set(identifier_words(element, screen)) | set(words(screen.source.reading.label(element.node)))
        if wanted and wanted <= own:
            hits.append(element.node)
    return hits[0] if len(hits) == 1 else None


def _suggestions(node: Node, screen: Screen) -> list[Suggestion]:
    element = screen.element_of(node)
    if element is not None:
        return element.suggestions
    return suggestions_for(node, screen.source, screen.probe, screen.app_id)

