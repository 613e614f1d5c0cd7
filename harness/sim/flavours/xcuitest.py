"""The simulated XCUITest (iOS): its rules, strategies, settings and new-session checks.

The page source lives in xcuitest_tree.py, the `mobile:` methods in xcuitest_methods.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from harness.sim import locators
from harness.sim.caps import get, not_created
from harness.sim.flavours import xcuitest_tree as page
from harness.sim.flavours.base import Flavour
from harness.sim.flavours.xcuitest_methods import CATALOGUE
from harness.sim.geometry import Rect
from harness.sim.locators import Finder
from harness.sim.model import AppModel
from harness.sim.nodes import FlavourTree, FNode
from harness.sim.style import ScreenStyle
from harness.sim.tree import View, ViewTree

LINK = (0, 102, 255)


class XCUITest(Flavour):
    platform = "ios"
    platform_name = "iOS"
    automation_name = "XCUITest"
    geometry = page.GEOMETRY
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
        "id",
        "name",
        "accessibility id",
        "class name",
        "xpath",
        "-ios predicate string",
        "-ios class chain",
    )
    catalogue = CATALOGUE
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
        bundle, app = get(caps, "bundleId"), get(caps, "app")
        if bundle is None and app is None:
            raise not_created("Either 'appium:app' or 'appium:bundleId' is required")
        if bundle is not None and bundle != model.ios.bundle_id:
            raise not_created(
                f"The application '{bundle}' is not installed on the simulated device "
                f"(it has {model.ios.bundle_id})"
            )

    def returned_caps(self, model: AppModel, caps: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(caps)
        out.setdefault("appium:deviceName", "Simulated iPhone")
        out.setdefault("appium:platformVersion", "17.5")
        out["appium:deviceScreenSize"] = f"{round(self.geometry.width)}x{round(self.geometry.height)}"
        out.setdefault("appium:bundleId", model.ios.bundle_id)
        return out

    def render(self, tree: ViewTree) -> FlavourTree:
        return page.render(tree)

    def find(self, finder: Finder, using: str, value: Any, context: FNode | None) -> list[FNode]:
        locators.check_strategy(self.strategies, using)
        value = locators.string_value(using, value)
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

    def attribute(self, node: FNode, name: str) -> Any:
        return page.attribute(node, name)

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
