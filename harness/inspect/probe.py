"""Asks the live driver what a selector finds: the same translation the runner uses, then find_elements.

What `harness inspect` reports is what the driver does, not what a parse of its page source suggests: a
selector is unique when the driver's find_elements, sent the locator the runner would send, returns one
element, and that element's rect is the node's. Answers are cached for one look at the screen, so a
class shared by twenty nodes costs one find.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException

from harness.inspect.source import Rect
from harness.runner.errors import StepError
from harness.runner.executor import Executor
from harness.scenario.selectors import Locator
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.platform import element_locator
from harness.translate.steps import PLATFORM_FORMS

MAX_SCAN = 40  # matches whose rects are read to tell which index a node has; beyond: no index proposed


@dataclass
class Found:
    using: str
    value: str
    elements: list[Any] = field(default_factory=list)
    refused: str = ""  # the driver (or the translator) refused this locator

    @property
    def count(self) -> int:
        return len(self.elements)


class Probe:
    """One look at the screen through one driver: finds, rects and displayed flags, each asked once."""

    def __init__(self, driver: Any, ctx: TranslateContext):
        self.executor = Executor(driver)
        self.ctx = ctx
        self._found: dict[tuple[str, str], Found] = {}
        self._rects: dict[str, Rect | None] = {}
        self._shown: dict[str, bool] = {}

    def driver_locator(self, key: str, value: str) -> dict[str, object]:
        """The locator the runner sends for `{key: value}` (raises TranslateError)."""
        return element_locator(PLATFORM_FORMS[self.ctx.platform], Locator(key, value), self.ctx)

    def find(self, key: str, value: str) -> Found:
        try:
            loc = self.driver_locator(key, value)
        except TranslateError as exc:
            return Found(key, value, refused=str(exc))
        return self.find_locator(str(loc["using"]), str(loc["value"]))

    def find_locator(self, using: str, value: str) -> Found:
        cached = self._found.get((using, value))
        if cached is not None:
            return cached
        found = Found(using, value)
        driver = self.executor.driver
        try:
            found.elements = list(self.executor.call(
                "find_elements", f"{using}: {value}", lambda: driver.find_elements(using, value)))
        except StepError as exc:
            found.refused = str(exc)
        except WebDriverException as exc:  # an error the runner would report as the step's failure
            found.refused = (getattr(exc, "msg", None) or type(exc).__name__).strip().splitlines()[0]
        self._found[(using, value)] = found
        return found

    def rect(self, element: Any) -> Rect | None:
        key = str(getattr(element, "id", id(element)))
        if key not in self._rects:
            try:
                self._rects[key] = Rect.of(self.executor.call("rect", "", lambda: element.rect))
            except (StaleElementReferenceException, StepError, WebDriverException):
                self._rects[key] = None
        return self._rects[key]

    def displayed(self, element: Any) -> bool:
        key = str(getattr(element, "id", id(element)))
        if key not in self._shown:
            try:
                self._shown[key] = bool(self.executor.call("is_displayed", "", element.is_displayed))
            except (StaleElementReferenceException, StepError, WebDriverException):
                self._shown[key] = False
        return self._shown[key]

    def indices_of(self, found: Found, rect: Rect | None) -> list[int] | None:
        """The positions among `found` whose rect is `rect`; None when there are too many to read."""
        if rect is None or found.count > MAX_SCAN:
            return None
        return [i for i, element in enumerate(found.elements) if rect.same(self.rect(element))]
