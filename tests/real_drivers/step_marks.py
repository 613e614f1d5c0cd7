"""pytest plugin for the tier's runs (`-p tests.real_drivers.step_marks`): step boundaries in the journals.

The runner reports each step to Allure; this listens to allure-pytest's own step hooks and marks the
device journal of the profile whose scenario runs, so a transcript can show which adb commands and
device requests each step made. The end of each scenario is marked too.
"""

from __future__ import annotations

from typing import Any

import allure_commons
import pytest

from harness.pytest_plugin.config import SESSION_KEY

START, END, TEST_END = "start ", "end ", "test "


class StepMarks:
    def __init__(self, config: pytest.Config):
        self.config = config
        self.profile: str | None = None
        self.titles: dict[str, str] = {}

    def journal(self) -> Any:
        manager = self.config.stash.get(SESSION_KEY, None)
        session = manager.sessions.get(self.profile) if manager is not None and self.profile else None
        side = getattr(getattr(session, "server", None), "side", None)
        return side.journal if side is not None else None

    def mark(self, text: str) -> None:
        journal = self.journal()
        if journal is not None:
            journal.mark(text)

    @allure_commons.hookimpl
    def start_step(self, uuid: str, title: str, params: Any) -> None:
        self.titles[uuid] = title
        self.mark(START + title)

    @allure_commons.hookimpl
    def stop_step(self, uuid: str, exc_type: Any, exc_val: Any, exc_tb: Any) -> None:
        self.mark(END + self.titles.pop(uuid, ""))


_MARKS: StepMarks | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _MARKS
    _MARKS = StepMarks(config)
    allure_commons.plugin_manager.register(_MARKS)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    profile = getattr(item, "profile", None)
    assert _MARKS is not None
    _MARKS.profile = getattr(profile, "name", None)
    yield
    _MARKS.mark(TEST_END + item.nodeid)
