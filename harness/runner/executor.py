"""Executes plan commands on an Appium-Python-Client driver: polling waits, no fixed sleeps.

Every wait polls with a deadline (the step's timeout); the first poll is immediate, so an element
that is present costs exactly one round trip. Driver errors are mapped to the scenario's terms.
"""

from __future__ import annotations

import re
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from selenium.common.exceptions import (
    InvalidArgumentException,
    InvalidSelectorException,
    InvalidSessionIdException,
    NoSuchElementException,
    StaleElementReferenceException,
    WebDriverException,
)
from selenium.webdriver.remote.command import Command as W3C
from urllib3.exceptions import HTTPError as Urllib3Error

from harness.runner.errors import ElementNotFound, SessionLost, StepError, StepTimeout
from harness.scenario.variables import mask
from harness.translate.commands import Command

POLL_START = 0.05  # seconds; doubles up to POLL_MAX
POLL_MAX = 0.5


@dataclass
class ExecutionLog:
    """What the harness sent: counts per op (benchmarks) and the last commands (failure reports)."""

    counts: Counter[str] = field(default_factory=Counter)
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=40))

    def record(self, op: str, detail: str) -> None:
        self.counts[op] += 1
        self.recent.append(f"{time.strftime('%H:%M:%S')} {op} {detail}".rstrip())


def _polls(timeout: float) -> Any:
    """Yields before each attempt; the first at once, then with backoff until the deadline."""
    deadline = time.monotonic() + timeout
    delay = POLL_START
    yield
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(delay, left))
        delay = min(delay * 2, POLL_MAX)
        yield


class Executor:
    """Runs the commands of one step; keeps the element found by the last find for element commands."""

    def __init__(self, driver: Any, secrets: frozenset[str] = frozenset(), log: ExecutionLog | None = None):
        self.driver = driver
        self.secrets = secrets
        self.log = log or ExecutionLog()
        self.element: Any = None
        self._last_find: Command | None = None
        self.on_screenshot: Callable[[str, bytes], None] | None = None

    # -- driver calls, all through here so errors map one way ---------------------------------
    def call(self, op: str, detail: str, fn: Callable[[], Any]) -> Any:
        self.log.record(op, mask(detail, self.secrets))
        try:
            return fn()
        except (InvalidSessionIdException, Urllib3Error, ConnectionError) as exc:
            raise SessionLost(self._session_message(exc)) from None
        except (InvalidArgumentException, InvalidSelectorException) as exc:
            raise StepError(f"the driver refused {op}: {self._clean(exc)}") from None
        except WebDriverException as exc:
            text = str(exc)
            if re.search(r"session .*(not found|terminated|deleted)|session is either terminated", text,
                         re.I):
                raise SessionLost(self._session_message(exc)) from None
            raise

    def _clean(self, exc: Exception) -> str:
        text = getattr(exc, "msg", None) or str(exc)
        return mask(str(text).strip().splitlines()[0] if text else type(exc).__name__, self.secrets)

    def _session_message(self, exc: Exception) -> str:
        return (
            f"the Appium session was lost ({type(exc).__name__}: {self._clean(exc)}); check that the "
            f"server at {getattr(self.driver.command_executor, '_url', 'its url')} is running and "
            "the device is connected (see the server log)"
        )

    # -- commands ------------------------------------------------------------------------------
    def run(self, command: Command, timeout: float) -> None:
        handler = getattr(self, f"_op_{command.op}")
        handler(command, timeout)

    def find_now(self, locators: list[dict[str, Any]]) -> Any:
        """One attempt over the locators in order; the element or None."""
        for loc in locators:
            using, value, index = loc["using"], loc["value"], loc.get("index")
            if index is None:
                try:
                    return self.call("find_element", f"{using}: {value}",
                                     lambda u=using, v=value: self.driver.find_element(u, v))
                except NoSuchElementException:
                    continue
            else:
                found = self.call("find_elements", f"{using}: {value} [{index}]",
                                  lambda u=using, v=value: self.driver.find_elements(u, v))
                if len(found) > index:
                    return found[index]
        return None

    def visible_now(self, locators: list[dict[str, Any]]) -> bool:
        """Is any element of these locators on screen right now (no waiting)?"""
        for loc in locators:
            using, value, index = loc["using"], loc["value"], loc.get("index")
            found = self.call("find_elements", f"{using}: {value}",
                              lambda u=using, v=value: self.driver.find_elements(u, v))
            candidates = found[index:index + 1] if index is not None else found[:1]
            for element in candidates:
                try:
                    if self.call("is_displayed", "", element.is_displayed):
                        return True
                except StaleElementReferenceException:
                    continue
        return False

    def _op_find_element(self, command: Command, timeout: float) -> None:
        locators = command.fields["locators"]
        for _ in _polls(timeout):
            element = self.find_now(locators)
            if element is not None:
                self.element = element
                self._last_find = command
                return
        tried = ", ".join(f"{loc['using']}={loc['value']!r}" for loc in locators)
        raise ElementNotFound(mask(
            f"no element matched {command.fields.get('target', 'the target')} within {timeout:g}s "
            f"(tried {tried})", self.secrets))

    def _op_find_active_element(self, command: Command, timeout: float) -> None:
        self.element = self.call("find_active_element", "", lambda: self.driver.switch_to.active_element)
        self._last_find = None

    def _element_call(self, op: str, detail: str, fn: Callable[[Any], Any], timeout: float) -> Any:
        """An element command; a stale element is found again once (lists re-render under us)."""
        try:
            return self.call(op, detail, lambda: fn(self.element))
        except StaleElementReferenceException:
            if self._last_find is None:
                raise
            self._op_find_element(self._last_find, timeout)
            return self.call(op, detail, lambda: fn(self.element))

    def _op_click(self, command: Command, timeout: float) -> None:
        self._element_call("click", "", lambda el: el.click(), timeout)

    def _op_clear(self, command: Command, timeout: float) -> None:
        self._element_call("clear", "", lambda el: el.clear(), timeout)

    def _op_send_keys(self, command: Command, timeout: float) -> None:
        text = command.fields["text"]
        shown = "***" if command.secret else text
        self._element_call("send_keys", repr(shown), lambda el: el.send_keys(text), timeout)

    def _op_is_displayed(self, command: Command, timeout: float) -> None:
        for _ in _polls(timeout):
            if self._element_call("is_displayed", "", lambda el: el.is_displayed(), timeout):
                return
        target = self._last_find.fields.get("target") if self._last_find else "the element"
        raise StepTimeout(f"{target} was found but not displayed within {timeout:g}s")

    def _op_get_text(self, command: Command, timeout: float) -> None:
        how, expected = next(iter(command.fields["expect"].items()))
        actual = ""
        for _ in _polls(timeout):
            actual = self._element_call("get_text", "", lambda el: el.text, timeout) or ""
            if _text_matches(how, expected, actual):
                return
        target = self._last_find.fields.get("target") if self._last_find else "the element"
        verb = {"equals": "to equal", "contains": "to contain", "matches": "to match"}[how]
        raise StepTimeout(mask(f"expected the text of {target} {verb} {expected!r}, got {actual!r} "
                               f"(waited {timeout:g}s)", self.secrets))

    def _op_wait_absent(self, command: Command, timeout: float) -> None:
        for _ in _polls(timeout):
            if not self.visible_now(command.fields["locators"]):
                return
        raise StepTimeout(f"{command.fields.get('target')} was still on screen after {timeout:g}s")

    def _op_execute(self, command: Command, timeout: float) -> Any:
        args = dict(command.fields["args"])
        element_arg = command.fields.get("element_arg")
        if element_arg:
            args[element_arg] = self.element.id
        script = command.fields["script"]
        return self.call("execute", f"{script} {mask(str(args), self.secrets)}",
                         lambda: self.driver.execute_script(script, args))

    def _op_perform_actions(self, command: Command, timeout: float) -> None:
        actions = command.fields["actions"]
        self.call("perform_actions", "", lambda: self.driver.execute(W3C.W3C_ACTIONS, {"actions": actions}))

    def _op_back(self, command: Command, timeout: float) -> None:
        self.call("back", "", self.driver.back)

    def _op_get_screenshot(self, command: Command, timeout: float) -> None:
        png = self.call("get_screenshot", "", self.driver.get_screenshot_as_png)
        if self.on_screenshot is not None:
            self.on_screenshot(command.fields.get("name", "screenshot"), png)

    def _op_set_context(self, command: Command, timeout: float) -> None:
        wanted, how = command.fields["name"], command.fields.get("match", "exact")
        contexts: list[str] = []
        for _ in _polls(timeout):
            contexts = self.call("get_contexts", "", lambda: self.driver.contexts) or []
            match = next((c for c in contexts if (c == wanted if how == "exact" else c.startswith(wanted))),
                         None)
            if match:
                self.call("set_context", match, lambda m=match: self.driver.switch_to.context(m))
                return
        raise StepTimeout(f"no context {'named' if how == 'exact' else 'starting with'} {wanted!r} "
                          f"within {timeout:g}s (contexts: {', '.join(contexts) or 'none'})")

    def _op_scroll_until_visible(self, command: Command, timeout: float) -> None:
        locators, max_swipes = command.fields["locators"], command.fields["max_swipes"]
        for swipes in range(max_swipes + 1):
            element = self._visible_element(locators)
            if element is not None:
                self.element = element
                self._last_find = Command("find_element", {"locators": locators,
                                                          "target": command.fields.get("target")})
                return
            if swipes == max_swipes:
                break
            for swipe in command.fields["swipe"]:
                self.run(swipe, timeout)
        raise ElementNotFound(f"{command.fields.get('target')} did not come into view after "
                              f"{max_swipes} swipes")

    def _visible_element(self, locators: list[dict[str, Any]]) -> Any:
        element = self.find_now(locators)
        if element is None:
            return None
        try:
            return element if self.call("is_displayed", "", element.is_displayed) else None
        except StaleElementReferenceException:
            return None

    # -- artifacts -----------------------------------------------------------------------------
    def screenshot(self) -> bytes | None:
        try:
            return self.driver.get_screenshot_as_png()
        except Exception:
            return None

    def page_source(self) -> str | None:
        try:
            return mask(self.driver.page_source, self.secrets)
        except Exception:
            return None


def _text_matches(how: str, expected: str, actual: str) -> bool:
    if how == "equals":
        return actual == expected
    if how == "contains":
        return expected in actual
    return re.search(expected, actual) is not None
