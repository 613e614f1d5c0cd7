"""The WEBVIEW_<app> context: a web view screen seen as an HTML document, as chromedriver/Safari would.

Strategies are the W3C ones (css selector, xpath, tag name, link text, partial link text); a small
CSS subset (tag, #id, .class, [attr="v"], descendant combinator) is translated to XPath.
"""

from __future__ import annotations

import re

from harness.sim.errors import WebDriverError, invalid_selector
from harness.sim.nodes import FlavourTree, FNode
from harness.sim.tree import View, ViewTree

STRATEGIES = ("css selector", "xpath", "tag name", "link text", "partial link text")
TAGS = {
    "header": "h1",
    "text": "p",
    "link": "a",
    "button": "button",
    "input": "input",
    "secure_input": "input",
    "image": "img",
    "list_item": "a",
    "cell": "div",
    "group": "div",
    "switch": "input",
}
_COMPOUND = re.compile(
    r"^(?P<tag>[a-zA-Z][\w-]*|\*)?(?P<rest>(?:#[\w-]+|\.[\w-]+|\[[\w-]+(?:=\"[^\"]*\"|='[^']*'|=[\w-]+)?\])*)$"
)
_PART = re.compile(r"#([\w-]+)|\.([\w-]+)|\[([\w-]+)(?:=(?:\"([^\"]*)\"|'([^']*)'|([\w-]+)))?\]")


def render(tree: ViewTree, title: str, url: str) -> FlavourTree:
    html = FNode("web/html", "html", None)
    head = html.add(FNode("web/head", "head", None))
    head.add(FNode("web/title", "title", None, props={"text": title}))
    body = html.add(FNode("web/body", "body", tree.content, props={"text": ""}))
    if tree.content is not None:
        for view in tree.content.children:
            _add(body, view)
    for node in html.walk():
        node.attrs.pop("index", None)
        node.props.setdefault("text", "")
        node.props["url"] = url
    return _HtmlTree(html)


class _HtmlTree(FlavourTree):
    def __init__(self, root: FNode):
        super().__init__(root, "<!DOCTYPE html>")

    def _build(self, node, parent):  # text content goes inside the tag, as in a browser
        el = super()._build(node, parent)
        text = node.props.get("text")
        if text and node.tag not in ("input", "img"):
            el.text = text
        return el


def _add(parent: FNode, view: View) -> None:
    tag = TAGS.get(view.kind, "div")
    attrs: dict[str, str] = {}
    element = view.element
    if element is not None and element.id:
        attrs["id"] = element.id
    attrs["class"] = view.kind
    if tag == "a":
        attrs["href"] = "#"
    if tag == "img" and view.accessibility_id:
        attrs["alt"] = view.accessibility_id
    if tag == "input":
        attrs["type"] = "password" if view.kind == "secure_input" else "text"
        if view.hint:
            attrs["placeholder"] = view.hint
    node = parent.add(FNode(view.key, tag, view, attrs, {"text": view.text or ""}))
    for child in view.children:
        _add(node, child)


def displayed(node: FNode) -> bool:
    """WebDriver's element displayedness: rendered or not, wherever the page is scrolled.

    A browser reports an element below the fold as displayed; only what is never rendered (the head,
    its title) is not. The app model has no hidden styles, so every element of the body is rendered.
    """
    return node.tag not in ("head", "title")


def css_to_xpath(css: str) -> str:
    parts = []
    for compound in css.split():
        if compound == ">":
            parts.append("/")
            continue
        m = _COMPOUND.match(compound)
        if not m or not compound:
            raise invalid_selector(
                f"invalid selector: the CSS {css!r} is outside the subset the simulated "
                'device supports (tag, #id, .class, [attr="v"], descendants)'
            )
        step = m.group("tag") or "*"
        for ident, cls, attr, v1, v2, v3 in _PART.findall(m.group("rest")):
            if ident:
                step += f"[@id='{ident}']"
            elif cls:
                step += f"[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"
            else:
                value = v1 or v2 or v3
                step += f"[@{attr}='{value}']" if value else f"[@{attr}]"
        parts.append(step)
    xpath = ""
    child = False
    for part in parts:
        if part == "/":
            child = True
            continue
        xpath += ("/" if child else "//") + part
        child = False
    return xpath


def find_xpath_of(using: str, value: str) -> str:
    if using not in STRATEGIES:
        raise WebDriverError(
            "invalid argument",
            f"invalid locator: '{using}' is not a locator strategy of "
            f"web contexts; use one of {', '.join(STRATEGIES)} or switch to NATIVE_APP",
        )
    if using == "xpath":
        return value
    if using == "css selector":
        return css_to_xpath(value)
    if using == "tag name":
        return f"//{value}"
    quoted = "concat('" + value.replace("'", "', \"'\", '") + "', '')"
    if using == "link text":
        return f"//a[normalize-space(.)={quoted}]"
    return f"//a[contains(., {quoted})]"
