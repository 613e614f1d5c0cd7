"""The simulated UiAutomator2 (Android): its rules, strategies, settings and new-session checks.

The page source lives in uiautomator2_tree.py, the `mobile:` methods in uiautomator2_methods.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from harness.drivers import automation_name
from harness.sim import css, locators, uiselector
from harness.sim.caps import check_app, get
from harness.sim.flavours import uiautomator2_device as device
from harness.sim.flavours import uiautomator2_tree as page
from harness.sim.flavours.base import Flavour
from harness.sim.flavours.uiautomator2_methods import CATALOGUE
from harness.sim.geometry import Rect
from harness.sim.locators import Finder
from harness.sim.model import AppModel
from harness.sim.nodes import FNode
from harness.sim.style import ScreenStyle
from harness.sim.tree import View

# a fully qualified resource id looks like `package:type/name`
_FULL_ID = re.compile(r"^[a-zA-Z_][a-zA-Z0-9._]*:[^/]+/\S+$")
# the driver turns this xpath into a UiSelector before the device sees it (anywhere in the expression)
_MAGIC_SCROLLABLE = re.compile(r"//\*\[@scrollable ?= ?('|\")true\1\]")
# the driver's CSS converter: attributes it knows (appium-uiautomator2-driver css/schema.js)
CSS_SCHEMA = css.Schema(
    {
        **{name: ("boolean", ()) for name in ("checkable", "checked", "clickable", "enabled", "focusable")},
        **{name: ("boolean", ()) for name in ("focused", "long-clickable", "scrollable", "selected")},
        "index": ("numeric", ("nth-child",)),
        "instance": ("numeric", ()),
        "description": ("string", ("content-description", "content-desc", "desc", "accessibility-id")),
        "resource-id": ("string", ("id",)),
        "text": ("string", ()),
        "class-name": ("string", ()),
        "package-name": ("string", ()),
    },
    "true-false",
)
_CSS_ID = re.compile(r"^[a-zA-Z_][a-zA-Z0-9._]*:id/\S+$")


class UiAutomator2(Flavour):
    platform = "android"
    platform_name = "Android"
    automation_name = automation_name("android")
    device_side = "harness.sim.device_side.android.side:AndroidDeviceSide"
    geometry = device.GEOMETRY
    style = ScreenStyle(dialog_text_align="left", dialog_button_colour=(255, 51, 51))
    settings: Mapping[str, Any] = {
        "waitForIdleTimeout": 10000,
        "waitForSelectorTimeout": 10000,
        "actionAcknowledgmentTimeout": 3000,
        "scrollAcknowledgmentTimeout": 200,
        "keyInjectionDelay": 0,
        "shouldUseCompactResponses": True,
        "elementResponseAttributes": "",
        "allowInvisibleElements": False,
        "ignoreUnimportantViews": False,
        "disableIdLocatorAutocompletion": False,
        "enableMultiWindows": False,
        "trackScrollEvents": True,
        "enableNotificationListener": True,
        "normalizeTagNames": False,
        "snapshotMaxDepth": 70,
        "limitXPathContextScope": True,
    }
    strategies = ("xpath", "id", "class name", "accessibility id", "css selector", "-android uiautomator")
    catalogue = CATALOGUE
    page = page
    tap_scrolls_into_view = False  # a row below the fold is not in the tree at all
    send_keys_focuses = False
    send_keys_replaces = True  # UiAutomator2 sets the whole text of the field
    system_back = True
    outside_tap_closes_dialog = True

    def app_id(self, model: AppModel) -> str:
        return model.android.package

    def app_name(self, model: AppModel) -> str:
        return model.name

    def check_app(self, model: AppModel, caps: Mapping[str, Any]) -> None:
        check_app(caps, "appPackage", model.android.package,
                  "Either 'appium:app' or 'appium:appPackage' (with 'appium:appActivity') is required")

    def returned_caps(self, model: AppModel, caps: Mapping[str, Any]) -> dict[str, Any]:
        """As the driver's startSession: the request, the app, then the device's own details."""
        out = dict(caps)
        out.setdefault("appium:appPackage", model.android.package)
        out.setdefault("appium:appActivity", model.android.activity)
        details = device.session_details(get(caps, "udid") or device.UDID)
        out.update({f"appium:{name}": value for name, value in details.items()})
        return out

    def search(self, finder: Finder, using: str, value: str, context: FNode | None) -> list[FNode]:
        package = finder.model.android.package
        if using == "css selector":  # converted by the driver, as it converts it
            using, value = (
                "-android uiautomator",
                css.convert(value, CSS_SCHEMA, lambda r: uiselector_of(r, package)),
            )
        if using == "xpath" and _MAGIC_SCROLLABLE.search(value):
            using, value = "-android uiautomator", "new UiSelector().scrollable(true)"
        if using == "xpath":
            return locators.by_xpath(finder.tree(), value, context)
        if using == "-android uiautomator":
            return locators.by_uiautomator(finder, value, context)
        nodes = finder.scope(context)
        if using == "id":
            autocomplete = not finder.settings.get("disableIdLocatorAutocompletion")
            rid = value if (not autocomplete or _FULL_ID.match(value)) else f"{package}:id/{value}"
            return [n for n in nodes if n.props.get("resource-id") == rid]
        if using == "accessibility id":
            return [n for n in nodes if n.props.get("content-desc") == value]
        return [n for n in nodes if n.tag == value and n.tag != "hierarchy"]  # class name

    def single_query(self, using: str, value: Any) -> Any:
        if using == "-android uiautomator" and isinstance(value, str) and ";" in value:
            return uiselector.first_statement(value)  # findOne: the first statement only
        return value

    def text(self, node: FNode) -> str:
        return node.attrs.get("text", "")

    def displayed(self, node: FNode) -> bool:
        return True  # only views with a visible part are in the tree at all

    def rect(self, node: FNode) -> dict[str, int]:
        return page.rect(node)

    def tap_point(self, node: FNode) -> tuple[float, float] | None:
        """The centre of the visible bounds, where UiAutomator2 clicks."""
        view = node.view
        if view is None or view.clip.empty:
            return None
        return view.clip.center

    def element_area(self, view: View, visible_part: bool) -> Rect:
        return view.clip  # bounds are always the visible part


def uiselector_of(rule: css.Rule, package: str) -> str:
    """A CSS rule as the driver's UiAutomator emitter writes it (css/ui-automator-emitter.js)."""
    parts = ["new UiSelector()"]
    if rule.tag and rule.tag != "*":
        if rule.classes:
            parts.append(f'.className("{".".join([rule.tag, *rule.classes])}")')
        else:
            parts.append(f'.classNameMatches("{rule.tag}")')
    elif rule.classes:
        parts.append('.classNameMatches("' + "\\.".join(rule.classes) + '")')
    if rule.id:
        parts.append(f'.resourceId("{_css_id(rule.id, package)}")')
    parts.extend(_uiselector_entity(e, package) for e in (*rule.attributes, *rule.pseudos))
    if rule.nested is not None:
        parts.append(f".childSelector({uiselector_of(rule.nested, package)})")
    return "".join(parts)


def _uiselector_entity(entity: css.Entity, package: str) -> str:
    kind = CSS_SCHEMA.attributes[entity.name][0]
    method = css.camel(entity.name)
    if kind == "boolean":
        return f".{method}({entity.value})"
    if kind == "numeric":
        return f".{entity.name}({'undefined' if entity.value is None else entity.value})"
    value = entity.value or ""
    if entity.name == "resource-id":
        value = _css_id(value, package)
    if value == "":
        return f'.{method}Matches("")'
    contains = entity.name in ("description", "text")
    if entity.operator == "*=":
        return (
            f'.{method}Contains("{value}")' if contains else f'.{method}Matches("{css.escape_regex(value)}")'
        )
    if entity.operator == "^=":
        return (
            f'.{method}StartsWith("{value}")'
            if contains
            else f'.{method}Matches("^{css.escape_regex(value)}")'
        )
    if entity.operator == "$=":
        return f'.{method}Matches("{css.escape_regex(value)}$")'
    if entity.operator == "~=":
        return f'.{method}Matches("\\b(\\w*{css.escape_regex(value)}\\w*)\\b")'
    return f'.{method}("{value}")'


def _css_id(value: str, package: str) -> str:
    return value if _CSS_ID.match(value) else f"{package or 'android'}:id/{value}"
