"""The scenario-layer tests run from the repository root (the helpers: tests/helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Messages name files relative to the working directory: run every test from the repository root."""
    monkeypatch.chdir(ROOT)
    return ROOT
