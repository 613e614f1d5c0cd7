"""Where the project lives: its root holds package.json, node_modules (Appium, drivers) and device_profiles/.

APPIUM_HOME is set to this root so `appium` finds the drivers pinned in package.json, never a global copy.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from harness.project import ROOT_ENV, project_root  # noqa: F401 - re-exported for the device layer


def worker_id(environ: Mapping[str, str] | None = None) -> str:
    """The pytest-xdist worker name (`gw0`, `gw1`...), or `main` outside xdist."""
    env = os.environ if environ is None else environ
    return env.get("PYTEST_XDIST_WORKER") or "main"


def worker_index(worker: str | None = None) -> int:
    """0 for `main` and `gw0`, N for `gwN`: the slot used to pick unique ports and devices."""
    name = worker if worker is not None else worker_id()
    digits = name[2:] if name.startswith("gw") else ""
    return int(digits) if digits.isdigit() else 0
