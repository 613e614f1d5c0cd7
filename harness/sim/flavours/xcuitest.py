"""The simulated XCUITest (iOS): its rules, strategies, settings and new-session checks.

The page source lives in xcuitest_tree.py, the `mobile:` methods in xcuitest_methods.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from harness.drivers import automation_name
from harness.sim import css, locators
from harness.sim.caps import check_app, get
from harness.sim.errors import WebDriverError
from harness.sim.flavours import xcuitest_device as device
from harness.sim.flavours import xcuitest_tree as page
from harness.sim.flavours.base import Flavour
from harness.sim.flavours.xcuitest_methods import CATALOGUE
from harness.sim.geometry import Rect
from harness.sim.locators import Finder
from harness.sim.model import AppModel
from harness.sim.nodes import FNode
from harness.sim.style import ScreenStyle
from harness.sim.tree import View

LINK = (0, 102, 255)
# the driver's CSS converter: attributes it knows (appium-xcuitest-driver css/schema.js)
CSS_SCHEMA = css.Schema(
    {
        **{name: ("boolean", ()) for name in ("visible", "accessible", "accessibility-container", "enabled")},
        "index": ("numeric", ("nth-child",)),
        "label": ("string", ()),
        "name": ("string", ("id",)),
        "value": ("string", ()),
        "type": ("string", ()),
    },
    "zero-one",
)
# rewrites the driver makes before WebDriverAgent sees a selector (commands/find.js)
_MAGIC_SCROLLABLE = re.compile(r"//\*\[@scrollable\s*=\s*('|\")true\1\]")
_SCROLLABLE_CHAIN = (
    "**/*[`"
    + " OR ".join(
        f'type == "XCUIElementType{t}"' for t in ("ScrollView", "Table", "CollectionView", "WebView")
    )
    + "`]"
)
_UIA_IN_XPATH = re.compile(r"(^|/)(UIA)([^\[/]+)")
_KEEP_VIEW = (
    "XCUIElementTypeScrollView",
    "XCUIElementTypeCollectionView",
    "XCUIElementTypeTextView",
    "XCUIElementTypeWebView",
)


class XCUITest(Flavour):
    platform = "ios"
    platform_name = "iOS"
    automation_name = automation_name("ios")
    device_side = "harness.sim.device_side.ios.side:IosDeviceSide"
    geometry = device.GEOMETRY
    style = ScreenStyle(dialog_text_align="center", dialog_button_colour=LINK)
    settings: Mapping[str, Any] = {
        "waitForIdleTimeout": 10,
        "animationCoolOffTimeout": 2,
        "snapshotMaxDepth": 50,
        "useFirstMatch": False,
        "boundElementsByIndex": False,
        "reduceMotion": False,
        "defaultActiveApplication": "auto",
        "activeAppDetectionPoint": "64.00,64.00",
        "includeNonModalElements": False,
        "acceptAlertButtonSelector": "",
        "dismissAlertButtonSelector": "",
        "screenshotQuality": 1,
        "keyboardAutocorrection": False,
        "keyboardPrediction": False,
        "respectSystemAlerts": False,
        "pageSourceExcludedAttributes": "",
        "maxTypingFrequency": 60,
        "shouldUseCompactResponses": True,
        "elementResponseAttributes": "type,label",
        "customSnapshotTimeout": 15,
    }
    strategies = (
        "xpath",
        "id",
        "name",
        "class name",
        "-ios predicate string",
        "-ios class chain",
        "accessibility id",
        "css selector",
    )
    catalogue = CATALOGUE
    page = page
    tap_scrolls_into_view = True  # XCUITest scrolls a hidden row into view before tapping it
    send_keys_focuses = True  # it taps the field to give it the keyboard focus, then types
    send_keys_replaces = False  # ... after what is there
    system_back = False  # no back key: the navigation bar's Back button
    outside_tap_closes_dialog = False

    def app_id(self, model: AppModel) -> str:
        return model.ios.bundle_id

    def app_name(self, model: AppModel) -> str:
        return model.ios.name or model.name

    def check_app(self, model: AppModel, caps: Mapping[str, Any]) -> None:
        check_app(caps, "bundleId", model.ios.bundle_id,
                  "Either 'appium:app' or 'appium:bundleId' is required")

    def returned_caps(self, model: AppModel, caps: Mapping[str, Any]) -> dict[str, Any]:
        """As the driver's createSession: the request, with the udid and OS version of the device."""
        out = dict(caps)
        out.setdefault("appium:deviceName", device.NAME)
        out.setdefault("appium:platformVersion", device.PLATFORM_VERSION)
        out["appium:udid"] = get(caps, "udid") or device.UDID
        out.setdefault("appium:bundleId", model.ios.bundle_id)
        return out

    def search(self, finder: Finder, using: str, value: str, context: FNode | None) -> list[FNode]:
        using, value = _rewrite(using, value)
        try:
            return _device_find(finder, using, value, context)
        except WebDriverError as exc:
            # the driver turns any error of WebDriverAgent's lookup into "nothing found"
            finder.notes.append(f"WebDriverAgent refused {using}={value!r}: {exc.message}")
            return []

    def text(self, node: FNode) -> str:
        """WDA's element text: the value when there is one, else the label."""
        value, label = node.props.get("value"), node.props.get("label")
        return str(value) if value not in (None, "") else (label or "")

    def displayed(self, node: FNode) -> bool:
        return bool(node.props.get("visible"))

    def rect(self, node: FNode) -> dict[str, int]:
        return dict(node.props["rect"]) if "rect" in node.props else {"x": 0, "y": 0, "width": 0, "height": 0}

    def tap_point(self, node: FNode) -> tuple[float, float] | None:
        view = node.view
        if view is None:
            return None
        return view.clip.center if not view.clip.empty else view.rect.center

    def element_area(self, view: View, visible_part: bool) -> Rect:
        return view.clip if visible_part and not view.clip.empty else view.rect


def _rewrite(using: str, value: str) -> tuple[str, str]:
    """What the driver sends WebDriverAgent: CSS as a class chain, XCUIElementType prefixes added."""
    if using == "css selector":
        return "-ios class chain", css.convert(value, CSS_SCHEMA, class_chain_of)
    if using == "class name":
        if value.startswith("UIA"):
            value = value[3:]
        return using, value if value.startswith("XCUIElementType") else _strip_view(f"XCUIElementType{value}")
    if using == "xpath" and _MAGIC_SCROLLABLE.search(value):
        return "-ios class chain", _SCROLLABLE_CHAIN
    if using == "xpath":
        return using, _UIA_IN_XPATH.sub(
            lambda m: m.group(1) + _strip_view(f"XCUIElementType{m.group(3)}"), value
        )
    return using, value


def _strip_view(name: str) -> str:
    return name[:-4] if name not in _KEEP_VIEW and name.endswith("View") else name


def _device_find(finder: Finder, using: str, value: str, context: FNode | None) -> list[FNode]:
    if using == "xpath":
        return locators.by_xpath(finder.tree(), value, context)
    if using == "-ios predicate string":
        return locators.by_predicate(finder, value, context)
    if using == "-ios class chain":
        return locators.by_class_chain(finder, value, context)
    nodes = finder.scope(context)
    if using in ("id", "name", "accessibility id"):
        return [n for n in nodes if n.view is not None and n.props.get("name") == value]
    return [n for n in nodes if n.tag == value]  # class name


def class_chain_of(rule: css.Rule) -> str:
    """A CSS rule as the driver's class chain emitter writes it (css/class-chain-emitter.js)."""
    if rule.classes:
        raise css.Invalid  # "must be a single string (e.g.: XCUIElementTypeWindow) without dots"
    tag = rule.tag or ""
    if tag and tag != "*" and not tag.lower().startswith("xcuielementtype"):
        tag = f"XCUIElementType{tag[:1].upper()}{tag[1:]}"
    chain = tag or "*"
    conditions = [f'name == "{rule.id}"'] if rule.id else []
    index: str | None = None
    for entity in (*rule.attributes, *rule.pseudos):
        kind = CSS_SCHEMA.attributes[entity.name][0]
        if entity.name == "index":
            index = entity.value or "" if index is None else index
        elif kind == "boolean":
            conditions.append(f"{css.camel(entity.name)} == {entity.value or '1'}")
        else:
            conditions.append(_chain_condition(entity))
    if conditions:
        chain += "[`" + " AND ".join(conditions) + "`]"
    if index is not None:
        chain += f"[{index}]"
    if rule.nested is not None:
        chain += "/" + class_chain_of(rule.nested)
    return chain if rule.combinator == "child" else f"**/{chain}"


def _chain_condition(entity: css.Entity) -> str:
    name, value = css.camel(entity.name), entity.value or ""
    if value == "":
        return f"[{name} LIKE {value}]"
    operator = {"*=": "MATCHES", "^=": "BEGINSWITH", "$=": "ENDSWITH", "~=": "CONTAINS"}.get(
        entity.operator or "=", "=="
    )
    return f'{name} {operator} "{css.escape_regex(value) if operator == "MATCHES" else value}"'
