"""`-android uiautomator`: parse the UiSelector / UiScrollable Java expressions UiAutomator2 accepts.

A small Java-expression reader (`new X(args).method(args)...`, string/int/bool/float literals,
statements separated by `;`); uiselector_search.py evaluates what it reads. Anything outside the
supported API is an `invalid selector`, as the UiAutomator2 server reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from harness.sim import text_patterns
from harness.sim.errors import invalid_selector

STRING_METHODS = {
    "text": ("text", "eq"),
    "textContains": ("text", "contains"),
    "textStartsWith": ("text", "starts"),
    "textMatches": ("text", "matches"),
    "description": ("content-desc", "eq"),
    "descriptionContains": ("content-desc", "contains"),
    "descriptionStartsWith": ("content-desc", "starts"),
    "descriptionMatches": ("content-desc", "matches"),
    "resourceId": ("resource-id", "eq"),
    "resourceIdMatches": ("resource-id", "matches"),
    "className": ("class", "eq"),
    "classNameMatches": ("class", "matches"),
    "packageName": ("package", "eq"),
    "packageNameMatches": ("package", "matches"),
}
BOOL_METHODS = {
    "checkable": "checkable",
    "checked": "checked",
    "clickable": "clickable",
    "enabled": "enabled",
    "focusable": "focusable",
    "focused": "focused",
    "longClickable": "long-clickable",
    "scrollable": "scrollable",
    "selected": "selected",
}
INT_METHODS = ("index", "instance")
SELECTOR_METHODS = ("childSelector", "fromParent")
SCROLLABLE_METHODS = (
    "scrollIntoView",
    "getChildByText",
    "getChildByDescription",
    "getChildByInstance",
    "setAsVerticalList",
    "setAsHorizontalList",
    "setMaxSearchSwipes",
    "setSwipeDeadZonePercentage",
    "scrollForward",
    "scrollBackward",
    "scrollToBeginning",
    "scrollToEnd",
    "flingForward",
    "flingBackward",
    "flingToBeginning",
    "flingToEnd",
)
ALL_SELECTOR_METHODS = sorted([*STRING_METHODS, *BOOL_METHODS, *INT_METHODS, *SELECTOR_METHODS])


@dataclass
class Selector:
    criteria: list[tuple[str, Any]] = field(default_factory=list)


@dataclass
class Scrollable:
    container: Selector
    calls: list[tuple[str, list[Any]]] = field(default_factory=list)


# ---- reading the Java expression -------------------------------------------------------------------
_TOKEN = re.compile(
    r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+(?:\.\d+)?[fFdDlL]?)|(?P<name>[A-Za-z_][\w.]*)'
    r"|(?P<punct>[().,;]))"
)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(body: str, source: str) -> str:
    out, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            nxt = body[i + 1] if i + 1 < len(body) else ""
            if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", body[i + 2 : i + 6]):
                out.append(chr(int(body[i + 2 : i + 6], 16)))
                i += 6
                continue
            if nxt not in _ESCAPES:
                raise invalid_selector(f"Invalid escape sequence \\{nxt} in UiSelector string in {source!r}")
            out.append(_ESCAPES[nxt])
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.tokens: list[tuple[str, str, int]] = []
        pos = 0
        while pos < len(source):
            m = _TOKEN.match(source, pos)
            if not m or m.end() == pos:
                if source[pos:].strip() == "":
                    break
                raise invalid_selector(
                    f"Could not parse UiSelector {source!r}: unexpected {source[pos:].strip()[:20]!r}"
                )
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind), m.start(kind)))
            pos = m.end()
        self.i = 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None or (value is not None and tok[1] != value):
            got = "end of input" if tok is None else repr(tok[1])
            want = repr(value) if value else "more input"
            raise invalid_selector(f"Could not parse UiSelector {self.source!r}: expected {want}, got {got}")
        self.i += 1
        return tok


def parse(source: str) -> list[Selector | Scrollable]:
    """One object per `;`-separated statement."""
    if not source.strip():
        raise invalid_selector("The UiSelector expression is empty")
    reader = _Reader(source)
    out: list[Selector | Scrollable] = []
    while reader.peek() is not None:
        if reader.peek()[1] == ";":
            reader.take(";")
            continue
        out.append(_statement(reader))
        if reader.peek() is not None:
            reader.take(";")
    if not out:
        raise invalid_selector(f"No UiSelector statement in {source!r}")
    return out


def first_statement(source: str) -> str:
    """The text of the first `;`-separated statement: what the UiAutomator2 server's single-element find
    evaluates (ElementLocationHelpers.toSelector takes the first of the parsed selectors; every statement
    must still parse)."""
    reader = _Reader(source)
    parse(source)
    end = next((pos for kind, text, pos in reader.tokens if kind == "punct" and text == ";" and pos > 0
                and source[:pos].strip()), len(source))
    return source[:end]


def _statement(reader: _Reader) -> Selector | Scrollable:
    tok = reader.peek()
    if tok is not None and tok[1] == "new":
        return _new(reader)
    if tok is not None and tok[1] == ".":
        reader.take(".")
    # shorthand accepted by UiAutomator2: `text("x")` means `new UiSelector().text("x")`
    selector = Selector()
    _methods(reader, selector, first=True)
    return selector


def _new(reader: _Reader) -> Selector | Scrollable:
    reader.take("new")
    cls = reader.take()[1]
    reader.take("(")
    if cls in ("UiSelector", "androidx.test.uiautomator.UiSelector"):
        reader.take(")")
        selector = Selector()
        _methods(reader, selector)
        return selector
    if cls in ("UiScrollable", "androidx.test.uiautomator.UiScrollable"):
        inner = _argument(reader)
        reader.take(")")
        if not isinstance(inner, Selector):
            raise invalid_selector("UiScrollable takes a UiSelector: new UiScrollable(new UiSelector()...)")
        scrollable = Scrollable(inner)
        while reader.peek() is not None and reader.peek()[1] == ".":
            reader.take(".")
            name = reader.take()[1]
            if name not in SCROLLABLE_METHODS:
                raise invalid_selector(
                    f"UiScrollable has no method '{name}' the driver supports; use one of: "
                    + ", ".join(SCROLLABLE_METHODS)
                )
            scrollable.calls.append((name, _arguments(reader)))
        return scrollable
    raise invalid_selector(f"'{cls}' is not a UiSelector or UiScrollable class")


def _methods(reader: _Reader, selector: Selector, first: bool = False) -> None:
    while reader.peek() is not None and (first or reader.peek()[1] == "."):
        if not first:
            reader.take(".")
        first = False
        name = reader.take()[1]
        args = _arguments(reader)
        _add(selector, name, args, reader.source)


def _arguments(reader: _Reader) -> list[Any]:
    reader.take("(")
    args: list[Any] = []
    while reader.peek() is not None and reader.peek()[1] != ")":
        args.append(_argument(reader))
        if reader.peek() is not None and reader.peek()[1] == ",":
            reader.take(",")
    reader.take(")")
    return args


def _argument(reader: _Reader) -> Any:
    kind, value, _ = reader.take()
    if kind == "str":
        return _unescape(value[1:-1], reader.source)
    if kind == "num":
        text = value.rstrip("fFdDlL")
        return float(text) if "." in text else int(text)
    if value in ("true", "false"):
        return value == "true"
    if value == "new":
        reader.i -= 1
        return _new(reader)
    raise invalid_selector(f"Could not parse UiSelector argument {value!r} in {reader.source!r}")


def _add(selector: Selector, name: str, args: list[Any], source: str) -> None:
    def want(types: tuple[type, ...], what: str) -> Any:
        if (
            len(args) != 1
            or not isinstance(args[0], types)
            or (bool not in types and isinstance(args[0], bool))
        ):
            raise invalid_selector(
                f"UiSelector.{name}() takes one {what} argument, got {args!r} in {source!r}"
            )
        return args[0]

    if name in STRING_METHODS:
        value = want((str,), "string")
        if STRING_METHODS[name][1] == "matches":
            text_patterns.check(value, f"{name}()")
        selector.criteria.append((name, value))
    elif name in BOOL_METHODS:
        selector.criteria.append((name, want((bool,), "boolean")))
    elif name in INT_METHODS:
        selector.criteria.append((name, want((int,), "int")))
    elif name in SELECTOR_METHODS:
        selector.criteria.append((name, want((Selector,), "UiSelector")))
    else:
        raise invalid_selector(
            f"UiSelector has no method '{name}' the driver supports; use one of: "
            f"{', '.join(ALL_SELECTOR_METHODS)}"
        )
