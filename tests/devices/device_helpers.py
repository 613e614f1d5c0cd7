"""Helpers of the device-layer tests (a module of its own so test files can import them)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from harness.devices.project import project_root

DATA = Path(__file__).parent / "data"
FAKE_PROFILE = DATA / "fake-device.yaml"


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


def require_node_tools() -> Path:
    """The project root with the pinned Appium and fake driver installed, else a failure naming `npm ci`."""
    root = project_root()
    needed = [root / "node_modules" / ".bin" / "appium", root / "node_modules" / "@appium" / "fake-driver"]
    absent = [str(p.relative_to(root)) for p in needed if not p.exists()]
    if absent:
        pytest.fail(
            f"the pinned Node tools are not installed ({', '.join(absent)} missing): run `npm ci` in {root}",
            pytrace=False,
        )
    if shutil.which("node") is None:
        pytest.fail(
            "node is not on PATH: install Node.js (package.json engines), then run `npm ci`", pytrace=False
        )
    return root


def process_gone(pid: int) -> bool:
    """True when no process (not even a zombie of ours) has this pid."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" in status.read_text()
