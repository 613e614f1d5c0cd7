"""Where the project lives: its package.json (pinned Node tools), device_profiles/, allurerc.mjs."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ROOT_ENV = "HARNESS_PROJECT_ROOT"


def project_root(env: Mapping[str, str] | None = None) -> Path:
    """$HARNESS_PROJECT_ROOT, else the checkout holding this package (it has package.json), else cwd."""
    configured = (os.environ if env is None else env).get(ROOT_ENV)
    if configured:
        return Path(configured).resolve()
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "package.json").is_file():
        return checkout
    return Path.cwd().resolve()
