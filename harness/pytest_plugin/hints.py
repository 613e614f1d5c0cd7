"""What pytest says when scenario files are given without a device profile.

Scenarios are collected only with `--device` (so YAML files in a project's ordinary test runs are left
alone). Without this, `pytest scenarios` says "no tests ran" and `pytest file.yaml` says "not found",
and nothing points at the missing option.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

PASSED_OVER = pytest.StashKey[list[Path]]()
COLLECTED = pytest.StashKey[int]()
NAMED = pytest.StashKey[bool]()
SCENARIO_FILES = pytest.StashKey[int]()  # scenario files collected with a device
UNPAIRED = pytest.StashKey[dict[str, int]]()  # "web" / "app" -> scenarios no device of the run could run


def devices_given(config: pytest.Config) -> bool:
    from harness.pytest_plugin.config import devices_of

    return bool(devices_of(config))


def device_hint() -> str:
    from harness.devices.profiles import available_profiles

    names = sorted(available_profiles())
    shown = ", ".join(names) if names else "none found in device_profiles/"
    first = "sim-android" if "sim-android" in names else (names[0] if names else "PROFILE")
    return (
        f"scenario files run on a device profile: add --device {first} (repeatable), or set "
        f"`harness_devices` in the pytest ini options; profiles: {shown}"
    )


class NoDeviceFile(pytest.File):
    """A scenario file named on the command line without a device: a collection error with the hint."""

    def collect(self) -> Any:
        self.config.stash[NAMED] = True  # the error says it: no second hint in the summary
        raise self.CollectError(f"{self.path.name}: {device_hint()}")


def passed_over(config: pytest.Config, path: Path) -> None:
    """Remember a scenario file left out for want of a device, when it lies under a path the user gave
    (pytest also visits the other files of a named file's folder)."""
    base = config.invocation_params.dir
    named = [(base / arg.split("::")[0]).resolve() for arg in config.args]
    resolved = path.resolve()
    if any(resolved == p or p in resolved.parents for p in named):
        config.stash.setdefault(PASSED_OVER, []).append(path)


def collected_file(config: pytest.Config) -> None:
    config.stash[SCENARIO_FILES] = config.stash.get(SCENARIO_FILES, 0) + 1


def unpaired(config: pytest.Config, web: bool) -> None:
    """A scenario that none of the run's devices can run (a page without a web profile, an app without
    a phone's): said at the end when nothing ran."""
    counts = config.stash.setdefault(UNPAIRED, {})
    counts["web" if web else "app"] = counts.get("web" if web else "app", 0) + 1


def pytest_collection_finish(session: pytest.Session) -> None:
    session.config.stash[COLLECTED] = len(session.items)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """After a run that collected nothing, say why when scenario files were passed over."""
    files = config.stash.get(PASSED_OVER, [])
    nothing = COLLECTED in config.stash and not config.stash[COLLECTED]
    for kind, count in sorted(config.stash.get(UNPAIRED, {}).items()) if nothing else ():
        what = ("run in a browser (url:): add a web device profile, e.g. --device web-chromium"
                if kind == "web" else "run an app: add a phone's device profile, e.g. --device sim-android")
        terminalreporter.write_line(f"harness: {count} scenario(s) here {what}", yellow=True)
    if nothing and devices_given(config) and not config.stash.get(SCENARIO_FILES, 0):
        where = " ".join(config.args)
        terminalreporter.write_line(
            f"harness: no scenario files under {where} (a scenario is a YAML file with `steps:`; files "
            "in flows/ and screens/ run only from scenarios)", yellow=True)
    if files and not config.stash.get(COLLECTED, 0) and not config.stash.get(NAMED, False):
        example = files[0]
        with contextlib.suppress(ValueError):
            example = example.relative_to(config.invocation_params.dir)
        terminalreporter.write_line(
            f"harness: {len(files)} scenario file(s) not collected (e.g. {example}): {device_hint()}",
            yellow=True,
        )
