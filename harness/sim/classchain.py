"""`-ios class chain`: WebDriverAgent's lightweight XPath.

`**/XCUIElementTypeCell[`name BEGINSWITH "A"`][-1]/XCUIElementTypeButton[2]`: segments separated by
`/`, `**/` for any depth, `*` or XCUIElementTypeAny for any type, 1-based indexes (negative from the
end) applied to the combined matches, `` [`predicate`] `` filters and `[$predicate$]` for
"has a descendant matching".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from harness.sim.errors import invalid_selector
from harness.sim.nodes import FNode
from harness.sim.predicate import ELEMENT_TYPES, compile_predicate


@dataclass
class Segment:
    descendants: bool
    type: str | None  # None = any type
    filters: list[tuple[str, Any]] = field(default_factory=list)  # ("index", n) | ("pred", f) | ("desc", f)


def parse(source: str) -> list[Segment]:
    if not source.strip():
        raise invalid_selector("The class chain is empty")
    segments: list[Segment] = []
    i, n = 0, len(source)

    def fail(what: str) -> None:
        raise invalid_selector(f"Invalid class chain {source!r}: {what} at position {i}")

    descendants = False
    while i < n:
        if source.startswith("**/", i):
            if descendants:
                fail("'**/' twice in a row")
            descendants = True
            i += 3
            continue
        j = i
        while j < n and (source[j].isalnum() or source[j] in "*_"):
            j += 1
        name = source[i:j]
        if not name:
            fail("expected an element type or '*'")
        if name in ("*", "XCUIElementTypeAny"):
            typ = None
        elif name in ELEMENT_TYPES:
            typ = name
        else:
            fail(f"'{name}' is not a known XCUIElementType class name")
        segment = Segment(descendants, typ)
        i = j
        while i < n and source[i] == "[":
            end = _closing(source, i)
            if end < 0:
                fail("unclosed '['")
            body = source[i + 1 : end].strip()
            if len(body) >= 2 and body[0] == body[-1] == "`":
                segment.filters.append(("pred", compile_predicate(body[1:-1])))
            elif len(body) >= 2 and body[0] == body[-1] == "$":
                segment.filters.append(("desc", compile_predicate(body[1:-1])))
            else:
                try:
                    index = int(body)
                except ValueError:
                    fail(f"'[{body}]' is neither an index nor a `predicate` / $predicate$")
                if index == 0:
                    fail("indexes start at 1 (negative ones count from the end)")
                segment.filters.append(("index", index))
            i = end + 1
        segments.append(segment)
        descendants = False
        if i < n:
            if source[i] != "/":
                fail(f"unexpected {source[i]!r}")
            i += 1
            if i == n:
                fail("the chain ends with '/'")
    if descendants:
        raise invalid_selector(f"Invalid class chain {source!r}: '**/' must be followed by a class name")
    return segments


def _closing(source: str, start: int) -> int:
    """Index of the `]` closing the `[` at `start`, skipping backtick / dollar quoted predicates."""
    i = start + 1
    quote = None
    while i < len(source):
        ch = source[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "`$":
            quote = ch
        elif ch == "]":
            return i
        i += 1
    return -1


def evaluate(segments: list[Segment], start: list[FNode]) -> list[FNode]:
    current = start
    for segment in segments:
        candidates: list[FNode] = []
        seen: set[int] = set()
        for node in current:
            pool = node.descendants() if segment.descendants else iter(node.children)
            for child in pool:
                if id(child) not in seen and (segment.type is None or child.tag == segment.type):
                    seen.add(id(child))
                    candidates.append(child)
        for kind, value in segment.filters:
            candidates = _apply(kind, value, candidates)
        current = candidates
    return current


def _apply(kind: str, value: Any, nodes: list[FNode]) -> list[FNode]:
    if kind == "index":
        position = value - 1 if value > 0 else len(nodes) + value
        return [nodes[position]] if 0 <= position < len(nodes) else []
    test: Callable[[dict[str, Any]], bool] = value
    if kind == "pred":
        return [n for n in nodes if test(n.props)]
    return [n for n in nodes if any(test(d.props) for d in n.descendants())]
