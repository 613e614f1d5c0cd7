"""What the running app looks like at one instant: the input of layout, and of nothing that can change it.

The runtime takes a snapshot when its view tree is out of date; `layout.build_tree` turns it into
views. Conditions of the app model (`when:`, `if:`) are evaluated here too, over the same state, so the
runtime and the layout can never judge a condition differently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from harness.sim.geometry import Geometry
from harness.sim.model import AppModel, Condition, Element


def holds(cond: Condition, owner: str, state: Mapping[str, Any], inputs: Mapping[str, str]) -> bool:
    """A condition of the app model, for a screen `owner` (whose inputs `filled` / `empty` name)."""
    if cond.state and any(state.get(k) != v for k, v in cond.state.items()):
        return False
    if cond.filled and any(not inputs.get(f"{owner}/{n}") for n in cond.filled):
        return False
    if cond.empty and any(inputs.get(f"{owner}/{n}") for n in cond.empty):
        return False
    if cond.typed and any(inputs.get(f"{owner}/{n}", "") != text for n, text in cond.typed.items()):
        return False
    if cond.not_ is not None and holds(cond.not_, owner, state, inputs):
        return False
    return not (cond.any is not None and not any(holds(c, owner, state, inputs) for c in cond.any))


@dataclass(frozen=True)
class Snapshot:
    model: AppModel
    geometry: Geometry
    app_name: str
    foreground: bool  # the app's process is in front and shows a screen (else: the launcher)
    screen: str | None
    dialog: str | None
    scroll: float  # how far the body of the screen is scrolled (logical units)
    inputs: Mapping[str, str]  # typed text by view key
    focus: str | None  # key of the view with the input focus
    keyboard: bool
    launcher_visit: int
    state: Mapping[str, Any]  # the app's state variables
    elapsed: float  # seconds since the current screen opened
    late: Mapping[tuple[str, int], float]  # (owner, id(element)) -> seconds before it exists

    def holds(self, cond: Condition, owner: str) -> bool:
        return holds(cond, owner, self.state, self.inputs)

    def is_present(self, owner: str, element: Element) -> bool:
        delay = self.late.get((owner, id(element)))
        if delay is not None and self.elapsed < delay:
            return False
        return element.when is None or self.holds(element.when, owner)
