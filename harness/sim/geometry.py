"""Screen geometry in logical units (dp / points) and device pixels; each flavour declares its own."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2

    @property
    def empty(self) -> bool:
        return self.w <= 0 or self.h <= 0

    def intersect(self, other: Rect) -> Rect:
        x, y = max(self.x, other.x), max(self.y, other.y)
        r, b = min(self.right, other.right), min(self.bottom, other.bottom)
        return Rect(x, y, max(0.0, r - x), max(0.0, b - y))

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.right and self.y <= py < self.bottom

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True)
class Geometry:
    """One phone screen in logical units (dp / points), as a flavour lays it out.

    `scale` converts logical units to screenshot pixels; `coordinate_scale` to the units of W3C
    coordinates and element rects (pixels on Android, points on iOS).
    """

    width: float
    height: float
    scale: float
    coordinate_scale: float
    status_bar: float
    bottom_inset: float
    nav_bar: float  # height of the navigation bar with a Back button on screens with a back target; 0: none
    keyboard_height: float
    dialog_width: float
    stack_dialog_buttons_over: int | None  # more buttons than this are stacked vertically; None: never

    @property
    def screen(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    @property
    def pixel_size(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)

    def to_logical(self, value: float) -> float:
        """A W3C coordinate (pixels or points) in logical units."""
        return value / self.coordinate_scale

    def to_coordinates(self, value: float) -> int:
        return round(value * self.coordinate_scale)
