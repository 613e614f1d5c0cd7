"""Helpers for tier 2: run scenarios through real pytest + allure-pytest in a subprocess, read the results."""

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
SCREENS = ROOT / "scenarios" / "netflix" / "screens" / "netflix.yaml"
FLOWS = ROOT / "scenarios" / "netflix" / "flows"


@dataclass
class Run:
    code: int
    output: str
    results_dir: Path

    def results(self) -> list[dict[str, Any]]:
        return [json.loads(p.read_text()) for p in sorted(self.results_dir.glob("*-result.json"))]

    def by_name(self) -> dict[str, dict[str, Any]]:
        out = {}
        for result in self.results():
            device = next(p["value"] for p in result.get("parameters", []) if p["name"] == "device")
            out[f"{result['name']}[{device}]"] = result
        return out


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a child run: this one's, less what an outer pytest / xdist put there."""
    merged = {**os.environ, **(extra or {})}
    for name in ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_XDIST_WORKER_COUNT",
                 "PYTEST_ADDOPTS", "PYTEST_CURRENT_TEST"):
        merged.pop(name, None)
    return merged


def run_pytest(args: list[str], tmp_path: Path, env: dict[str, str] | None = None, timeout: int = 300) -> Run:
    results = tmp_path / "allure-results"
    command = [sys.executable, "-m", "pytest", *args, "--alluredir", str(results), "-p", "no:cacheprovider",
               "-o", "testpaths=", "--harness-artifacts", str(tmp_path / "artifacts")]
    merged = clean_env(env)
    done = subprocess.run(command, cwd=ROOT, env=merged, capture_output=True, text=True, timeout=timeout)
    return Run(done.returncode, done.stdout + done.stderr, results)


def all_steps(result: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    stack = list(result.get("steps", []))
    while stack:
        step = stack.pop(0)
        out.append(step)
        stack[0:0] = step.get("steps", [])
    return out


def all_attachments(result: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(result.get("attachments", []))
    for step in all_steps(result):
        found += step.get("attachments", [])
    return found


def write_scenario(folder: Path, name: str, steps: str, *, extra: str = "", launch: bool = True) -> Path:
    """A scenario next to copies-by-reference of the Netflix screen map and flows; it signs in and picks
    a profile first (after launch_app, unless `launch` is False: then the harness's reset runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    screens = os.path.relpath(SCREENS, folder)
    flows = os.path.relpath(FLOWS, folder)
    path = folder / f"{name}.yaml"
    path.write_text(
        f"name: {name}\napp: netflix\nscreens: {screens}\n"
        "env:\n  EMAIL: ${NETFLIX_EMAIL}\n  PASSWORD: ${NETFLIX_PASSWORD:secret}\n"
        f"{extra}steps:\n{'  - launch_app' if launch else '  - screenshot: start'}\n"
        f"  - run_flow: {flows}/login.yaml\n    when: {{visible: login.sign_in}}\n"
        f"  - run_flow: {flows}/choose_profile.yaml\n{steps}"
    )
    return path


@pytest.fixture(scope="session")
def netflix_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The shipped Netflix scenarios on both simulated platforms, with a secret from the environment."""
    tmp = tmp_path_factory.mktemp("netflix")
    return run_pytest(
        ["scenarios/netflix", "--device", "sim-android", "--device", "sim-ios"],
        tmp,
        env={"NETFLIX_EMAIL": "qa.lead@example.com", "NETFLIX_PASSWORD": "demo-password"},
    )
