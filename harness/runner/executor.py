"""Executes plan commands on an Appium-Python-Client driver: polling waits, no fixed sleeps.

Every wait polls with a deadline (the step's timeout); the first poll is immediate, so an element
that is present costs exactly one round trip. Driver errors are mapped to the scenario's terms.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from typing import Any

from appium.common.exceptions import NoSuchContextException
from selenium.common.exceptions import (
    ElementClickInterceptedException,
    ElementNotInteractableException,
    InvalidArgumentException,
    InvalidElementStateException,
    InvalidSelectorException,
    InvalidSessionIdException,
    MoveTargetOutOfBoundsException,
    NoAlertPresentException,
    NoSuchElementException,
    NoSuchFrameException,
    NoSuchWindowException,
    StaleElementReferenceException,
    UnknownMethodException,
    WebDriverException,
)
from selenium.webdriver.remote.command import Command as W3C
from urllib3.exceptions import HTTPError as Urllib3Error

from harness.runner.errors import (
    AppNotRunning,
    ElementNotFound,
    ServerDied,
    SessionLost,
    StepError,
    StepTimeout,
)
from harness.runner.matching import text_matches
from harness.runner.polling import ExecutionLog
from harness.runner.web_ops import WebOps
from harness.secrets import mask
from harness.translate.commands import Command
from harness.waiting import POLL_MAX, polls

# what the driver says when the scenario asked for something it cannot do: a step failure, not broken
REFUSED = (
    InvalidArgumentException, InvalidSelectorException, UnknownMethodException, NoAlertPresentException,
    ElementNotInteractableException, ElementClickInterceptedException, InvalidElementStateException,
    MoveTargetOutOfBoundsException, NoSuchFrameException, NoSuchWindowException, NoSuchContextException,
)
REFUSED_WORDS = re.compile(r"unknown command|unsupported operation|unknown method|not (?:yet )?implemented",
                           re.I)
SESSION_GONE = re.compile(r"session .*(not found|terminated|deleted)|session is either terminated", re.I)
OPPOSITE = {"up": "down", "down": "up", "left": "right", "right": "left"}
NATIVE = "NATIVE_APP"
FOREGROUND = 4  # `mobile: queryAppState`, the same on UiAutomator2 and XCUITest
APP_STATES = {0: "not installed", 1: "not running", 2: "suspended in the background", 3: "in the background",
              4: "in the foreground"}


class Executor(WebOps):
    """Runs the commands of one step; keeps the element found by the last find for element commands.

    `server_url` names the server in messages; `server_alive` tells a dead server from a lost session;
    `app_args` (the args of the app's activate call) let a failed find ask whether the app still runs.
    """

    def __init__(
        self,
        driver: Any,
        log: ExecutionLog | None = None,
        *,
        server_url: str = "",
        server_alive: Callable[[], bool] | None = None,
        server_log: str = "",
        app_args: dict[str, Any] | None = None,
    ):
        self.driver = driver
        self.log = log or ExecutionLog()
        self.server_url = server_url
        self.server_alive = server_alive
        self.server_log = server_log
        self.app_args = app_args
        self.element: Any = None
        self._last_find: Command | None = None
        self.on_screenshot: Callable[[str, bytes], None] | None = None

    # -- driver calls, all through here so errors map one way ---------------------------------
    def call(self, op: str, detail: str, fn: Callable[[], Any]) -> Any:
        self.log.record(op, mask(detail))
        try:
            return fn()
        except (InvalidSessionIdException, Urllib3Error, ConnectionError) as exc:
            raise self._lost(exc) from None
        except REFUSED as exc:
            raise StepError(f"the driver refused {op}: {self._clean(exc)}") from None
        except (NoSuchElementException, StaleElementReferenceException):
            raise
        except WebDriverException as exc:
            text = str(exc)
            if SESSION_GONE.search(text):
                raise self._lost(exc) from None
            if REFUSED_WORDS.search(text):
                raise StepError(f"the driver refused {op}: {self._clean(exc)}") from None
            raise

    def _clean(self, exc: Exception) -> str:
        text = getattr(exc, "msg", None) or str(exc)
        return mask(str(text).strip().splitlines()[0] if text else type(exc).__name__)

    def _still_alive(self, exc: Exception) -> bool:
        """Is the server still running? A connection refused by a server being killed can come a moment
        before its process is seen gone: give it that moment (a second at most)."""
        assert self.server_alive is not None
        connection = isinstance(exc, Urllib3Error | ConnectionError)
        for _ in range(10 if connection else 1):
            if not self.server_alive():
                return False
            if connection:
                time.sleep(0.1)
        return True

    def _lost(self, exc: Exception) -> SessionLost:
        where = self.server_url or "the server"
        log = f" (its log: {self.server_log})" if self.server_log else ""
        if self.server_alive is not None and not self._still_alive(exc):
            return ServerDied(
                f"the Appium server at {where} died while the scenario ran{log}; the harness starts it "
                "again for the next scenario. Check the end of its log for the reason (out of memory, a "
                "driver crash, a killed process)"
            )
        return SessionLost(
            f"the Appium session was lost ({type(exc).__name__}: {self._clean(exc)}); check that the "
            f"server at {where} is running and the device is connected{log}"
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

    def find_combined(self, combined: dict[str, Any], locators: list[dict[str, Any]]) -> Any:
        """One attempt with the fallbacks as one query (one round trip while nothing matches): an ordered
        query's first match is the first locator's, a sole match is the one, several are resolved in order."""
        using, value = combined["using"], combined["value"]
        find = self.driver.find_elements
        found = self.call("find_elements", f"{using}: {value}", lambda: find(using, value))
        if found and (combined.get("ordered") or len(found) == 1):
            return found[0]
        return self.find_now(locators) if found else None

    def _op_find_element(self, command: Command, timeout: float) -> None:
        locators = command.fields["locators"]
        combined = command.fields.get("combined")
        for _ in polls(timeout):
            element = self.find_combined(combined, locators) if combined else self.find_now(locators)
            if element is not None:
                self.element = element
                self._last_find = command
                return
        tried = ", ".join(f"{loc['using']}={loc['value']!r}" for loc in locators)
        self._not_found(f"no element matched {command.fields.get('target', 'the target')} within "
                        f"{timeout:g}s (tried {tried})")

    def _not_found(self, message: str) -> None:
        """Raise ElementNotFound, or AppNotRunning when the app has left the foreground meanwhile."""
        state = self.app_state()
        if state is not None and state != FOREGROUND:
            app = next(iter(self.app_args.values()), "the app") if self.app_args else "the app"
            raise AppNotRunning(mask(f"the app is not running (crashed or closed): {app} is "
                                     f"{APP_STATES.get(state, f'in state {state}')}; {message}"))
        raise ElementNotFound(mask(message))

    def app_state(self) -> int | None:
        """`mobile: queryAppState` of the app under test, or None where the driver cannot tell."""
        if not self.app_args:
            return None
        try:
            state = self._query_state(self.app_args)
        except (StepError, WebDriverException):
            return None
        return state if isinstance(state, int) else None

    def _query_state(self, args: dict[str, Any]) -> Any:
        return self.call("execute", f"mobile: queryAppState {mask(str(args))}",
                         lambda: self.driver.execute_script("mobile: queryAppState", dict(args)))

    def wait_app_foreground(self, args: dict[str, Any], timeout: float) -> None:
        """Poll `mobile: queryAppState` until the app runs in the foreground (launch_app, the reset)."""
        state: Any = None
        for _ in polls(timeout):
            try:
                state = self._query_state(args)
            except (StepError, WebDriverException):
                return  # a driver without app states (Appium's fake driver): nothing to wait for
            if state == FOREGROUND:
                return
        app = next(iter(args.values()), "the app")
        raise StepTimeout(mask(f"{app} was not running in the foreground within {timeout:g}s after it was "
                               f"launched (it is {APP_STATES.get(state, f'in state {state}')})"))

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
        for _ in polls(timeout):
            if self._element_call("is_displayed", "", lambda el: el.is_displayed(), timeout):
                return
        target = self._last_find.fields.get("target") if self._last_find else "the element"
        raise StepTimeout(f"{target} was found but not displayed within {timeout:g}s")

    def _op_get_text(self, command: Command, timeout: float) -> None:
        how, expected = next(iter(command.fields["expect"].items()))
        deadline = time.monotonic() + timeout
        actual = ""
        for _ in polls(timeout):
            actual = self._element_call("get_text", "", lambda el: el.text, timeout) or ""
            if text_matches(how, expected, actual, deadline - time.monotonic()):
                return
        target = self._last_find.fields.get("target") if self._last_find else "the element"
        verb = {"equals": "to equal", "contains": "to contain", "matches": "to match"}[how]
        raise StepTimeout(mask(f"expected the text of {target} {verb} {expected!r}, got {actual!r} "
                               f"(waited {timeout:g}s)"))

    def _op_wait_absent(self, command: Command, timeout: float) -> None:
        for _ in polls(timeout):
            if not self.visible_now(command.fields["locators"]):
                return
        raise StepTimeout(f"{command.fields.get('target')} was still on screen after {timeout:g}s")

    def _op_execute(self, command: Command, timeout: float) -> Any:
        args = dict(command.fields["args"])
        element_arg = command.fields.get("element_arg")
        if element_arg:
            args[element_arg] = self.element.id
        script = command.fields["script"]
        return self.call("execute", f"{script} {mask(str(args))}",
                         lambda: self.driver.execute_script(script, args))

    def _op_perform_actions(self, command: Command, timeout: float) -> None:
        actions = self.element_actions(command)
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
        for _ in polls(timeout):
            contexts = self.call("get_contexts", "", lambda: self.driver.contexts) or []
            match = next((c for c in contexts if (c == wanted if how == "exact" else c.startswith(wanted))),
                         None)
            if match:
                self.log.context = None  # not known until the driver has said yes
                self.call("set_context", match, lambda m=match: self.driver.switch_to.context(m))
                self.log.context = match
                return
        raise StepTimeout(f"no context {'named' if how == 'exact' else 'starting with'} {wanted!r} "
                          f"within {timeout:g}s (contexts: {', '.join(contexts) or 'none'})")

    def _op_scroll_until_visible(self, command: Command, timeout: float) -> None:
        """Look, swipe, look... at most max_swipes swipes per pass; passes go back and forth (as
        UiScrollable searches again from the start) until the target shows or the deadline passes, so a
        target that appears late is found wherever it is."""
        max_swipes = command.fields["max_swipes"]
        passes = [command.fields["swipe"], [_reversed(c) for c in command.fields["swipe"]]]
        deadline = time.monotonic() + timeout
        for number in itertools.count():
            if self._scroll_pass(command, passes[number % 2], max_swipes, deadline):
                return
            if time.monotonic() >= deadline:
                break
            time.sleep(min(POLL_MAX, max(0.0, deadline - time.monotonic())))
        self._not_found(f"{command.fields.get('target')} did not come into view within {timeout:g}s "
                        f"(at most {max_swipes} swipes a pass)")

    def _scroll_pass(self, command: Command, swipe: list[Command], max_swipes: int, deadline: float) -> bool:
        locators = command.fields["locators"]
        for done in range(max_swipes + 1):
            element = self._visible_element(locators)
            if element is not None:
                self.element = element
                self._last_find = Command("find_element", {"locators": locators,
                                                          "target": command.fields.get("target")})
                return True
            if done == max_swipes or not swipe or time.monotonic() >= deadline:
                return False
            for gesture in swipe:
                self.run(gesture, max(0.0, deadline - time.monotonic()))
        return False

    def _visible_element(self, locators: list[dict[str, Any]]) -> Any:
        element = self.find_now(locators)
        if element is None:
            return None
        try:
            return element if self.call("is_displayed", "", element.is_displayed) else None
        except StaleElementReferenceException:
            return None

    def return_to_native(self) -> None:
        """The native context with no alert open: how every scenario, and launch_app, starts. A driver
        without contexts or alerts (it refuses the call) has nothing to return from. The context is asked
        for only when the harness does not know it (a new session, a switch that failed half way)."""
        current = self.log.context
        if current is None:
            try:
                current = self.call("get_context", "", lambda: self.driver.current_context)
            except (StepError, WebDriverException):  # a driver without contexts is native
                current = NATIVE
        if current and current != NATIVE:
            self.log.context = None
            self.call("set_context", NATIVE, lambda: self.driver.switch_to.context(NATIVE))
        self.log.context = NATIVE
        try:
            self.call("get_alert_text", "", lambda: self.driver.switch_to.alert)
        except (StepError, WebDriverException):
            return  # no alert open (or a driver that cannot tell: nothing to dismiss then)
        self.call("dismiss_alert", "", lambda: self.driver.switch_to.alert.dismiss())

    # -- artifacts -----------------------------------------------------------------------------
    def screenshot(self) -> bytes | None:
        try:
            return self.driver.get_screenshot_as_png()
        except Exception:
            return None

    def page_source(self) -> str | None:
        try:
            return mask(self.driver.page_source)
        except Exception:
            return None


def _reversed(swipe: Command) -> Command:
    """The same gesture the other way (the args of scrollGesture and swipe both name a direction)."""
    args = dict(swipe.fields["args"])
    args["direction"] = OPPOSITE.get(str(args.get("direction")), args.get("direction"))
    return Command(swipe.op, {**swipe.fields, "args": args}, swipe.secret)
