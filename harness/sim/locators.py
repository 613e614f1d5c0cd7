"""Locator strategies of the native context, per flavour, as UiAutomator2 / XCUITest accept them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from harness.sim import classchain, predicate, uiselector
from harness.sim.errors import invalid_selector
from harness.sim.flavour import FlavourTree, FNode

STRATEGIES = {
    "android": ("id", "accessibility id", "class name", "xpath", "-android uiautomator"),
    "ios": (
        "id",
        "name",
        "accessibility id",
        "class name",
        "xpath",
        "-ios predicate string",
        "-ios class chain",
    ),
}
# UiAutomator2: a fully qualified resource id looks like `package:type/name`
_FULL_ID = re.compile(r"^[a-zA-Z_][a-zA-Z0-9._]*:[^/]+/\S+$")


@dataclass
class Finder:
    """What a search needs from the session."""

    platform: str
    tree: Callable[[], FlavourTree]
    package: str
    autocomplete_ids: bool
    host: uiselector.ScrollHost


def check_strategy(platform: str, using: str) -> None:
    if using not in STRATEGIES[platform]:
        hint = ""
        if using == "css selector":
            hint = " (css selector only works in a WEBVIEW context on the simulated device)"
        raise invalid_selector(
            f"Locator Strategy '{using}' is not supported for this session{hint}. "
            f"Supported strategies: {', '.join(STRATEGIES[platform])}"
        )


def find(finder: Finder, using: str, value: str, context: FNode | None = None) -> list[FNode]:
    """All matches in document order (a single find takes the first)."""
    check_strategy(finder.platform, using)
    if not isinstance(value, str):
        raise invalid_selector(f"The selector of '{using}' must be a string")
    tree = finder.tree()

    def scope() -> list[FNode]:
        current = finder.tree()
        if context is None:
            return current.nodes
        node = current.by_key.get(context.key)
        return list(node.descendants()) if node is not None else []

    if using == "xpath":
        return _xpath(tree, value, context)
    if using == "-android uiautomator":
        return uiselector.evaluate(uiselector.parse(value), scope, finder.host)
    if using == "-ios predicate string":
        test = predicate.compile_predicate(value)
        return [n for n in scope() if n.view is not None and test(n.props)]
    if using == "-ios class chain":
        segments = classchain.parse(value)
        start = [context] if context is not None else [n for n in tree.root.children]
        return classchain.evaluate(segments, start)
    nodes = scope()
    if finder.platform == "android":
        if using == "id":
            rid = (
                value
                if (not finder.autocomplete_ids or _FULL_ID.match(value))
                else f"{finder.package}:id/{value}"
            )
            return [n for n in nodes if n.props.get("resource-id") == rid]
        if using == "accessibility id":
            return [n for n in nodes if n.props.get("content-desc") == value]
        return [n for n in nodes if n.tag == value and n.tag != "hierarchy"]  # class name
    if using in ("id", "name", "accessibility id"):
        return [n for n in nodes if n.view is not None and n.props.get("name") == value]
    return [n for n in nodes if n.tag == value]  # class name


def _xpath(tree: FlavourTree, expression: str, context: FNode | None) -> list[FNode]:
    root = tree.xml
    target = root if context is None else tree.xml_of.get(context.key)
    if target is None:
        return []
    try:
        result = (
            target.xpath(expression) if context is not None else etree.ElementTree(root).xpath(expression)
        )
    except (etree.XPathEvalError, etree.XPathSyntaxError) as exc:
        raise invalid_selector(f"Invalid XPath expression {expression!r}: {exc}") from None
    if not isinstance(result, list) or any(not isinstance(r, etree._Element) for r in result):
        raise invalid_selector(
            f"The XPath expression {expression!r} does not select elements (attributes, text and numbers "
            "cannot be returned as elements)"
        )
    return [tree.element_of[r] for r in result if r in tree.element_of]
