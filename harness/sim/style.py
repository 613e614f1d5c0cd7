"""How a flavour draws what differs between the platforms' own widgets (dialogs) in screenshots."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class ScreenStyle:
    dialog_text_align: Literal["left", "center"]
    dialog_button_colour: Colour
