"""Web content — a page in a browser (the `web` platform), or a web view after `switch_context: webview`:
the W3C strategies the driver's chromedriver / Safari proxy accepts (`css selector` and `xpath`) for the
selector keys that have a web form, and, for web scenarios, the browser's forms of every step kind.

One definition serves both: a web view's elements and a browser's are found the same way. What has no
sense in a browser (an app's lifecycle, contexts, the home button) raises TranslateError; where a browser
has an equivalent, that is the form (docs/plan-format.md, "In a browser").
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from harness.drivers import Platform
from harness.scenario.selectors import CONTEXT_ONLY, WEB_KEYS, Locator
from harness.translate.commands import KEYS, Command, element_press, key_press
from harness.translate.context import TranslateContext, TranslateError

_CSS_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# finger direction -> the page's scroll (x, y) in viewport sizes: a finger moving up scrolls the page down
SCROLL_FOR_FINGER = {"up": (0, 1), "down": (0, -1), "left": (1, 0), "right": (-1, 0)}
SCROLL_INTO_VIEW = "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})"
BLUR = "if (document.activeElement) { document.activeElement.blur(); }"
PAGE_KEYS = (*KEYS, "back")


def xpath_literal(value: str) -> str:
    """`value` as an XPath 1.0 string literal (XPath has no escapes: concat() when both quotes occur).
    Single quotes first: the literal then sits in a YAML or JSON double-quoted string unescaped."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat(" + ", \"'\", ".join(f"'{part}'" for part in parts) + ")"


def css_id(value: str) -> str:
    """`#id` for an ordinary id, else the attribute form that needs no escaping rules."""
    if _CSS_IDENT.match(value):
        return f"#{value}"
    return '[id="' + value.replace("\\", "\\\\").replace('"', '\\"') + '"]'


def web_locator(loc: Locator) -> dict[str, object]:
    if loc.kind == "css":
        out: dict[str, object] = {"using": "css selector", "value": loc.value}
    elif loc.kind == "xpath":
        out = {"using": "xpath", "value": loc.value}
    elif loc.kind == "id":
        out = {"using": "css selector", "value": css_id(loc.value)}
    elif loc.kind == "text":  # in the body: what a person sees (the <title> has the page's name too)
        out = {"using": "xpath", "value": f"//body//*[text()[normalize-space(.)={xpath_literal(loc.value)}]]"}
    elif loc.kind == "text_contains":
        out = {"using": "xpath", "value": f"//body//*[text()[contains(., {xpath_literal(loc.value)})]]"}
    else:
        why = "it selects native elements only" if CONTEXT_ONLY.get(loc.kind) == "native" else (
            "web views have no such strategy")
        raise TranslateError(f"{loc.kind} has no web form ({why}): in a web context use "
                             f"{', '.join(WEB_KEYS)}")
    if loc.index is not None:
        out["index"] = loc.index
    return out


def is_web_context(name: str) -> bool:
    """Does a `switch_context` name lead into web content? `webview`, WEBVIEW_…, CHROMIUM."""
    upper = name.upper()
    return upper.startswith(("WEBVIEW", "CHROMIUM"))


def page_url(url: str, base: str | None) -> str:
    """`url` as the browser opens it: absolute as written, else relative to the scenario's `url:` (kept
    readable when that is still a `${VAR}` in a plan)."""
    if base is None or _SCHEME.match(url):
        return url
    if _SCHEME.match(base):
        return urljoin(base, url)
    return base.rstrip("/") + "/" + url.lstrip("/")


def navigate(url: str, secret: bool = False) -> Command:
    return Command("navigate", {"url": url}, secret=secret)


class WebForms:
    """The PlatformForms of a page in a browser: Chrome on Android (UiAutomator2), Safari on iOS
    (XCUITest), Chromium here (Appium's Chromium driver) — the same W3C commands through each."""

    name: Platform = "web"

    def locator(self, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
        return web_locator(loc)

    def combined(self, locators: list[dict[str, object]], ctx: TranslateContext) -> dict[str, object] | None:
        return None  # fallbacks of a page are polled one by one (their strategies differ: css, xpath)

    def launch_app(self, app: str | None, clear_state: bool, ctx: TranslateContext) -> list[Command]:
        raise TranslateError("launch_app starts an app: a web scenario opens its page with open_url "
                             "(open_url: {clear_state: true} deletes the site's cookies first)")

    def stop_app(self, app: str | None, ctx: TranslateContext) -> list[Command]:
        raise TranslateError("stop_app terminates an app: a web scenario has none (open_url opens "
                             "another page)")

    def open_url(self, url: str | None, clear_state: bool, ctx: TranslateContext) -> list[Command]:
        base = ctx.url.text if ctx.url is not None else None
        if url is None and base is None:
            raise TranslateError("open_url needs a page: give the scenario a url: or write open_url: <url>")
        target = page_url(url, base) if url is not None else base
        assert target is not None
        secret = bool(ctx.url is not None and ctx.url.secret)
        if not clear_state:
            return [navigate(target, secret)]
        # cookies are deleted for the page open in the browser: open the site, delete, open it again
        return [navigate(target, secret), Command("delete_cookies"), navigate(target, secret)]

    def scroll_to(self, locs: list[Locator], direction: str, max_swipes: int, ctx: TranslateContext,
                  target: str) -> list[Command]:
        # a page holds all its elements: find it, let the browser scroll it into the middle of the view
        del direction, max_swipes
        find = Command("find_element", {"locators": [web_locator(loc) for loc in locs], "target": target})
        return [find, Command("run_script", {"script": SCROLL_INTO_VIEW, "element": True}),
                Command("is_displayed")]

    def swipe(self, direction: str, on_element: bool, percent: float, ctx: TranslateContext) -> Command:
        x, y = SCROLL_FOR_FINGER[direction]
        where = "arguments[0]" if on_element else "window"
        dx = f"{x * percent:g} * window.innerWidth" if x else "0"
        dy = f"{y * percent:g} * window.innerHeight" if y else "0"
        script = f"{where}.scrollBy({dx}, {dy})"
        return Command("run_script", {"script": script, "element": on_element})

    def long_press(self, duration_s: float) -> Command:
        return element_press(int(duration_s * 1000))

    def alert(self, accept: bool, button: str | None) -> Command:
        if button:
            raise TranslateError("a page's alert (window.alert / confirm) has no button labels: write "
                                 f"{'accept' if accept else 'dismiss'}_alert without one in a web scenario")
        return Command("alert", {"action": "accept" if accept else "dismiss"})

    def press_key(self, key: str | None, keycode: int | None) -> Command:
        if key == "back":
            return Command("back")
        if keycode is not None or key not in KEYS:
            what = f"keycode {keycode}" if keycode is not None else f'key "{key}"'
            raise TranslateError(f"press_key {what} has no form in a browser (it would leave the page): "
                                 f"a page takes {', '.join(PAGE_KEYS)}")
        return key_press(KEYS[key])

    def open_link(self, url: str, ctx: TranslateContext) -> Command:
        return navigate(page_url(url, ctx.url.text if ctx.url is not None else None))

    def hide_keyboard(self) -> Command:
        """The on-screen keyboard closes when no field has the focus any more."""
        return Command("run_script", {"script": BLUR, "element": False})

    def set_context(self, name: str) -> Command:
        raise TranslateError("switch_context moves between an app's native screens and its web views: a "
                             "web scenario runs in the page throughout")


FORMS = WebForms()
