"""What `harness inspect` prints: the screen as a tree of elements with their selectors, and the verdicts of
a screen-map check. Everything printed goes through the secret masking of the run."""

from __future__ import annotations

from harness.inspect.check import ElementCheck, MapCheck
from harness.inspect.screen import Element, Screen
from harness.inspect.yamltext import flow
from harness.secrets import mask

COLUMN = 64


def rect_text(element: Element) -> str:
    r = element.node.rect
    return f"at {r.x},{r.y} {r.width}x{r.height}" if r else "no bounds"


def element_lines(element: Element, *, indent: str = "") -> list[str]:
    pad = indent + "  " * element.depth
    flags = ", ".join(element.actions)
    head = f"{pad}{element.title}  {rect_text(element)}" + (f"  [{flags}]" if flags else "")
    lines = [head]
    for suggestion in element.suggestions:
        text = flow(suggestion.selector)
        mark = "ok" if suggestion.unique else "--"
        lines.append(f"{pad}    {mark} {text.ljust(max(COLUMN - len(pad), 20))}  {suggestion.verdict()}")
    return lines


def screen_text(screen: Screen) -> str:
    width, height = screen.size
    app = f", app {screen.app_id}" if screen.app_id else ""
    header = [f"{screen.device} ({screen.platform}{app}), {width}x{height}: {len(screen.elements)} elements",
              "  selectors best first; `ok`: the driver finds this element and only it"]
    if screen.note:
        header.append(f"  note: {screen.note}")
    body: list[str] = []
    for element in screen.elements:
        body.extend(element_lines(element, indent="  "))
    if not screen.elements:
        body.append("  (nothing a user can act on: is the app in the foreground?)")
    return mask("\n".join(header + body))


def check_text(check: MapCheck) -> str:
    """Per screen shown: every element, each locator with its verdict, a replacement where one is wrong."""
    lines = [f"{check.device} ({check.platform}): {check.path} against the live screen"]
    skipped = [s.name for s in check.screens if not s.shown]
    for screen in check.checked():
        lines.append(f"  {screen.name}:")
        width = max((len(e.name) for e in screen.elements), default=0)
        for element in screen.elements:
            lines.extend(_element_check_lines(element, width, check.strict))
    if skipped:
        lines.append(f"  not on this screen (none of their elements found): {', '.join(skipped)}; "
                     "--screen NAME checks one anyway")
    if not check.checked():
        lines.append("  no screen of the map is on the live screen: name one with --screen NAME")
    wrong = check.wrong()
    counted = sum(len(s.elements) for s in check.checked())
    lines.append(f"  {len(wrong)} wrong locator{'s' if len(wrong) != 1 else ''} "
                 f"({counted} elements on {len(check.checked())} screen(s) checked)")
    return mask("\n".join(lines))


def _element_check_lines(element: ElementCheck, width: int, strict: bool) -> list[str]:
    if not element.locators:
        return [f"    {'--':6} {element.name.ljust(width)}  {element.note}"]
    wrong = element.wrong(strict)
    lines = []
    for index, loc in enumerate(element.locators):
        mark = "WRONG" if any(loc is w for w in wrong) else ("absent" if loc.verdict == "none" else "ok")
        name = element.name if index == 0 else ""
        verdict = loc.verdict if loc.verdict != "several" else f"several ({loc.matches})"
        detail = f"  {loc.detail}" if loc.detail else ""
        lines.append(f"    {mark:6} {name.ljust(width)}  {flow(loc.selector).ljust(44)}  {verdict}{detail}")
    if element.replacement is not None and wrong:
        lines.append(f"{'':11}{''.ljust(width)}  -> use {flow(element.replacement)}  ({element.replaces})")
    elif wrong:
        lines.append(f"{'':11}{''.ljust(width)}  -> no element like it on this screen")
    return lines
