"""Fixtures of the pytest-glue tests: a project folder of two scenarios (the helpers: tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

PASSING = "name: Opens the app\napp: netflix\nsteps:\n  - launch_app\n"
FAILING = ("name: Taps what is not there\napp: netflix\nsteps:\n  - launch_app\n"
           "  - tap: {id: nowhere}\n    timeout: 0.2\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with one passing and one failing scenario (no pytest ini: rootdir is this folder)."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "opens.yaml").write_text(PASSING)
    (folder / "taps.yaml").write_text(FAILING)
    return tmp_path
