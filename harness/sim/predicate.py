"""`-ios predicate string`: the NSPredicate subset WebDriverAgent evaluates on element snapshots.

Comparisons (==, =, !=, <>, <, <=, >, >=, CONTAINS, BEGINSWITH, ENDSWITH, LIKE, MATCHES, IN, BETWEEN)
with [c]/[d]/[cd] modifiers, AND/OR/NOT (&&, ||, !), parentheses, TRUEPREDICATE/FALSEPREDICATE,
string/number/boolean/nil literals and the element keys WDA knows (with their `wd` aliases).
"""

from __future__ import annotations

import fnmatch
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from harness import patterns
from harness.sim import text_patterns
from harness.sim.errors import invalid_selector

# XCUIElementType raw values, in enum order (used by `elementType == 9`)
TYPE_NAMES = [
    "Any",
    "Other",
    "Application",
    "Group",
    "Window",
    "Sheet",
    "Drawer",
    "Alert",
    "Dialog",
    "Button",
    "RadioButton",
    "RadioGroup",
    "CheckBox",
    "DisclosureTriangle",
    "PopUpButton",
    "ComboBox",
    "MenuButton",
    "ToolbarButton",
    "Popover",
    "Keyboard",
    "Key",
    "NavigationBar",
    "TabBar",
    "TabGroup",
    "Toolbar",
    "StatusBar",
    "Table",
    "TableRow",
    "TableColumn",
    "Outline",
    "OutlineRow",
    "Browser",
    "CollectionView",
    "Slider",
    "PageIndicator",
    "ProgressIndicator",
    "ActivityIndicator",
    "SegmentedControl",
    "Picker",
    "PickerWheel",
    "Switch",
    "Toggle",
    "Link",
    "Image",
    "Icon",
    "SearchField",
    "ScrollView",
    "ScrollBar",
    "StaticText",
    "TextField",
    "SecureTextField",
    "DatePicker",
    "TextView",
    "Menu",
    "MenuItem",
    "MenuBar",
    "MenuBarItem",
    "Map",
    "WebView",
    "IncrementArrow",
    "DecrementArrow",
    "Timeline",
    "RatingIndicator",
    "ValueIndicator",
    "SplitGroup",
    "Splitter",
    "RelevanceIndicator",
    "ColorWell",
    "HelpTag",
    "Matte",
    "DockItem",
    "Ruler",
    "RulerMarker",
    "Grid",
    "LevelIndicator",
    "Cell",
    "LayoutArea",
    "LayoutItem",
    "Handle",
    "Stepper",
    "Tab",
    "TouchBar",
    "StatusItem",
]
ELEMENT_TYPES = {f"XCUIElementType{n}": i for i, n in enumerate(TYPE_NAMES)}
KEYS = (
    "name",
    "label",
    "value",
    "type",
    "elementType",
    "visible",
    "enabled",
    "accessible",
    "selected",
    "focused",
    "hittable",
    "placeholderValue",
    "rect",
    "rect.x",
    "rect.y",
    "rect.width",
    "rect.height",
    "identifier",
    "title",
    "index",
)
OPERATORS = ("==", "=", "!=", "<>", "<=", "=<", ">=", "=>", "<", ">")
WORD_OPERATORS = ("CONTAINS", "BEGINSWITH", "ENDSWITH", "LIKE", "MATCHES", "IN", "BETWEEN")

_TOKEN = re.compile(
    r"\s*(?:(?P<str>\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')"
    r"|(?P<num>-?\d+(?:\.\d+)?)"
    r"|(?P<op>==|!=|<>|<=|=<|>=|=>|&&|\|\||[=<>!(){},])"
    r"|(?P<mod>\[[a-zA-Z]+\])"
    r"|(?P<word>[A-Za-z_$][\w.]*))"
)
_ESC = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\", "0": "\0"}

Pred = Callable[[dict[str, Any]], bool]


class _Parser:
    def __init__(self, source: str):
        self.source = source
        self.tokens: list[tuple[str, str, int]] = []
        pos = 0
        stripped = source.rstrip()
        while pos < len(stripped):
            m = _TOKEN.match(stripped, pos)
            if not m or m.end() == pos:
                self.fail(f"unexpected character {stripped[pos:].lstrip()[:1]!r}", pos)
            kind = m.lastgroup or ""
            self.tokens.append((kind, m.group(kind), m.start(kind)))
            pos = m.end()
        self.i = 0

    def fail(self, what: str, pos: int | None = None) -> None:
        where = f" at position {pos}" if pos is not None else ""
        raise invalid_selector(f"Invalid predicate {self.source!r}: {what}{where}")

    def peek(self, offset: int = 0) -> tuple[str, str, int] | None:
        j = self.i + offset
        return self.tokens[j] if j < len(self.tokens) else None

    def take(self) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            self.fail("unexpected end of predicate")
        self.i += 1
        return tok  # type: ignore[return-value]

    def word(self, *words: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "word" and tok[1].upper() in words

    def op(self, *ops: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] == "op" and tok[1] in ops

    # expr := or
    def parse(self) -> Pred:
        if not self.tokens:
            self.fail("the predicate is empty")
        pred = self.or_()
        if self.peek() is not None:
            tok = self.peek()
            self.fail(f"unexpected {tok[1]!r}", tok[2])  # type: ignore[index]
        return pred

    def or_(self) -> Pred:
        parts = [self.and_()]
        while self.word("OR") or self.op("||"):
            self.take()
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else (lambda props: any(p(props) for p in parts))

    def and_(self) -> Pred:
        parts = [self.not_()]
        while self.word("AND") or self.op("&&"):
            self.take()
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else (lambda props: all(p(props) for p in parts))

    def not_(self) -> Pred:
        if self.word("NOT") or self.op("!"):
            self.take()
            inner = self.not_()
            return lambda props: not inner(props)
        return self.primary()

    def primary(self) -> Pred:
        if self.op("("):
            self.take()
            inner = self.or_()
            if not self.op(")"):
                self.fail("missing ')'", self.peek()[2] if self.peek() else None)
            self.take()
            return inner
        if self.word("TRUEPREDICATE"):
            self.take()
            return lambda props: True
        if self.word("FALSEPREDICATE"):
            self.take()
            return lambda props: False
        return self.comparison()

    def comparison(self) -> Pred:
        left = self.operand()
        tok = self.peek()
        if tok is None:
            self.fail("a comparison needs an operator (==, CONTAINS, ...)")
        if tok[0] == "op" and tok[1] in OPERATORS:
            operator = self.take()[1]
        elif tok[0] == "word" and tok[1].upper() in WORD_OPERATORS:
            operator = self.take()[1].upper()
        else:
            self.fail(f"expected an operator, got {tok[1]!r}", tok[2])
        flags = ""
        if self.peek() is not None and self.peek()[0] == "mod":
            flags = self.take()[1][1:-1].lower()
            if set(flags) - {"c", "d", "n"}:
                self.fail(f"unknown modifier [{flags}]")
        right = self.operand()
        return _compare(left, operator, flags, right, self)

    def operand(self) -> Callable[[dict[str, Any]], Any]:
        kind, value, pos = self.take()
        if kind == "str":
            text = _unescape(value[1:-1])
            return lambda props: text
        if kind == "num":
            number = float(value) if "." in value else int(value)
            return lambda props: number
        if kind == "op" and value == "{":
            items = []
            while not self.op("}"):
                items.append(self.operand())
                if self.op(","):
                    self.take()
                elif not self.op("}"):
                    self.fail("expected ',' or '}' in a collection", self.peek()[2] if self.peek() else None)
            self.take()
            return lambda props: [item(props) for item in items]
        if kind == "word":
            upper = value.upper()
            if upper in ("TRUE", "YES"):
                return lambda props: True
            if upper in ("FALSE", "NO"):
                return lambda props: False
            if upper in ("NIL", "NULL"):
                return lambda props: None
            key = _key(value)
            if key is None:
                self.fail(f"the key '{value}' is unknown; WebDriverAgent knows: {', '.join(KEYS)}", pos)
            return lambda props: _lookup(props, key)  # type: ignore[arg-type]
        self.fail(f"unexpected {value!r}", pos)
        raise AssertionError  # unreachable


def _key(word: str) -> str | None:
    if word.startswith("wd") and len(word) > 2 and word[2].isupper():
        word = word[2].lower() + word[3:]
    if word == "identifier":
        word = "name"
    if word == "title":
        word = "label"
    return word if word in KEYS else None


def _lookup(props: dict[str, Any], key: str) -> Any:
    if key == "elementType":
        return ELEMENT_TYPES.get(props.get("type") or "", 0)
    if key.startswith("rect."):
        return (props.get("rect") or {}).get(key[5:])
    return props.get(key)


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESC.get(m.group(1), m.group(1)), body)


def _fold(value: str, flags: str) -> str:
    if "d" in flags:
        value = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    if "c" in flags:
        value = value.casefold()
    return value


def _compare(left: Callable, operator: str, flags: str, right: Callable, parser: _Parser) -> Pred:
    if operator in ("MATCHES",):

        def regex(props: dict[str, Any]) -> bool:
            value, pattern = left(props), right(props)
            if not isinstance(value, str) or not isinstance(pattern, str):
                return False
            try:
                return text_patterns.full_match(pattern, value, ignore_case="c" in flags)
            except patterns.Error:
                parser.fail(f"invalid regular expression {pattern!r}")
                return False

        return regex
    if operator in ("CONTAINS", "BEGINSWITH", "ENDSWITH", "LIKE"):

        def text_op(props: dict[str, Any]) -> bool:
            value, other = left(props), right(props)
            if not isinstance(value, str) or not isinstance(other, str):
                return False
            value, other = _fold(value, flags), _fold(other, flags)
            if operator == "CONTAINS":
                return other in value
            if operator == "BEGINSWITH":
                return value.startswith(other)
            if operator == "ENDSWITH":
                return value.endswith(other)
            return fnmatch.fnmatchcase(value, other.replace("[", "[[]"))

        return text_op
    if operator == "IN":

        def within(props: dict[str, Any]) -> bool:
            value, items = left(props), right(props)
            items = items if isinstance(items, list) else [items]
            return any(_equal(value, item, flags) for item in items)

        return within
    if operator == "BETWEEN":

        def between(props: dict[str, Any]) -> bool:
            value, bounds = _number(left(props)), right(props)
            if value is None or not isinstance(bounds, list) or len(bounds) != 2:
                return False
            low, high = _number(bounds[0]), _number(bounds[1])
            return low is not None and high is not None and low <= value <= high

        return between
    if operator in ("==", "="):
        return lambda props: _equal(left(props), right(props), flags)
    if operator in ("!=", "<>"):
        return lambda props: not _equal(left(props), right(props), flags)

    def order(props: dict[str, Any]) -> bool:
        a, b = left(props), right(props)
        if isinstance(a, str) and isinstance(b, str):
            a, b = _fold(a, flags), _fold(b, flags)
        else:
            a, b = _number(a), _number(b)
            if a is None or b is None:
                return False
        return {"<": a < b, "<=": a <= b, "=<": a <= b, ">": a > b, ">=": a >= b, "=>": a >= b}[operator]

    return order


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    return None


def _equal(a: Any, b: Any, flags: str) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) and isinstance(b, str):
        return _fold(a, flags) == _fold(b, flags)
    na, nb = _number(a), _number(b)
    if na is not None and nb is not None:
        return na == nb
    return False


def compile_predicate(source: str) -> Pred:
    """A function props -> bool, or `invalid selector` naming what is wrong."""
    return _Parser(source).parse()
