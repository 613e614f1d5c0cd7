"""`--harness-clean-alluredir`: start the Allure results folder clean, but only once the run has something
to run.

Cleaning before pytest has parsed its arguments and collected would empty the folder for a misspelt path
or flag, or for a run that selects nothing. Here the folder is cleaned after collection (with xdist:
when the first worker reports its collection, before the controller schedules any test) and only when
scenarios were collected; otherwise it is left as it was and the summary says so.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# what allure-commons and the harness's run files write, by name (a content check follows where it can)
ALLURE_NAMES = re.compile(
    rf"(?:{UUID}-(?:result\.json|container\.json|attachment(?:\.[\w-]+)?)"
    r"|environment\.properties|categories\.json|executor\.json"
    r"|\.harness-run-[0-9a-f]+|\.(?:environment\.properties|categories\.json|executor\.json)\.\d+\.[0-9a-f]{8})"
    r"(?:\.tmp)?"
)


def is_allure_file(path: Path) -> bool:
    """Allure's own by name and by content: a user's `my-result.json` or `notes.tmp` is not."""
    if not path.is_file() or path.is_symlink() or not ALLURE_NAMES.fullmatch(path.name):
        return False
    name = path.name.removesuffix(".tmp")
    if path.name.endswith(".tmp") or "-attachment" in name:
        return True  # half-written files and attachments: any content, the name says it all
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if name == "environment.properties":
        return all("=" in line or not line.strip() or line.lstrip().startswith(("#", "!"))
                   for line in text.splitlines())
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if name.endswith(("-result.json", "-container.json")):
        return isinstance(data, dict) and "uuid" in data
    if name == "categories.json":
        return isinstance(data, list) and all(isinstance(c, dict) and "name" in c for c in data)
    return isinstance(data, dict) and bool({"name", "type", "buildName"} & set(data))  # executor.json


def clean_results(folder: Path) -> tuple[int, int]:
    """Start with no Allure results from an earlier run (done once here, not by every xdist worker).
    Only Allure's own files go; anything else stays. Returns (removed, kept)."""
    if not folder.is_dir():
        return 0, 0
    removed = kept = 0
    for path in folder.iterdir():
        if is_allure_file(path):
            path.unlink()
            removed += 1
        elif path.is_file():
            kept += 1
    return removed, kept


class CleanResults:
    """Registered by the plugin when `--harness-clean-alluredir` is given (in the controller only)."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.cleaned = False
        self.kept = 0  # files of the folder that are not Allure's own, left in place

    @property
    def folder(self) -> Path | None:
        results = self.config.getoption("allure_report_dir", None)
        return Path(results) if results else None

    def clean_once(self) -> None:
        if not self.cleaned and self.folder is not None:
            _, self.kept = clean_results(self.folder)
            self.cleaned = True

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        # after a usage error (path not found) pytest still calls this hook, with no items
        if session.items and not session.testsfailed and not self.config.option.collectonly:
            self.clean_once()

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.kept:
            terminalreporter.write_line(
                f"harness: {self.folder}: left {self.kept} file{'s' * (self.kept != 1)} that are not "
                "Allure's own"
            )
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
