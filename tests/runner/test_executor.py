"""The executor in-process against a stub driver: launch_app waits for the foreground, the harness's own
text matching is bounded by the step's timeout, and driver errors map to the scenario's terms."""

from __future__ import annotations

import time
from typing import Any

import pytest
from selenium.common.exceptions import InvalidSelectorException, UnknownMethodException, WebDriverException

from harness.runner.errors import StepError, StepTimeout
from harness.runner.executor import Executor
from harness.translate.commands import Command


class StubDriver:
    def __init__(self, states: list[Any] | None = None, error: Exception | None = None, text: str = ""):
        self.states = list(states or [])
        self.error = error
        self.text = text
        self.calls: list[str] = []

    def execute_script(self, script: str, args: dict[str, Any]) -> Any:
        self.calls.append(f"{script} {args}")
        if self.error is not None:
            raise self.error
        return self.states.pop(0) if len(self.states) > 1 else self.states[0]

    def find_element(self, using: str, value: str) -> Any:
        if self.error is not None:
            raise self.error
        return self


def test_launch_waits_until_the_app_is_in_the_foreground() -> None:
    driver = StubDriver(states=[1, 3, 3, 4])
    Executor(driver).wait_app_foreground({"appId": "com.example"}, timeout=5)
    assert driver.calls == ["mobile: queryAppState {'appId': 'com.example'}"] * 4


def test_an_app_that_never_comes_to_the_foreground_fails_within_the_step_timeout() -> None:
    driver = StubDriver(states=[3])
    started = time.monotonic()
    expected = (r"com\.example was not running in the foreground within 0\.6s after it was launched "
                r"\(it is in the background\)")
    with pytest.raises(StepTimeout, match=expected):
        Executor(driver).wait_app_foreground({"bundleId": "com.example"}, timeout=0.6)
    assert 0.6 <= time.monotonic() - started < 2


def test_a_driver_without_app_states_does_not_wait() -> None:
    driver = StubDriver(error=UnknownMethodException("unknown method: mobile: queryAppState"))
    Executor(driver).wait_app_foreground({"appId": "x"}, timeout=5)
    assert len(driver.calls) == 1


def test_a_refused_selector_is_a_step_error_an_unknown_error_is_not() -> None:
    find = Command("find_element", {"locators": [{"using": "xpath", "value": "//["}], "target": "x"})
    with pytest.raises(StepError, match="the driver refused find_element: invalid xpath"):
        Executor(StubDriver(error=InvalidSelectorException("invalid xpath"))).run(find, 1)
    with pytest.raises(WebDriverException):
        Executor(StubDriver(error=WebDriverException("unknown error: instrumentation died"))).run(find, 1)


def test_text_matching_is_bounded_by_the_step_timeout() -> None:
    executor = Executor(StubDriver(text="a" * 64 + "!"))
    executor.element = executor.driver
    started = time.monotonic()
    with pytest.raises(StepTimeout, match="took longer than the step's timeout"):
        executor.run(Command("get_text", {"expect": {"matches": "^(a|aa)+$"}}), timeout=0.5)
    assert time.monotonic() - started < 2
