"""Helpers of the pytest-glue tests: `harness run` and plain pytest in a subprocess, in a project folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRUBBED = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_ADDOPTS", "PYTEST_PLUGINS")


@dataclass
class Done:
    code: int
    output: str

    def passed_items(self) -> list[str]:
        return sorted(line.split(" PASSED")[0] for line in self.output.splitlines() if " PASSED" in line)

    def failed_items(self) -> list[str]:
        return sorted(line.split(" FAILED")[0] for line in self.output.splitlines()
                      if " FAILED" in line and not line.startswith("FAILED"))


def scrubbed_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(extra or {})
    return env


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> Done:
    done = subprocess.run(argv, cwd=cwd, env=scrubbed_env(env), capture_output=True, text=True,
                          timeout=timeout)
    return Done(done.returncode, done.stdout + done.stderr)


def harness(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Done:
    return run([sys.executable, "-m", "harness.cli", *args], cwd, env)


def run_pytest(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Done:
    return run([sys.executable, "-m", "pytest", "-p", "no:randomly", *args], cwd, env)


def results(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*-result.json"))]


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
