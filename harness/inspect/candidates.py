"""The selectors the harness proposes for a node, in its own selector language, best first.

First what the app gave the element (id, accessibility id, visible text: scenario/selectors.py keys), then
what only the layout says (`class_name` with an `index`, an `xpath` from the nearest identified ancestor,
else from the top). Whether each one finds this node, and only it, is for the live driver to say
(probe.py): these are proposals.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.inspect.source import Node, Reading
from harness.translate.web import xpath_literal

STRUCTURAL = ("class_name", "xpath")


@dataclass(frozen=True)
class Candidate:
    key: str  # a strategy key of scenario/selectors.py
    value: str

    @property
    def structural(self) -> bool:
        return self.key in STRUCTURAL


def xpath_for(node: Node, reading: Reading) -> str:
    """A positional path from the nearest ancestor the app identified (resource-id / name), else from the
    top of the page source."""
    chain = [node]
    for ancestor in node.ancestors():
        anchor = reading.identifier(ancestor)
        if anchor:
            steps = "/".join(n.step for n in reversed(chain))
            return f"//*[@{reading.identifier_attr}={xpath_literal(anchor)}]/{steps}"
        chain.append(ancestor)
    return reading.absolute(list(reversed(chain)))


def candidates(node: Node, reading: Reading, app_id: str) -> list[Candidate]:
    """Every selector worth asking the driver about for `node`, best first."""
    out = [Candidate(key, value) for key, value in reading.identity(node, app_id)]
    out.append(Candidate("class_name", node.cls))
    out.append(Candidate("xpath", xpath_for(node, reading)))
    return out
