"""Screenshots: a PNG of the current viewport drawn from the view tree, so reports show what happened.

The image is the flavour's pixel size (Android 1080x2400, iOS 1170x2532 like the simulators' own
screenshots). Rows of the scrollable body are clipped to it; dialogs dim the app and sit on top. The
app's colours come from its model (`theme`), the platform widgets' look from the flavour's style.
One PNG per tree state is cached, so repeated screenshots of an unchanged screen cost nothing.
"""

from __future__ import annotations

import hashlib
import io
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from harness.sim.geometry import Rect
from harness.sim.style import Colour, ScreenStyle
from harness.sim.tree import View

if TYPE_CHECKING:
    from harness.sim.runtime import AppRuntime

# Web-safe colours (multiples of 51): the PNG is written with the 216-colour web palette, which is
# several times faster to encode than 24-bit RGB and loses nothing on these flat drawings.
BG = (0, 0, 0)
FG = (255, 255, 255)
MUTED = (153, 153, 153)
LINK = (0, 102, 255)
PANEL = (51, 51, 51)
FIELD = (51, 51, 51)
BAR = (0, 0, 0)
WEB_BG = (255, 255, 255)
WEB_FG = (0, 0, 0)
_drawing = threading.Lock()  # fonts and their caches are shared by every session of the process


@lru_cache(maxsize=32)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf") if bold else ("DejaVuSans.ttf",)
    for name in names:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def png(rt: AppRuntime, crop: Rect | None = None) -> bytes:
    tree = rt.tree()
    cached = rt.screenshot_cache
    if cached is not None and cached[0] is tree:  # the same tree object: nothing changed on screen
        data = cached[1]
    else:
        with _drawing:
            image = draw_tree(rt).convert("P", palette=Image.Palette.WEB, dither=Image.Dither.NONE)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", compress_level=1)
        data = buffer.getvalue()
        rt.screenshot_cache = (tree, data)
    if crop is None:
        return data
    scale = rt.geometry.scale
    image = Image.open(io.BytesIO(data))
    box = (
        round(crop.x * scale),
        round(crop.y * scale),
        round(crop.right * scale),
        round(crop.bottom * scale),
    )
    out = io.BytesIO()
    image.crop(box).save(out, "PNG", compress_level=1)
    return out.getvalue()


def draw_tree(rt: AppRuntime) -> Image.Image:
    geo = rt.geometry
    w, h = geo.pixel_size
    image = Image.new("RGB", (w, h), BG)
    painter = _Painter(image, geo.scale, rt.flavour.style, rt.model.theme.accent_rgb)
    tree = rt.tree()
    for child in tree.root.children:
        painter.view(child)
    painter.status_bar(geo.status_bar)
    return image


class _Painter:
    def __init__(self, image: Image.Image, scale: float, style: ScreenStyle, accent: Colour):
        self.image = image
        self.draw = ImageDraw.Draw(image, "RGBA")
        self.s = scale
        self.style = style
        self.accent = accent
        self.web = False

    def box(self, r: Rect) -> tuple[int, int, int, int]:
        s = self.s
        return round(r.x * s), round(r.y * s), round(r.right * s), round(r.bottom * s)

    def px(self, v: float) -> int:
        return round(v * self.s)

    def view(self, v: View, clip: Rect | None = None) -> None:
        if clip is not None and v.rect.intersect(clip).empty:
            return
        if v.kind == "window":
            self._window(v)
            return
        getattr(self, f"k_{v.kind}", self.k_default)(v)
        for child in v.children:
            self.view(child, clip)

    def _window(self, v: View) -> None:
        """The body first, then the bars over what of it spilled past its edges (cheaper than a layer)."""
        body = next((c for c in v.children if c.kind in ("content", "webview")), None)
        if body is not None:
            self.web = body.kind == "webview"
            if self.web:
                self.draw.rectangle(self.rect(body.rect), fill=WEB_BG)
            for child in body.children:
                self.view(child, body.rect)
            self.web = False
            _, y0, _, y1 = self.rect(body.rect)
            self.draw.rectangle((0, 0, self.image.width, y0 - 1), fill=BG)
            self.draw.rectangle((0, y1, self.image.width, self.image.height), fill=BG)
        for child in v.children:
            if child is not body:
                self.view(child)

    def rect(self, r: Rect) -> tuple[int, int, int, int]:
        return self.box(r)

    def fg(self) -> tuple[int, int, int]:
        return WEB_FG if self.web else FG

    def text(
        self,
        r: Rect,
        text: str,
        size: float,
        *,
        bold: bool = False,
        color: tuple[int, ...] | None = None,
        align: str = "left",
        wrap: bool = True,
    ) -> None:
        px_size = self.px(size)
        x0, y0, x1, y1 = self.rect(r)
        pad = self.px(4)
        lines = _wrap(text, px_size, bold, max(1, x1 - x0 - 2 * pad)) if wrap else [text]
        line_h = self.px(size * 1.35)
        total = line_h * len(lines)
        y = y0 + max(0, (y1 - y0 - total) // 2)
        ink = color or self.fg()
        for line in lines:
            width = _length(line, px_size, bold)
            if align == "left":
                x = x0 + pad
            elif align == "center":
                x = x0 + (x1 - x0 - width) / 2
            else:
                x = x1 - pad - width
            mask, left, top = _mask(line, px_size, bold)
            if mask is not None:
                self.image.paste(ink, (round(x) + left, y + top), mask)
            y += line_h

    # ---- kinds -----------------------------------------------------------------------------------
    def k_default(self, v: View) -> None:
        return

    def ink(self, v: View) -> Colour | None:
        """The app's accent for elements marked `accent: true` (a logo, an error); else the text colour."""
        return self.accent if v.element is not None and v.element.accent else None

    def k_header(self, v: View) -> None:
        self.text(v.rect, v.text or "", 22, bold=True, color=self.ink(v))

    def k_text(self, v: View) -> None:
        self.text(v.rect, v.text or "", 15, color=self.ink(v))

    def k_link(self, v: View) -> None:
        self.text(v.rect, v.text or "", 15, color=LINK)

    def k_button(self, v: View) -> None:
        label = v.text or v.accessibility_id or ""
        r = self.rect(v.rect)
        if not v.text and v.accessibility_id:  # icon button
            self._icon(r, v.accessibility_id)
            return
        fill: Colour | None = self.accent if v.enabled else (102, 102, 102)
        if v.element is not None and v.element.size is not None and v.element.size[0] < 100:
            fill = None
        self.draw.rounded_rectangle(r, radius=self.px(6), fill=fill)
        self.text(v.rect, label, 16, bold=True, align="center", wrap=False)

    def _icon(self, r: tuple[int, int, int, int], name: str) -> None:
        cx, cy = (r[0] + r[2]) / 2, (r[1] + r[3]) / 2
        unit = self.px(7)
        if name.lower() == "menu":  # the hamburger: three lines
            for dy in (-unit, 0, unit):
                self.draw.line(
                    (cx - unit * 1.4, cy + dy, cx + unit * 1.4, cy + dy), fill=self.fg(), width=self.px(2.5)
                )
        elif name.lower() == "search":
            self.draw.ellipse(
                (cx - unit, cy - unit, cx + unit * 0.6, cy + unit * 0.6),
                outline=self.fg(),
                width=self.px(2.5),
            )
            self.draw.line(
                (cx + unit * 0.4, cy + unit * 0.4, cx + unit * 1.4, cy + unit * 1.4),
                fill=self.fg(),
                width=self.px(2.5),
            )
        else:
            self.draw.ellipse(
                (cx - unit, cy - unit, cx + unit, cy + unit), outline=self.fg(), width=self.px(2)
            )

    def k_input(self, v: View) -> None:
        r = self.rect(v.rect)
        self.draw.rounded_rectangle(
            r, radius=self.px(4), fill=FIELD, outline=FG if v.focused else None, width=self.px(1.5)
        )
        shown = v.text or ""
        if v.kind == "secure_input" and shown:
            shown = "\u2022" * len(shown)
        self.text(v.rect.moved(8, 0), shown or (v.hint or ""), 16, color=None if shown else MUTED, wrap=False)

    k_secure_input = k_input

    def k_image(self, v: View) -> None:
        name = v.accessibility_id or v.key
        digest = hashlib.md5(name.encode()).digest()
        color = (51 * (1 + digest[0] % 4), 51 * (digest[1] % 2), 51 * (digest[2] % 3))
        r = self.rect(v.rect)
        self.draw.rounded_rectangle(r, radius=self.px(4), fill=color)
        if v.accessibility_id:
            inner = Rect(v.rect.x, v.rect.bottom - 44, v.rect.w, 40)
            self.text(inner, v.accessibility_id, 13, bold=True)

    def k_tab_bar(self, v: View) -> None:
        r = self.rect(v.rect)
        self.draw.rectangle(r, fill=BAR)
        self.draw.line((r[0], r[1], r[2], r[1]), fill=PANEL, width=self.px(0.5))

    def k_tab(self, v: View) -> None:
        color = FG if v.selected else MUTED
        cx = (v.rect.x + v.rect.right) / 2
        icon = Rect(cx - 11, v.rect.y + 8, 22, 22)
        self.draw.rounded_rectangle(self.rect(icon), radius=self.px(4), outline=color, width=self.px(2))
        self.text(
            Rect(v.rect.x, v.rect.y + 34, v.rect.w, 24),
            v.text or v.accessibility_id or "",
            12,
            color=color,
            align="center",
            wrap=False,
        )

    def k_list_item(self, v: View) -> None:
        r = self.rect(v.rect)
        self.text(v.rect, v.text or "", 16, color=None if v.enabled else MUTED, wrap=False)
        self.text(v.rect, "\u203a", 20, color=MUTED, align="right", wrap=False)
        self.draw.line((r[0], r[3], r[2], r[3]), fill=PANEL, width=max(1, self.px(0.5)))

    k_cell = k_list_item

    def k_switch(self, v: View) -> None:
        self.text(v.rect, v.text or "", 16, wrap=False)
        r = self.rect(Rect(v.rect.right - 56, v.rect.y + (v.rect.h - 30) / 2, 52, 30))
        self.draw.rounded_rectangle(
            r, radius=self.px(15), fill=(0, 204, 102) if v.checked else (102, 102, 102)
        )
        knob = r[2] - self.px(28) if v.checked else r[0] + self.px(2)
        self.draw.ellipse(
            (knob, r[1] + self.px(2), knob + self.px(26), r[3] - self.px(2)), fill=(255, 255, 255)
        )

    def k_navbar(self, v: View) -> None:
        r = self.rect(v.rect)
        self.draw.rectangle(r, fill=BAR)
        if v.text:
            self.text(v.rect, v.text, 17, bold=True, align="center", wrap=False)

    def k_back_button(self, v: View) -> None:
        self.text(v.rect, "\u2039 " + (v.text or "Back"), 17, color=LINK, wrap=False)

    def k_toolbar(self, v: View) -> None:
        return

    def k_keyboard(self, v: View) -> None:
        r = self.rect(v.rect)
        self.draw.rectangle(r, fill=PANEL)
        rows = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
        key_w = (v.rect.w - 8) / 10
        for n, row in enumerate(rows):
            left = v.rect.x + 4 + (10 - len(row)) * key_w / 2
            top = v.rect.y + 10 + n * 54
            for i, letter in enumerate(row):
                key = Rect(left + i * key_w + 2, top, key_w - 4, 46)
                self.draw.rounded_rectangle(self.rect(key), radius=self.px(5), fill=(102, 102, 102))
                self.text(key, letter, 18, align="center", wrap=False)
        space = Rect(v.rect.x + v.rect.w * 0.25, v.rect.y + 10 + 3 * 54, v.rect.w * 0.5, 46)
        self.draw.rounded_rectangle(self.rect(space), radius=self.px(5), fill=(102, 102, 102))

    def k_dialog_window(self, v: View) -> None:
        self.draw.rectangle(self.rect(v.rect), fill=(0, 0, 0, 150))

    def k_dialog(self, v: View) -> None:
        self.draw.rounded_rectangle(self.rect(v.rect), radius=self.px(14), fill=PANEL)

    def k_dialog_title(self, v: View) -> None:
        self.text(v.rect, v.text or "", 20, bold=True, align=self.style.dialog_text_align)

    def k_dialog_message(self, v: View) -> None:
        self.text(v.rect, v.text or "", 15, color=(204, 204, 204), align=self.style.dialog_text_align)

    def k_dialog_button(self, v: View) -> None:
        r = self.rect(v.rect)
        self.draw.line((r[0], r[1], r[2], r[1]), fill=(102, 102, 102), width=max(1, self.px(0.5)))
        self.text(
            v.rect,
            v.text or "",
            17,
            bold=True,
            color=self.style.dialog_button_colour,
            align="center",
            wrap=False,
        )

    def k_launcher(self, v: View) -> None:
        r = self.rect(v.rect)
        self.draw.rectangle(r, fill=(0, 51, 102))

    def k_launcher_icon(self, v: View) -> None:
        icon = Rect(v.rect.x + 12, v.rect.y, 64, 64)
        self.draw.rounded_rectangle(self.rect(icon), radius=self.px(14), fill=(0, 0, 0))
        initial = (v.text or "?")[:1].upper()
        self.text(icon, initial, 40, bold=True, color=self.accent, align="center", wrap=False)
        self.text(Rect(v.rect.x, v.rect.y + 66, v.rect.w, 22), v.text or "", 12, align="center", wrap=False)

    def status_bar(self, height: float) -> None:
        r = Rect(0, 0, self.image.width / self.s, height)
        self.draw.rectangle(self.rect(r), fill=(0, 0, 0, 90))
        self.text(Rect(16, 0, 80, height), "9:41", 15, bold=True, color=FG, wrap=False)
        battery = Rect(r.w - 44, height / 2 - 6, 26, 12)
        self.draw.rounded_rectangle(self.rect(battery), radius=self.px(3), outline=FG, width=self.px(1.2))
        self.draw.rectangle(self.rect(Rect(battery.x + 2, battery.y + 2, 18, 8)), fill=FG)


@lru_cache(maxsize=4096)
def _length(text: str, px_size: int, bold: bool) -> float:
    return float(font(px_size, bold).getlength(text))


@lru_cache(maxsize=2048)
def _mask(text: str, px_size: int, bold: bool) -> tuple[Image.Image | None, int, int]:
    """A rendered line as an alpha mask: labels repeat across screens, so each is drawn once."""
    f = font(px_size, bold)
    left, top, right, bottom = (int(v) for v in f.getbbox(text))
    if right <= left or bottom <= top:
        return None, 0, 0
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=f, fill=255)
    return mask, left, top


def _wrap(text: str, px_size: int, bold: bool, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and _length(trial, px_size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    return lines
