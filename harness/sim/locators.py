"""The locator engines of the native context, shared by the flavours that accept them.

A flavour decides which strategies exist and how a value is rewritten (as its driver does); the
engines here evaluate XPath, UiSelector, NSPredicate and class chains over a FlavourTree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from harness.sim import classchain, predicate, uiselector, uiselector_search
from harness.sim.errors import invalid_selector
from harness.sim.model import AppModel
from harness.sim.nodes import FlavourTree, FNode


@dataclass
class Finder:
    """What a search needs from the session."""

    tree: Callable[[], FlavourTree]
    model: AppModel
    settings: Mapping[str, Any]
    host: uiselector_search.ScrollHost
    notes: list[str] = field(default_factory=list)  # what a flavour hid from the client (for messages)

    def scope(self, context: FNode | None) -> list[FNode]:
        """The nodes a search looks at: the whole tree, or the descendants of `context` as it is now."""
        current = self.tree()
        if context is None:
            return current.nodes
        node = current.by_key.get(context.key)
        return list(node.descendants()) if node is not None else []


def check_strategy(strategies: tuple[str, ...], using: str) -> None:
    """Appium's own check, before anything reaches the device: the driver's message, word for word."""
    if using not in strategies:
        raise invalid_selector(f"Locator Strategy '{using}' is not supported for this session")


def string_value(using: str, value: Any) -> str:
    if not isinstance(value, str):
        raise invalid_selector(f"The selector of '{using}' must be a string")
    return value


def by_uiautomator(finder: Finder, value: str, context: FNode | None) -> list[FNode]:
    return uiselector_search.evaluate(uiselector.parse(value), lambda: finder.scope(context), finder.host)


def by_predicate(finder: Finder, value: str, context: FNode | None) -> list[FNode]:
    test = predicate.compile_predicate(value)
    return [n for n in finder.scope(context) if n.view is not None and test(n.props)]


def by_class_chain(finder: Finder, value: str, context: FNode | None) -> list[FNode]:
    segments = classchain.parse(value)
    start = [context] if context is not None else list(finder.tree().root.children)
    return classchain.evaluate(segments, start)


def by_xpath(tree: FlavourTree, expression: str, context: FNode | None) -> list[FNode]:
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
