"""`--harness-clean-alluredir`: start the Allure results folder clean, but only once the run has something
to run.

Cleaning before pytest has parsed its arguments and collected would empty the folder for a misspelt path
or flag, or for a run that selects nothing. Here the folder is cleaned after collection (with xdist:
when the first worker reports its collection, before the controller schedules any test) and only when
scenarios were collected; otherwise it is left as it was and the summary says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

# What allure-pytest and the harness write into a results folder; anything else a user keeps there stays.
ALLURE_FILES = ("*-result.json", "*-container.json", "*-attachment.*", "environment.properties",
                "categories.json", "executor.json", "*.tmp")


def clean_results(folder: Path) -> int:
    """Remove the Allure files of an earlier run from `folder`; the number of files removed."""
    if not folder.is_dir():
        return 0
    removed = 0
    for pattern in ALLURE_FILES:
        for path in folder.glob(pattern):
            if path.is_file():
                path.unlink()
                removed += 1
    return removed


class CleanResults:
    """Registered by the plugin when `--harness-clean-alluredir` is given (in the controller only)."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.cleaned = False

    @property
    def folder(self) -> Path | None:
        results = self.config.getoption("allure_report_dir", None)
        return Path(results) if results else None

    def clean_once(self) -> None:
        if not self.cleaned and self.folder is not None:
            clean_results(self.folder)
            self.cleaned = True

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # after a usage error (path not found) pytest still calls this hook, with no items
        if session.items and not session.testsfailed and not self.config.option.collectonly:
            self.clean_once()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if not self.cleaned and self.folder is not None:
            terminalreporter.write_line(
                f"harness: nothing ran; the Allure results folder {self.folder} was left as it was"
            )


class CleanResultsXdist(CleanResults):
    """With pytest-xdist the controller collects nothing itself: the workers report what they collected."""

    def pytest_xdist_node_collection_finished(self, node: Any, ids: list[str]) -> None:
        if ids and not self.config.option.collectonly:
            self.clean_once()


def register(config: pytest.Config) -> None:
    # a worker has `workerinput` (the environment variable is inherited by any pytest it starts)
    if not config.getoption("harness_clean_alluredir") or hasattr(config, "workerinput"):
        return
    distributed = config.pluginmanager.hasplugin("xdist") and getattr(config.option, "numprocesses", None)
    plugin = CleanResultsXdist(config) if distributed else CleanResults(config)
    config.pluginmanager.register(plugin, "harness-clean-results")
