"""The flavour interface: everything that differs between the simulated UiAutomator2 and XCUITest.

One object per driver implements it (flavours/uiautomator2.py, flavours/xcuitest.py). The rest of
harness/sim/ is platform-neutral and asks the session's flavour instead of testing a platform name:
a test fails on any platform string compared outside this package.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

from harness.sim import locators
from harness.sim.geometry import Geometry, Rect
from harness.sim.locators import Finder
from harness.sim.methods import Catalogue
from harness.sim.model import AppModel
from harness.sim.nodes import FlavourTree, FNode
from harness.sim.style import ScreenStyle
from harness.sim.tree import View, ViewTree


class Flavour(ABC):
    # ---- identity ---------------------------------------------------------------------------------
    platform: ClassVar[str]  # the key of SimServer(platform=...) and `harness sim --platform`
    platform_name: ClassVar[str]  # the platformName capability it answers to
    automation_name: ClassVar[str]  # the appium:automationName capability (the driver's name)

    # ---- the device -------------------------------------------------------------------------------
    geometry: ClassVar[Geometry]
    style: ClassVar[ScreenStyle]
    settings: ClassVar[Mapping[str, Any]]  # GET /appium/settings of a new session
    strategies: ClassVar[tuple[str, ...]]  # native-context locator strategies the driver accepts
    catalogue: ClassVar[Catalogue]  # its `mobile:` methods

    # ---- behaviour rules --------------------------------------------------------------------------
    tap_scrolls_into_view: ClassVar[bool]  # a click on a row below the fold scrolls it in first
    send_keys_focuses: ClassVar[bool]  # send_keys gives the field the focus (and shows the keyboard)
    send_keys_replaces: ClassVar[bool]  # send_keys replaces the text (else types after it)
    system_back: ClassVar[bool]  # POST /back is the system back key (else: the navigation bar's Back)
    outside_tap_closes_dialog: ClassVar[bool]  # a tap beside a cancelable dialog closes it

    # ---- behind the real driver -------------------------------------------------------------------
    # "module:Class" of the device side the real driver talks to (harness/sim/device_side/), named not
    # imported: the direct mode never loads it
    device_side: ClassVar[str]

    # ---- the app ----------------------------------------------------------------------------------
    @abstractmethod
    def app_id(self, model: AppModel) -> str:
        """The package / bundle id the driver knows the app by."""

    @abstractmethod
    def app_name(self, model: AppModel) -> str:
        """The name the launcher (and the iOS application element) shows."""

    @abstractmethod
    def check_app(self, model: AppModel, caps: Mapping[str, Any]) -> None:
        """Refuse a new session (`session not created`) whose app capabilities the driver would refuse."""

    @abstractmethod
    def returned_caps(self, model: AppModel, caps: Mapping[str, Any]) -> dict[str, Any]:
        """The capabilities a new session answers with: what was asked plus what the driver adds."""

    # ---- the tree ---------------------------------------------------------------------------------
    # the module of the driver's page source: render(tree) -> FlavourTree, attribute(node, name)
    page: ClassVar[Any]

    def render(self, tree: ViewTree) -> FlavourTree:
        """The neutral views as this driver's page source (tags, attributes, what is in the tree)."""
        return self.page.render(tree)

    def single_query(self, using: str, value: Any) -> Any:
        """The part of a query that a single-element find evaluates (all of it, unless the driver says
        otherwise: UiAutomator2 reads only the first `-android uiautomator` statement)."""
        return value

    def attribute(self, node: FNode, name: str) -> Any:
        """GET /element/{id}/attribute/{name} as the driver answers it."""
        return self.page.attribute(node, name)

    def find(self, finder: Finder, using: str, value: Any, context: FNode | None) -> list[FNode]:
        """A native-context search: a strategy and value the driver accepts, then its own search."""
        locators.check_strategy(self.strategies, using)
        return self.search(finder, using, locators.string_value(using, value), context)

    @abstractmethod
    def search(self, finder: Finder, using: str, value: str, context: FNode | None) -> list[FNode]:
        """The driver's search for a checked strategy and value, with its rewrites of the selector."""

    @abstractmethod
    def text(self, node: FNode) -> str:
        """GET /element/{id}/text."""

    @abstractmethod
    def displayed(self, node: FNode) -> bool:
        """GET /element/{id}/displayed."""

    @abstractmethod
    def rect(self, node: FNode) -> dict[str, int]:
        """GET /element/{id}/rect, in the driver's coordinate units."""

    @abstractmethod
    def tap_point(self, node: FNode) -> tuple[float, float] | None:
        """Where a click on the element lands (logical units); None when it has nothing to click."""

    @abstractmethod
    def element_area(self, view: View, visible_part: bool) -> Rect:
        """The area a gesture on the element covers (logical units)."""
