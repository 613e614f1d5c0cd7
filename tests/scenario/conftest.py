"""Shared helpers of the scenario-layer tests: paths, running the CLI in-process and as a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
BAD = DATA / "bad"
GOOD = DATA / "good"
GOLDEN = DATA / "golden"
SCENARIOS = ROOT / "scenarios"


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Messages name files relative to the working directory: run every test from the repository root."""
    monkeypatch.chdir(ROOT)
    return ROOT


def run_harness(
    *args: str, env: dict[str, str] | None = None, unset: tuple[str, ...] = (), timeout: float = 60
) -> subprocess.CompletedProcess:
    """`harness ARGS` as a user runs it (a new interpreter), from the repository root."""
    full_env = {**os.environ, **(env or {})}
    for name in (*unset, "PYTHONSTARTUP"):
        full_env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "harness.cli", *args],
        cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=timeout, check=False,
    )
