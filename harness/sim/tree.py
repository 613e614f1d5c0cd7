"""The platform-neutral view tree: what is on screen right now, before a flavour names it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from harness.sim.geometry import Rect
from harness.sim.model import Element
from harness.sim.snapshot import Snapshot


@dataclass(eq=False)
class View:
    """One node. `rect` is the full frame in logical screen units; `clip` the part a user can see."""

    key: str  # stable identity across rebuilds: "<owner>/<element id or path>"
    kind: str  # element role, or a synthetic kind (app, window, content, dialog, ...)
    rect: Rect
    clip: Rect
    owner: str = ""  # screen or dialog id ("" for device chrome)
    element: Element | None = None
    text: str | None = None  # what the widget shows (typed text for inputs, without hint)
    hint: str | None = None
    accessibility_id: str | None = None
    resource_id: str | None = None  # as the model gives it; the Android flavour adds `<package>:id/`
    variant: str | None = None  # a dialog button's kind: positive, negative, neutral
    enabled: bool = True
    checked: bool | None = None
    selected: bool = False
    focused: bool = False
    scrollable: bool = False
    tap: tuple[Any, ...] | None = None  # what a tap here does (see runtime.AppRuntime.tap)
    long_press: tuple[Any, ...] | None = None
    children: list[View] = field(default_factory=list)
    parent: View | None = None
    in_content: bool = False  # inside the scrollable body (Android drops it when off screen)

    @property
    def visible(self) -> bool:
        return not self.clip.empty

    def add(self, child: View) -> View:
        child.parent = self
        self.children.append(child)
        return child

    def walk(self) -> Iterator[View]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class ViewTree:
    """A built tree plus lookups; rebuilt only when the app state changes."""

    root: View
    snapshot: Snapshot  # the state it was laid out from
    content: View | None = None  # the scrollable body of the current screen
    content_height: float = 0.0  # full height of the body's children
    dialog: View | None = None
    by_key: dict[str, View] = field(default_factory=dict)

    def index(self) -> ViewTree:
        self.by_key = {v.key: v for v in self.root.walk()}
        return self

    def hit(self, x: float, y: float) -> View | None:
        """The topmost tappable view at a point (a disabled one swallows the tap); under a dialog only the
        dialog can be hit."""
        scope = self.dialog or self.root
        found = None
        for view in scope.walk():
            if view.tap is not None and view.clip.contains(x, y):
                found = view  # later in document order = drawn on top
        return found
