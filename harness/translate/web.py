"""Web content (a web view after `switch_context: webview`, or a browser): the W3C strategies the
driver's chromedriver / Safari proxy accepts — `css selector` and `xpath` — for the selector keys that
have a web form. Native-only keys (UiSelector, predicates, class chains) have none."""

from __future__ import annotations

import re

from harness.scenario.selectors import CONTEXT_ONLY, Locator
from harness.translate.context import TranslateError

WEB_KEYS = ("css", "xpath", "id", "text", "text_contains")
_CSS_IDENT = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")


def xpath_literal(value: str) -> str:
    """An XPath 1.0 string literal for any text (XPath has no escapes: concat() around quotes)."""
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    parts = value.split('"')
    return "concat(" + ", '\"', ".join(f'"{part}"' for part in parts) + ")"


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
    elif loc.kind == "text":
        out = {"using": "xpath", "value": f"//*[text()[normalize-space(.)={xpath_literal(loc.value)}]]"}
    elif loc.kind == "text_contains":
        out = {"using": "xpath", "value": f"//*[text()[contains(., {xpath_literal(loc.value)})]]"}
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
