"""`css selector` in the native context, read as the drivers read it (@appium/css-locator-to-native).

Both drivers accept CSS on native screens and turn it into one of their own strategies: UiAutomator2
into a UiSelector, XCUITest into a class chain. This module parses the selector and normalises it
against a flavour's attribute schema into a `Rule`; each flavour's emitter writes the native
selector. Only the first comma-separated rule counts; descendant and child combinators nest rules;
errors are the drivers' own: "Invalid CSS selector" (syntax) or "Unsupported CSS selector" (a
feature or attribute the schema does not have).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from harness.sim.errors import invalid_selector

AttributeType = Literal["boolean", "numeric", "string"]
STRING_OPERATORS = ("=", "*=", "^=", "$=", "~=")


@dataclass(frozen=True)
class Schema:
    """The attributes a driver knows: canonical name -> (type, aliases); how booleans are written."""

    attributes: Mapping[str, tuple[AttributeType, tuple[str, ...]]]
    boolean_format: Literal["true-false", "zero-one"]


@dataclass(frozen=True)
class Entity:
    """An attribute or pseudo-class by its canonical (lower-case) name."""

    name: str
    value: str | None = None
    operator: str | None = None


@dataclass(frozen=True)
class Rule:
    tag: str | None = None
    classes: tuple[str, ...] = ()
    id: str | None = None
    attributes: tuple[Entity, ...] = ()
    pseudos: tuple[Entity, ...] = ()
    combinator: Literal["descendant", "child"] | None = None  # how this rule hangs off its parent
    nested: Rule | None = None


class Unsupported(Exception):
    """A feature or attribute the driver's converter does not take (an emitter may raise it too)."""


class Invalid(Exception):
    """Not a selector the driver's CSS parser reads (an emitter may raise it too)."""


def convert(css: str, schema: Schema, emit: Callable[[Rule], str]) -> str:
    """The native selector a driver makes of `css`, or its invalid-selector error."""
    try:
        return emit(parse(css, schema))
    except Invalid:
        raise invalid_selector(f"Invalid CSS selector '{css}'") from None
    except Unsupported:
        raise invalid_selector(f"Unsupported CSS selector '{css}'") from None


def parse(css: str, schema: Schema) -> Rule:
    """The first rule of `css`, normalised against `schema`."""
    return _normalise(_Parser(css).selector(), schema, nested=False)


def camel(name: str) -> str:
    """`long-clickable` -> `longClickable`, as the drivers name methods and keys after attributes."""
    joined = "".join(t[:1].upper() + t[1:].lower() for t in name.split("-"))
    return joined[:1].lower() + joined[1:]


# ---- syntax ------------------------------------------------------------------------------------------
_NAME_CHAR = r"(?:[_a-zA-Z0-9\-]|[^\x00-\x7f]|\\[0-9a-fA-F]{1,6}\s?|\\[^\n0-9a-fA-F])"
_START_CHAR = r"(?:[_a-zA-Z]|[^\x00-\x7f]|\\[0-9a-fA-F]{1,6}\s?|\\[^\n0-9a-fA-F])"
_IDENT = re.compile(rf"-?{_START_CHAR}{_NAME_CHAR}*")
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.DOTALL)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), text)


@dataclass
class _Compound:
    tag: str | None = None
    classes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # name, op, value
    pseudos: list[tuple[str, str | None]] = field(default_factory=list)
    combinator: str | None = None
    nested: _Compound | None = None


class _Parser:
    def __init__(self, text: str):
        self.s = text
        self.i = 0

    def selector(self) -> _Compound:
        rules = [self.rule()]
        while self.peek() == ",":
            self.i += 1
            rules.append(self.rule())
        self.space()
        if self.i != len(self.s):
            raise Invalid
        return rules[0]

    def rule(self) -> _Compound:
        self.space()
        head = current = self.compound()
        while True:
            had_space = self.space()
            ch = self.peek()
            if ch in (">", "+", "~"):
                self.i += 1
                self.space()
                combinator = ch
            elif had_space and ch not in ("", ","):
                combinator = " "
            else:
                return head
            nxt = self.compound()
            nxt.combinator = combinator
            current.nested = nxt
            current = nxt

    def compound(self) -> _Compound:
        part = _Compound()
        start = self.i
        if self.peek() == "*":
            self.i += 1
            part.tag = "*"
        elif (name := self.maybe_ident()) is not None:
            part.tag = name
        if self.peek() == "|":
            raise Invalid  # namespaces
        while True:
            ch = self.peek()
            if ch == "#":
                self.i += 1
                part.ids.append(self.ident())
            elif ch == ".":
                self.i += 1
                part.classes.append(self.ident())
            elif ch == "[":
                part.attributes.append(self.attribute())
            elif ch == ":":
                self.pseudo(part)
            elif ch == "&":
                raise Invalid
            else:
                break
        if self.i == start:
            raise Invalid
        return part

    def attribute(self) -> tuple[str, str | None, str | None]:
        self.i += 1
        self.space()
        name = self.ident()
        self.space()
        operator = value = None
        for op in ("^=", "$=", "*=", "~=", "="):
            if self.s.startswith(op, self.i):
                operator = op
                self.i += len(op)
                self.space()
                value = self.value()
                self.space()
                break
        if self.peek() != "]":
            raise Invalid
        self.i += 1
        return name, operator, value

    def value(self) -> str:
        ch = self.peek()
        if ch in ('"', "'"):
            end = self.i + 1
            while end < len(self.s) and self.s[end] != ch:
                end += 2 if self.s[end] == "\\" else 1
            if end >= len(self.s):
                raise Invalid
            raw, self.i = self.s[self.i + 1 : end], end + 1
            return _unescape(raw)
        if ch == "$":
            raise Unsupported  # substitutions
        return self.ident()

    def pseudo(self, part: _Compound) -> None:
        self.i += 1
        if self.peek() == ":":
            raise Unsupported  # pseudo-elements
        name = self.ident()
        argument = None
        if self.peek() == "(":
            depth, end = 0, self.i
            while end < len(self.s):
                depth += {"(": 1, ")": -1}.get(self.s[end], 0)
                if depth == 0:
                    break
                end += 1
            if end >= len(self.s):
                raise Invalid
            argument, self.i = self.s[self.i + 1 : end].strip(), end + 1
            if name.lower() in ("has", "not", "is", "where"):
                raise Unsupported  # selector arguments
        part.pseudos.append((name, argument))

    def ident(self) -> str:
        name = self.maybe_ident()
        if name is None:
            raise Invalid
        return name

    def maybe_ident(self) -> str | None:
        m = _IDENT.match(self.s, self.i)
        if m is None:
            return None
        self.i = m.end()
        return _unescape(m.group(0))

    def space(self) -> bool:
        start = self.i
        while self.i < len(self.s) and self.s[self.i] in " \t\n\r\f":
            self.i += 1
        return self.i > start

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""


# ---- normalising -------------------------------------------------------------------------------------
def _normalise(part: _Compound, schema: Schema, *, nested: bool) -> Rule:
    combinator: Literal["descendant", "child"] | None = None
    if nested or part.combinator is not None:
        if part.combinator in ("+", "~"):
            raise Unsupported
        combinator = "child" if part.combinator == ">" else "descendant"
    return Rule(
        tag=part.tag,
        classes=tuple(part.classes),
        id=part.ids[0] if part.ids else None,
        attributes=tuple(_entity(n, v, op, schema) for n, op, v in part.attributes),
        pseudos=tuple(_entity(n, v, None, schema) for n, v in part.pseudos),
        combinator=combinator,
        nested=_normalise(part.nested, schema, nested=True) if part.nested is not None else None,
    )


def _entity(name: str, value: str | None, operator: str | None, schema: Schema) -> Entity:
    canonical = next(
        (c for c, (_, aliases) in schema.attributes.items() if name.lower() in (c.lower(), *aliases)),
        None,
    )
    if canonical is None:
        raise Unsupported
    kind = schema.attributes[canonical][0]
    if kind == "boolean":
        return Entity(canonical.lower(), _boolean(value, schema.boolean_format))
    if kind == "numeric":
        return Entity(canonical.lower(), value, operator)
    if operator is not None and operator not in STRING_OPERATORS:
        raise Unsupported
    return Entity(canonical.lower(), value or "", operator)


def _boolean(raw: str | None, fmt: str) -> str:
    value = (raw or "").lower() or "true"
    if fmt == "zero-one":
        if value in ("0", "false"):
            return "0"
        if value in ("1", "true"):
            return "1"
        raise Unsupported
    if value not in ("true", "false"):
        raise Unsupported
    return value


def escape_regex(value: str) -> str:
    """JavaScript's `value.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')`, as the drivers escape."""
    return re.sub(r"([.*+?^${}()|\[\]\\])", r"\\\1", value)
