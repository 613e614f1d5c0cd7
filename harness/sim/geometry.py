"""Screen geometry of the two flavours, in logical units (dp / points) and device pixels."""

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
    """`scale` converts logical units to the pixels of screenshots (and of Android coordinates)."""

    platform: str
    width: float
    height: float
    scale: float
    status_bar: float
    bottom_inset: float
    nav_bar: float  # iOS navigation bar height on screens with a back target; 0 on Android

    @property
    def screen(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    @property
    def pixel_size(self) -> tuple[int, int]:
        return round(self.width * self.scale), round(self.height * self.scale)


# Android: a 1080x2400 px phone at 2.75 density (Pixel 7 class); W3C coordinates are pixels.
ANDROID = Geometry("android", 1080 / 2.75, 2400 / 2.75, 2.75, status_bar=24, bottom_inset=16, nav_bar=0)
# iOS: iPhone 14 (390x844 points, 3x); W3C coordinates are points, screenshots are 1170x2532 px.
IOS = Geometry("ios", 390, 844, 3.0, status_bar=47, bottom_inset=34, nav_bar=44)


def geometry_for(platform: str) -> Geometry:
    return ANDROID if platform == "android" else IOS
