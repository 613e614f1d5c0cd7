"""Helpers of the device-layer tests only (what other tiers share is in tests/helpers.py)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


class FakeBin:
    """A PATH folder holding only the tools a test puts there: real ones linked, fake ones scripted."""

    def __init__(self, path: Path):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)

    def script(self, name: str, body: str, folder: Path | None = None) -> Path:
        target = (folder or self.path) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        # the stand-in itself may use the system's cat/printf; the PATH under test stays private
        target.write_text("#!/bin/sh\nPATH=/usr/bin:/bin\n" + body + "\n", encoding="utf-8")
        target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return target

    def link(self, name: str) -> Path:
        """Make the machine's real `name` available; fail (not skip) when the machine lacks it."""
        real = shutil.which(name)
        if real is None:
            pytest.fail(
                f"{name} is not installed on this machine; the project needs it (see docs/devices.md)"
            )
        target = self.path / name
        target.symlink_to(real)
        return target
