"""Finds and runs the Allure 3 CLI pinned in the project's package.json (Node, no Java).

Arguments always go as a list (never through a shell), so paths and report names are passed verbatim.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from harness.project import ROOT_ENV, project_root  # noqa: F401 - ROOT_ENV re-exported
from harness.report.errors import AllureCliMissingError, ReportConfigError, ReportGenerationError

# The names Allure 3 looks for, in its own order (@allurereport/core readConfig).
CONFIG_NAMES = (
    "allurerc.js",
    "allurerc.mjs",
    "allurerc.cjs",
    "allurerc.ts",
    "allurerc.mts",
    "allurerc.cts",
    "allurerc.json",
    "allurerc.yaml",
    "allurerc.yml",
)
INSTALL_HINT = "run `npm ci` in the project root (or `make setup`)"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def allure_cli(env: Mapping[str, str] = os.environ) -> Path:
    """Path of node_modules/.bin/allure, after checking Node.js is on PATH."""
    root = project_root(env)
    cli = root / "node_modules" / ".bin" / "allure"
    if not cli.exists():
        raise AllureCliMissingError(f"the Allure 3 CLI is not installed ({cli} is missing): {INSTALL_HINT}")
    if shutil.which("node", path=env.get("PATH")) is None:
        raise AllureCliMissingError(
            "Node.js is not on PATH (the Allure 3 CLI runs on it): install Node.js 20+ "
            f"(`make system-deps`), then {INSTALL_HINT}"
        )
    return cli


def find_config(env: Mapping[str, str] = os.environ, cwd: Path | None = None) -> Path:
    """The Allure config: allurerc.* in the current directory, else the project's allurerc.mjs."""
    for folder in (cwd or Path.cwd(), project_root(env)):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate.resolve()
    raise ReportConfigError(
        f"no Allure config (allurerc.mjs) in {cwd or Path.cwd()} or {project_root(env)}: "
        "run from the project root or set HARNESS_PROJECT_ROOT"
    )


def last_line(text: str) -> str:
    """Last non-empty line without colour codes: the CLI's own explanation of a failure."""
    lines = [line.strip() for line in _ANSI.sub("", text).splitlines() if line.strip()]
    return lines[-1] if lines else ""


def run_allure(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    """Run `allure ARGS` from the project root; a non-zero exit becomes ReportGenerationError."""
    environ = dict(os.environ if env is None else env)
    environ.setdefault("NO_COLOR", "1")
    cli = allure_cli(environ)
    command = [str(cli), *args]
    try:
        done = subprocess.run(
            command,
            cwd=project_root(environ),
            env=environ,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReportGenerationError(f"allure {args[0]} did not finish in {timeout:.0f} s") from exc
    if done.returncode != 0:
        reason = last_line(done.stderr) or last_line(done.stdout) or "no output"
        raise ReportGenerationError(f"allure {args[0]} failed (exit {done.returncode}): {reason}")
    return done
