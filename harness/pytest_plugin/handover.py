"""Collect once: the pytest-xdist controller loads the scenario files while its workers start, and hands
them the loaded scenarios, instead of every worker parsing every file again.

pytest-xdist has each worker collect the whole run (the collections must agree), so at `-n 8` a thousand
files were read, parsed and validated eight times before the first scenario started. The controller runs
no scenarios: it loads the files it finds under the run's arguments in a thread, as soon as the session
starts, and writes them (pickled: the workers are its own processes, the file is in a private temporary
folder) for the workers, who are told where through `workerinput`. A worker uses a handed-over scenario
only when the file's size and modification time are still those the controller saw, and loads any other
file itself, so what a worker collects never depends on the controller having found it.
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import pickle
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from harness.errors import InvalidInputError

WORKER_INPUT = "harness_handover"
HANDED = pytest.StashKey[dict[str, tuple[int, int, Any, Any]]]()
WAIT = 60.0  # s a worker waits for the controller's file before it loads the files itself


def scenario_files(args: list[str], rootdir: Path, norecurse: list[str]) -> list[Path]:
    """The scenario files under the run's arguments, as pytest would walk to them (norecursedirs)."""
    from harness.kinds import classify

    found: list[Path] = []
    for arg in args:
        path = Path(arg.split("::", 1)[0])
        path = path if path.is_absolute() else rootdir / path
        if path.is_file():
            candidates = [path]
        elif path.is_dir():
            candidates = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not any(fnmatch.fnmatch(d, p) for p in norecurse))
                candidates += [Path(folder) / f for f in sorted(files)]
        else:
            continue
        found += [p for p in candidates if p.suffix in (".yaml", ".yml") and classify(p) == "scenario"]
    return found


class Controller:
    """The xdist controller's side: load in a thread, write one file, tell each worker where it is."""

    def __init__(self, config: pytest.Config):
        self.config = config
        self.folder = Path(tempfile.mkdtemp(prefix="harness-handover-"))
        self.path = self.folder / "scenarios.pickle"
        self.thread: threading.Thread | None = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.thread = threading.Thread(target=self._write, name="harness-handover", daemon=True)
        self.thread.start()  # before xdist starts its workers: they boot while this loads

    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[WORKER_INPUT] = str(self.path)

    def _write(self) -> None:
        from harness.scenario.loader import LoadCache, load_scenario

        entries: dict[str, tuple[int, int, Any, Any]] = {}
        with contextlib.suppress(Exception):  # a file it cannot read is the worker's to report
            cache = LoadCache()
            config = self.config
            for path in scenario_files(list(config.args), Path(config.rootpath),
                                       list(config.getini("norecursedirs"))):
                try:
                    stat = path.stat()
                    entries[str(path)] = (stat.st_mtime_ns, stat.st_size, load_scenario(path, cache), None)
                except InvalidInputError as exc:
                    entries[str(path)] = (stat.st_mtime_ns, stat.st_size, None, exc.problems)
                except Exception:
                    continue
        partial = self.path.with_suffix(".partial")
        with partial.open("wb") as handle:
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, self.path)

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.thread is not None:
            self.thread.join(timeout=WAIT)
        shutil.rmtree(self.folder, ignore_errors=True)


def handed_over(config: pytest.Config, path: Path) -> tuple[Any, InvalidInputError | None] | None:
    """In a worker: (scenario, error) the controller loaded for `path`, if it did and the file is as it
    was; None otherwise (the caller loads the file itself)."""
    if not hasattr(config, "workerinput"):
        return None
    entries = _entries(config)
    entry = entries.get(str(path))
    if entry is None:
        return None
    mtime, size, scenario, problems = entry
    try:
        stat = path.stat()
    except OSError:
        return None
    if (stat.st_mtime_ns, stat.st_size) != (mtime, size):
        return None
    return scenario, (InvalidInputError(problems) if problems is not None else None)


def _entries(config: pytest.Config) -> dict[str, tuple[int, int, Any, Any]]:
    if HANDED in config.stash:
        return config.stash[HANDED]
    entries: dict[str, tuple[int, int, Any, Any]] = {}
    where = (getattr(config, "workerinput", None) or {}).get(WORKER_INPUT)
    if where:
        source = Path(where)
        deadline = time.monotonic() + WAIT
        while not source.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        with contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError), \
                source.open("rb") as handle:
            entries = pickle.load(handle)
    config.stash[HANDED] = entries
    return entries


def register(config: pytest.Config) -> None:
    """In the controller of an xdist run that collects scenarios: hand them over."""
    xdist_controller = getattr(config.option, "dist", "no") != "no" and not config.option.collectonly
    if hasattr(config, "workerinput") or not xdist_controller:
        return
    config.pluginmanager.register(Controller(config), "harness-handover")
