"""Helpers of the reliability tier: `harness run` as a child in a process group of its own, signals sent
when it is really inside a scenario, and checks that nothing it started is left."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.helpers import ROOT, clean_env

BLOCKING_STEP = "  - wait_for: {accessibility_id: never_there}\n    timeout: 60\n"


def scenario(folder: Path, name: str, steps: str, *, app: str = "netflix", extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(f"name: {name}\napp: {app}\n{extra}steps:\n{steps}", encoding="utf-8")
    return path


@dataclass
class Child:
    """A `harness run` started in its own session: its pid is its process group."""

    process: subprocess.Popen[bytes]
    output: Path
    results: Path
    started: float

    @property
    def pid(self) -> int:
        return self.process.pid

    def text(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def wait_for_text(self, text: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.text():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared in the output:\n{self.text()[-3000:]}")

    def wait_for_server_log(self, folder: Path, text: str, timeout: float = 60) -> None:
        """Until a server log in `folder` shows `text` (the request of the step to interrupt arrived)."""
        def seen() -> bool:
            return any(text in p.read_text(errors="replace") for p in folder.glob("appium-*.log"))

        if not eventually(seen, timeout):
            raise AssertionError(f"no server log in {folder} shows {text!r}:\n{self.text()[-3000:]}")

    def signal(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def wait(self, timeout: float = 60) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(self.pid)
            raise

    def results_by_name(self) -> dict[str, dict[str, Any]]:
        return {json.loads(p.read_text())["name"]: json.loads(p.read_text())
                for p in self.results.glob("*-result.json")}


def harness_run(tmp_path: Path, args: list[str], env: dict[str, str] | None = None) -> Child:
    results = tmp_path / "allure-results"
    output = tmp_path / "output.txt"
    own, pytest_args = (args[:args.index("--")], args[args.index("--") + 1:]) if "--" in args else (args, [])
    command = [sys.executable, "-m", "harness.cli", "run", *own, "--alluredir", str(results),
               "--", "--harness-artifacts", str(tmp_path / "artifacts"), *pytest_args]
    merged = clean_env({"PYTHONUNBUFFERED": "1", **(env or {})})
    with output.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=merged, stdout=sink, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
    return Child(process, output, results, time.monotonic())


def kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z" and int(fields[2]) == pgid:
            found.append(int(entry.name))
    return found


def servers_logging_to(folder: Path) -> list[int]:
    """Live servers whose log is in `folder`: HARNESS_SERVER_LOG in their environment, or (as servers
    started with `--log FILE` are) the folder on their command line."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().decode(errors="replace")
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        ours = f"HARNESS_SERVER_LOG={folder}" in environ or ("--log" in cmdline and str(folder) in cmdline)
        program = Path(cmdline.split("\0", 1)[0]).name
        if state != "Z" and ours and program in ("node", "appium"):
            found.append(int(entry.name))
    return found


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def eventually(check: Any, timeout: float = 15.0) -> Any:
    """The first truthy value of check() within timeout, else the last value."""
    deadline = time.monotonic() + timeout
    value = check()
    while not value and time.monotonic() < deadline:
        time.sleep(0.1)
        value = check()
    return value


def secret_forms(secret: str) -> dict[str, str]:
    """How a secret reads once encoded, without any wrapper: none of these may appear anywhere."""
    import base64
    import html
    import json as json_module
    import urllib.parse

    forms = {
        "plain": secret,
        "json": json_module.dumps(secret)[1:-1],
        "json unicode": json_module.dumps(secret, ensure_ascii=False)[1:-1],
        "repr": repr(secret)[1:-1],
        "ascii": ascii(secret)[1:-1],
        "xml": html.escape(secret, quote=True),
        "xml numeric": html.escape(secret).encode("ascii", "xmlcharrefreplace").decode(),
        "url": urllib.parse.quote(secret, safe=""),
        "url plus": urllib.parse.quote_plus(secret),
        "url path": urllib.parse.quote(secret),
        "base64": base64.b64encode(secret.encode()).decode()[:-4],
    }
    return {name: form for name, form in forms.items() if len(form) >= 4}


def char_array_pattern(secret: str) -> Any:
    """Selenium's typed-text array of the secret's first four characters, any quotes and spacing."""
    import json as json_module
    import re

    parts = [f"""["']{re.escape(json_module.dumps(c)[1:-1])}["']|["']{re.escape(c)}["']"""
             for c in secret[:4]]
    return re.compile(r"\s*,\s*".join(f"(?:{p})" for p in parts))


def leaks(text: str, secret: str) -> list[str]:
    found = [name for name, form in secret_forms(secret).items() if form in text]
    if char_array_pattern(secret).search(text):
        found.append("char array")
    return found


def written_files(*folders: Path) -> list[Path]:
    out = []
    for folder in folders:
        if folder.is_dir():
            out += [p for p in folder.rglob("*") if p.is_file()]
        elif folder.is_file():
            out.append(folder)
    return out
