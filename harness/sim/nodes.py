"""A flavoured tree: the neutral views named the way one driver names them, plus its XML.

Locator engines search `FlavourTree.nodes` (typed `props`) or the lxml document (`xml`) built from
the same nodes, so page source, XPath and the other strategies can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from harness.sim.tree import View


@dataclass(eq=False)
class FNode:
    key: str
    tag: str
    view: View | None
    attrs: dict[str, str] = field(default_factory=dict)  # XML attributes, in the driver's order
    props: dict[str, Any] = field(default_factory=dict)  # typed values for predicates / UiSelector
    children: list[FNode] = field(default_factory=list)
    parent: FNode | None = None

    def add(self, child: FNode) -> FNode:
        child.parent = self
        child.attrs["index"] = str(len(self.children))
        child.props["index"] = len(self.children)
        self.children.append(child)
        return child

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def descendants(self):
        for child in self.children:
            yield from child.walk()


class FlavourTree:
    def __init__(self, root: FNode, declaration: str, document_root: FNode | None = None):
        self.root = root  # the node the XML document starts with
        self.nodes = list(root.walk())  # document order
        self.by_key = {n.key: n for n in self.nodes}
        self.declaration = declaration
        self._xml: etree._Element | None = None
        self._source: str | None = None
        self.element_of: dict[Any, FNode] = {}
        self.xml_of: dict[str, Any] = {}

    @property
    def xml(self) -> etree._Element:
        if self._xml is None:
            self._xml = self._build(self.root, None)
        return self._xml

    def _build(self, node: FNode, parent: Any) -> Any:
        el = etree.Element(node.tag) if parent is None else etree.SubElement(parent, node.tag)
        for name, value in node.attrs.items():
            el.set(name, value)
        self.element_of[el] = node
        self.xml_of[node.key] = el
        for child in node.children:
            self._build(child, el)
        return el

    def source(self) -> str:
        if self._source is None:
            body = etree.tostring(self.xml, pretty_print=True, encoding="unicode")
            self._source = self.declaration + "\n" + body
        return self._source


def bool_str(value: bool | None) -> str:
    return "true" if value else "false"
