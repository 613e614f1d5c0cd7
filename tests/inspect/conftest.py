"""Fixtures of the `harness inspect` tests: one session per simulated Kestrel device for the whole run,
put on a screen by running a short scenario through the real runner (the app is reset each time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.devices.profiles import load_profile
from harness.runner.session import SessionManager
from tests.inspect.inspect_tier import DEVICES, KESTREL, Screens


@pytest.fixture(scope="session")
def manager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionManager]:
    sessions = SessionManager(tmp_path_factory.mktemp("inspect-artifacts"))
    yield sessions
    sessions.close_all()


@pytest.fixture(scope="session")
def profiles() -> dict[str, object]:
    return {name: load_profile(name) for name in DEVICES}


@pytest.fixture(scope="session")
def kestrel_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the Kestrel screen map and flows, where tests write their scenarios."""
    import shutil

    folder = tmp_path_factory.mktemp("kestrel")
    shutil.copytree(KESTREL / "screens", folder / "screens")
    shutil.copytree(KESTREL / "flows", folder / "flows")
    return folder


@pytest.fixture(scope="session")
def screens(manager: SessionManager, profiles: dict[str, object], kestrel_copy: Path) -> Screens:
    return Screens(manager, profiles, kestrel_copy)
