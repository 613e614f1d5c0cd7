"""The run-level files of allure-results: environment.properties, categories.json and executor.json.

allure-pytest writes one result file per test; these three describe the whole run, so they must be
written once per run, even when pytest-xdist runs several worker processes into the same directory.
Every write goes through a temporary `*.tmp` file and `os.replace`: Allure's reader skips `*.tmp`
files and never sees a half-written file, and concurrent writers of the same content cannot corrupt it.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import uuid
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from harness.report.executor import executor_from_env

ENVIRONMENT_FILE = "environment.properties"
CATEGORIES_FILE = "categories.json"
EXECUTOR_FILE = "executor.json"
# `<prefix><run hash>.tmp` marks the run that wrote the files; Allure's reader skips `*.tmp` files.
RUN_MARKER_PREFIX = ".harness-run-"
CATEGORIES_SOURCE = Path(__file__).with_name("categories.json")


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so readers see the old file or the new one, never a partial one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _escape_properties(text: str, *, is_key: bool) -> str:
    """Escape like java.util.Properties.store, with non-ASCII as \\uXXXX so Java (ISO-8859-1) and
    Allure 3 (UTF-8) readers both decode the same text."""
    out: list[str] = []
    for index, char in enumerate(text):
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char in "\t\n\r\f":
            out.append({"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f"}[char])
        elif char == " " and (is_key or index == 0):
            out.append("\\ ")
        elif char in "=:#!":
            out.append("\\" + char)
        elif code < 0x20 or code > 0x7E:
            encoded = char.encode("utf-16-be")
            for i in range(0, len(encoded), 2):
                out.append(f"\\u{encoded[i]:02X}{encoded[i + 1]:02X}")
        else:
            out.append(char)
    return "".join(out)


def environment_properties(props: Mapping[str, object]) -> str:
    """The text of environment.properties for `props` (values turned into strings)."""
    lines = []
    for key, value in props.items():
        if not key:
            raise ValueError("environment property names must not be empty")
        lines.append(
            f"{_escape_properties(str(key), is_key=True)}={_escape_properties(str(value), is_key=False)}"
        )
    return "".join(line + "\n" for line in lines)


def write_environment(results_dir: str | os.PathLike[str], props: Mapping[str, object]) -> Path:
    """Write environment.properties (the report's Environment widget)."""
    path = Path(results_dir) / ENVIRONMENT_FILE
    atomic_write(path, environment_properties(props).encode("ascii"))
    return path


def base_environment() -> dict[str, str]:
    """Versions every report should show: Python, OS and the packages between a scenario and Appium."""
    props = {"Python": platform.python_version(), "OS": f"{platform.system()} {platform.release()}".strip()}
    for dist in ("harness", "allure-pytest", "Appium-Python-Client", "pytest"):
        try:
            props[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return props


def load_categories() -> list[dict[str, Any]]:
    """The harness's defect categories (Allure 2 categories.json format, also read by allurerc.mjs)."""
    return json.loads(CATEGORIES_SOURCE.read_text(encoding="utf-8"))


def write_categories(
    results_dir: str | os.PathLike[str], categories: list[dict[str, Any]] | None = None
) -> Path:
    """Write categories.json: element not found, timeout, assertion failed, session lost, invalid scenario."""
    path = Path(results_dir) / CATEGORIES_FILE
    data = load_categories() if categories is None else categories
    atomic_write(path, json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8"))
    return path


def write_executor(
    results_dir: str | os.PathLike[str],
    env: Mapping[str, str] = os.environ,
    *,
    report_name: str | None = None,
) -> Path | None:
    """Write executor.json from CI variables; outside CI write nothing (Allure shows a local run)."""
    info = executor_from_env(env, report_name)
    if info is None:
        return None
    path = Path(results_dir) / EXECUTOR_FILE
    atomic_write(path, json.dumps(info, indent=2, ensure_ascii=False).encode("utf-8"))
    return path


def is_xdist_worker(env: Mapping[str, str] = os.environ) -> bool:
    """True inside a pytest-xdist worker process (the controller writes the run files, not workers)."""
    return bool(env.get("PYTEST_XDIST_WORKER"))


def _claim_run(results_dir: Path, run_id: str) -> bool:
    """True for exactly one caller per `run_id` and results directory (an O_EXCL marker file).

    The winner removes the markers of earlier runs, so a reused results directory does not collect them.
    """
    digest = hashlib.sha1(run_id.encode("utf-8")).hexdigest()[:16]
    marker = results_dir / f"{RUN_MARKER_PREFIX}{digest}.tmp"
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(run_id)
    for old in results_dir.glob(f"{RUN_MARKER_PREFIX}*.tmp"):
        if old != marker:
            old.unlink(missing_ok=True)
    return True


def write_run_files_once(
    results_dir: str | os.PathLike[str],
    environment: Mapping[str, object],
    *,
    env: Mapping[str, str] = os.environ,
    run_id: str | None = None,
    worker: bool | None = None,
    report_name: str | None = None,
) -> bool:
    """Write environment.properties, categories.json and executor.json once per run.

    Skipped in pytest-xdist workers (`worker` defaults to PYTEST_XDIST_WORKER being set) and in any
    process whose `run_id` (default: $HARNESS_RUN_ID, $PYTEST_XDIST_TESTRUNUID, else unique to this call)
    was already claimed in `results_dir`. Returns True when this process wrote the files.
    """
    if is_xdist_worker(env) if worker is None else worker:
        return False
    directory = Path(results_dir)
    directory.mkdir(parents=True, exist_ok=True)
    token = run_id or env.get("HARNESS_RUN_ID") or env.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex
    if not _claim_run(directory, token):
        return False
    write_environment(directory, environment)
    write_categories(directory)
    write_executor(directory, env, report_name=report_name)
    return True
