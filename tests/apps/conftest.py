"""Tier 2 for the project's own second app: its scenarios run through pytest + the harness plugin +
allure-pytest in a subprocess, on the direct simulated devices, and the allure-results are read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# inherited from an outer pytest (xdist, addopts) they would change how the inner run behaves
SCRUBBED = ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_ADDOPTS")


@dataclass
class Run:
    code: int
    output: str
    results_dir: Path

    def by_name(self) -> dict[str, dict[str, Any]]:
        """Results keyed `name[device]`."""
        out = {}
        for path in sorted(self.results_dir.glob("*-result.json")):
            result = json.loads(path.read_text())
            device = next(p["value"] for p in result.get("parameters", []) if p["name"] == "device")
            out[f"{result['name']}[{device.strip(chr(39))}]"] = result
        return out


def run_scenarios(args: list[str], tmp_path: Path, timeout: int = 300) -> Run:
    results = tmp_path / "allure-results"
    command = [
        sys.executable,
        "-m",
        "pytest",
        *args,
        "--alluredir",
        str(results),
        "-p",
        "no:cacheprovider",
        "-o",
        "testpaths=",
        "--harness-artifacts",
        str(tmp_path / "artifacts"),
    ]
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    return Run(done.returncode, done.stdout + done.stderr, results)


def steps_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step, depth first."""
    out, stack = [], list(result.get("steps", []))
    while stack:
        step = stack.pop(0)
        out.append(step)
        stack[0:0] = step.get("steps", [])
    return out


def attachments_of(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [*result.get("attachments", []), *(a for s in steps_of(result) for a in s.get("attachments", []))]
