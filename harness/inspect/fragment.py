"""A screen-map fragment for the live screen: element names, each with its locators per platform.

The rules (docs/devices.md, "Capturing the real locators"):
- Locators: per platform, the best selector the driver found unique, then the first unique `text:` one as
  a fallback when the best is not text. An element with no unique selector is left out, with a comment.
- One element on both platforms: inspected on an Android and an iOS device at once, two elements are the
  same when (1) what a person reads on them (text, content-desc, label, an input's hint or placeholder,
  compared without case and extra spaces) is the same and unique on each screen, else (2) their
  identifiers' words are the same and unique: the resource-id's entry name without its widget prefix
  (`btnSignOut` -> sign out) against the iOS identifier's last dotted part (`parcels.signOut` -> sign out).
  An element found on one platform only gets that platform's block only.
- Names: from the iOS identifier's last dotted part, else the resource-id's entry name without its widget
  prefix, else the first four words of its text, else its class; snake_case, the screen's name left off
  the front (`txtConsentTitle` on screen consent -> title), `_2`, `_3` when two would clash.
- The screen's name: `--screen NAME`, else the first dotted part most of the iOS identifiers share
  (`signIn.email`, `signIn.submit` -> sign_in), else the first word at least half of the resource-ids
  share (`login_email`, `login_password` -> login), else the first words of the top-most text, else
  `screen`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from harness.inspect.screen import Element, Screen, Suggestion
from harness.inspect.yamltext import flow

WIDGET_PREFIXES = frozenset({
    "btn", "button", "txt", "text", "tv", "lbl", "label", "input", "et", "edit", "lnk", "link", "row", "img",
    "iv", "image", "ic", "icon", "chk", "cb", "checkbox", "sw", "switch", "tab", "cell", "rb", "radio", "sp",
    "spinner", "fab", "toolbar", "tb",
})
NAME_WORDS = 4
IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def words(text: str) -> list[str]:
    """`btnConsentAcceptAll` -> [btn, consent, accept, all]; `Sign in` -> [sign, in]."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", text)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


def snake(parts: list[str]) -> str:
    return "_".join(parts)


def normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def identifier_words(element: Element, screen: Screen) -> list[str]:
    """The words of the identifier an element's name comes from (see the module's rules)."""
    raw = screen.source.reading.name_source(element.node)
    if not raw:
        return []
    if screen.platform == "ios":
        return words(raw.rpartition(".")[2])
    parts = words(raw)
    return parts[1:] if len(parts) > 1 and parts[0] in WIDGET_PREFIXES else parts


def label_key(element: Element, screen: Screen) -> str:
    return normalized(screen.source.reading.label(element.node))


@dataclass
class Entry:
    """One element of the fragment: its locators per platform (a platform it was not seen on is absent)."""

    elements: dict[str, Element] = field(default_factory=dict)
    screens: dict[str, Screen] = field(default_factory=dict)
    name: str = ""

    def add(self, element: Element, screen: Screen) -> Entry:
        self.elements[screen.platform] = element
        self.screens[screen.platform] = screen
        return self

    def locators(self, platform: str) -> list[dict[str, str | int]]:
        element = self.elements.get(platform)
        return chosen(element.unique()) if element else []

    def structural(self) -> bool:
        return any(self.locators(p) and _is_structural(self.locators(p)[0]) for p in self.elements)

    def name_words(self, screen_words: list[str]) -> list[str]:
        for platform in ("ios", "android"):
            if platform in self.elements:
                found = identifier_words(self.elements[platform], self.screens[platform])
                if found:
                    return _without_prefix(found, screen_words)
        for platform, element in self.elements.items():
            label = words(self.screens[platform].source.reading.label(element.node))[:NAME_WORDS]
            if label:
                return _without_prefix(label, screen_words)
        element = next(iter(self.elements.values()))
        return words(element.title.split(" ", 1)[0])


def _without_prefix(found: list[str], prefix: list[str]) -> list[str]:
    if prefix and found[:len(prefix)] == prefix and len(found) > len(prefix):
        return found[len(prefix):]
    return found


def _is_structural(selector: dict[str, str | int]) -> bool:
    return "index" in selector or "class_name" in selector or "xpath" in selector


def chosen(unique: list[Suggestion]) -> list[dict[str, str | int]]:
    """The best unique selector, then the first unique plain `text:` one when the best is not text."""
    if not unique:
        return []
    out = [unique[0].selector]
    if unique[0].key != "text":
        text = next((s for s in unique[1:] if s.key == "text" and "index" not in s.selector), None)
        if text is not None:
            out.append(text.selector)
    return out


def worth_an_entry(element: Element) -> bool:
    """A unique selector finds it, and it is not a container only its position finds (a scroll view)."""
    unique = element.unique()
    return bool(unique) and (not _is_structural(unique[0].selector) or not element.node.children)


def entry_elements(screen: Screen) -> list[Element]:
    """The elements worth an entry, less those an outer element's best selector already finds (a cell
    and the text inside it are one element to whoever taps it)."""
    out = []
    for element in screen.elements:
        if not worth_an_entry(element):
            continue
        parent = element.parent
        best = element.best
        if parent is not None and best is not None and parent.best is not None \
                and parent.best.selector == best.selector:
            continue
        out.append(element)
    return out


def match_platforms(screens: list[Screen]) -> list[Entry]:
    """Entries in the first screen's order; a second screen's elements join theirs by the module's rules."""
    first, *others = screens
    entries = [Entry().add(e, first) for e in entry_elements(first)]
    for other in others:
        pending = entry_elements(other)
        for key in (label_key, identifier_key):
            pending = _pair(entries, pending, other, key)
        entries.extend(Entry().add(e, other) for e in pending)
    return entries


def identifier_key(element: Element, screen: Screen) -> str:
    return " ".join(identifier_words(element, screen))


KeyOf = Callable[[Element, Screen], str]


def _pair(entries: list[Entry], pending: list[Element], screen: Screen, key: KeyOf) -> list[Element]:
    open_entries = [entry for entry in entries if screen.platform not in entry.elements]
    theirs: dict[str, list[Entry]] = {}
    for entry in open_entries:
        platform, element = next(iter(entry.elements.items()))
        k = key(element, entry.screens[platform])
        if k:
            theirs.setdefault(k, []).append(entry)
    mine = Counter(key(e, screen) for e in pending)
    left = []
    for element in pending:
        k = key(element, screen)
        if k and mine[k] == 1 and len(theirs.get(k, [])) == 1:
            theirs[k][0].add(element, screen)
        else:
            left.append(element)
    return left


def screen_name(screens: list[Screen]) -> str:
    dotted = Counter(
        e.node.get("name").partition(".")[0]
        for s in screens if s.platform == "ios" for e in s.elements
        if "." in s.source.reading.identifier(e.node))
    if dotted:
        prefix, count = dotted.most_common(1)[0]
        if count >= 2 and words(prefix):
            return snake(words(prefix))
    android = [identifier_words(e, s) for s in screens if s.platform == "android" for e in s.elements]
    firsts = Counter(found[0] for found in android if len(found) > 1)
    if firsts:
        first, count = firsts.most_common(1)[0]
        if count >= 2 and 2 * count >= len([found for found in android if found]):
            return first  # login_email, login_password, login_sign_in -> login
    labelled = [(e.node.rect.y if e.node.rect else 0, s.source.reading.label(e.node))
                for s in screens[:1] for e in s.elements if s.source.reading.label(e.node)]
    if labelled:
        top = words(min(labelled, key=lambda pair: pair[0])[1])[:3]
        if top:
            return _identifier(snake(top), "screen")
    return "screen"


def _identifier(name: str, kind: str) -> str:
    return name if IDENTIFIER.match(name) else f"{kind}_{name}"


@dataclass
class Fragment:
    screen: str
    devices: list[str]
    entries: list[Entry]
    skipped: list[str]  # elements with no unique selector

    def yaml(self) -> str:
        lines = [f'# Screen "{self.screen}" as `harness inspect` saw it on {", ".join(self.devices)}.',
                 "# Paste it into a screen map (its elements under `screens:`); rename the elements freely.",
                 "screens:", f"  {self.screen}:"]
        for entry in self.entries:
            lines.extend(entry_lines(entry, indent="    "))
        lines.extend(f"    # left out: {title}" for title in self.skipped)
        if not self.entries:
            lines.append("    {}")
        return "\n".join(lines) + "\n"

    def entry_yaml(self, entry: Entry) -> str:
        """One element as a screen map of its own (what the page shows for a clicked element)."""
        return "\n".join(["screens:", f"  {self.screen}:", *entry_lines(entry, indent="    ")]) + "\n"

    def entry_of(self, element: Element) -> Entry | None:
        return next((e for e in self.entries if element in e.elements.values()), None)


def entry_lines(entry: Entry, indent: str) -> list[str]:
    blocks = {p: entry.locators(p) for p in ("android", "ios") if p in entry.elements}
    out = [f"{indent}# structural: it breaks when the layout changes"] if entry.structural() else []
    values = list(blocks.values())
    if len(values) == 2 and values[0] == values[1]:
        shared = values[0][0] if len(values[0]) == 1 else values[0]
        return [*out, f"{indent}{entry.name}: {flow(shared)}"]
    out.append(f"{indent}{entry.name}:")
    out.extend(f"{indent}  {platform}: {flow(selectors)}" for platform, selectors in blocks.items())
    return out


def build_fragment(screens: list[Screen], name: str | None = None) -> Fragment:
    """The fragment of the screens (one per device; at most one per platform) under screen `name`."""
    platforms = [s.platform for s in screens]
    if len(set(platforms)) != len(platforms):
        raise ValueError("a fragment takes one screen per platform: inspect one Android and one iOS device")
    name = name or screen_name(screens)
    entries = match_platforms(screens)
    prefix = words(name)
    taken: Counter[str] = Counter()
    for entry in entries:
        base = _identifier(snake(entry.name_words(prefix)) or "element", "element")
        taken[base] += 1
        entry.name = base if taken[base] == 1 else f"{base}_{taken[base]}"
    skipped = [f"{e.title} on {s.platform}" + ("" if e.unique() else " (no selector finds it alone)")
               for s in screens for e in s.elements if not worth_an_entry(e)]
    return Fragment(name, [s.device for s in screens], entries, skipped)
