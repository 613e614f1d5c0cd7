"""What the plugin reads from pytest's configuration: the devices named, their profiles, the session manager.

Kept in `config.stash`, so each pytest run (and each xdist worker) has its own, and nothing is global.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from harness.scenario.loader import LoadCache

SESSION_KEY = pytest.StashKey[Any]()
CACHE_KEY = pytest.StashKey[LoadCache]()
PROFILES_KEY = pytest.StashKey[dict[str, Any]]()


def devices_of(config: pytest.Config) -> list[str]:
    """The device profiles of this run: `--device`, else the `harness_devices` ini option."""
    return list(config.getoption("device") or config.getini("harness_devices") or [])


def profile_for(config: pytest.Config, device: str) -> Any:
    """The loaded profile of `device`, read once per run (raises HarnessError)."""
    from harness.devices.profiles import load_profile

    profiles = config.stash[PROFILES_KEY]
    if device not in profiles:
        profiles[device] = load_profile(device)
    return profiles[device]


def session_manager(config: pytest.Config) -> Any:
    """This worker's session manager, made on first use."""
    from harness.devices.project import worker_id, worker_index
    from harness.runner.session import SessionManager

    if SESSION_KEY not in config.stash:
        worker = os.environ.get("PYTEST_XDIST_WORKER")
        config.stash[SESSION_KEY] = SessionManager(
            Path(config.getoption("harness_artifacts")),
            appium_url=config.getoption("appium_url"),
            worker_index=worker_index(worker_id()),
            worker=worker,
        )
    return config.stash[SESSION_KEY]
