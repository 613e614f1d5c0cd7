"""Appium 3 server lifecycle: start from the project's node_modules on a free loopback port, stop for sure.

The server runs in its own process group so that the harness, not the terminal, decides when it stops:
Ctrl-C first lets the runner delete its session (the driver then cleans the device), then the server is
terminated, then killed after a grace period. atexit and SIGTERM handlers cover interrupted runs.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import subprocess
import threading
import urllib.error
import urllib.request
import weakref
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, Protocol

from harness.devices.project import project_root
from harness.devices.server_log import LogPump
from harness.devices.watchdog import Watchdog
from harness.errors import HarnessError
from harness.ports import free_port
from harness.secrets import mask
from harness.waiting import polls

HOST = "127.0.0.1"
STOP_GRACE = 10.0  # seconds between SIGTERM and SIGKILL; Appium deletes its sessions on SIGTERM
PORT_ATTEMPTS = 3  # a free port can be taken between probing and binding; retry on EADDRINUSE
KNOWN_DRIVERS = {"uiautomator2": "uiautomator2", "xcuitest": "xcuitest", "fake": "fake",
                 "chromium": "chromium"}


class AppiumNotInstalledError(HarnessError):
    """No Appium executable in node_modules/.bin nor on PATH."""


class ServerStartError(HarnessError):
    """The server did not come up; the message carries the tail of its log."""


class ServerHandle(Protocol):
    """What the runner needs of any server: where to send sessions, how to stop it, where its log is."""

    @property
    def url(self) -> str: ...

    @property
    def log_path(self) -> Path | None: ...

    def stop(self) -> bool: ...


def find_appium(root: Path | None = None, path: str | None = None) -> Path:
    """node_modules/.bin/appium of the project (the pinned version), else `appium` on PATH."""
    base = root or project_root()
    local = base / "node_modules" / ".bin" / "appium"
    if local.is_file() and os.access(local, os.X_OK):
        return local
    found = shutil.which("appium", path=path)
    if found:
        return Path(found)
    raise AppiumNotInstalledError(
        f"Appium is not installed: {local} is missing and no appium is on PATH. "
        f"Install the pinned Node tools with: cd {base} && npm ci"
    )


def get_status(
    url: str, timeout: float = 2.0, headers: Mapping[str, str] | None = None
) -> dict[str, Any] | None:
    """The `value` of GET {url}/status, or None when nothing answers properly. `headers`: e.g. the basic
    auth of a server with credentials (a Grid behind a password, a device cloud)."""
    request = urllib.request.Request(f"{url}/status", headers=dict(headers or {}))
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError, urllib.error.URLError):
        return None
    value = body.get("value") if isinstance(body, dict) else None
    return value if isinstance(value, dict) else None


def tail(path: Path | None, lines: int = 30) -> str:
    """The last lines of a log file, or '' when there is none."""
    if path is None or not path.is_file():
        return ""
    with path.open("rb") as handle:
        handle.seek(0, os.SEEK_END)
        handle.seek(max(0, handle.tell() - 64_000))
        text = handle.read().decode("utf-8", errors="replace")
    return "\n".join(text.splitlines()[-lines:])


class AppiumServer:
    """One Appium 3 server process bound to 127.0.0.1 on a free port, logging to `log_path`."""

    def __init__(
        self,
        log_path: str | os.PathLike[str],
        appium_args: Sequence[str] = (),
        startup_timeout: float = 60,
        *,
        relaxed_security: bool = False,
        use_drivers: Sequence[str] = (),
        executable: str | os.PathLike[str] | None = None,
        appium_home: str | os.PathLike[str] | None = None,
        env: Mapping[str, str] | None = None,
    ):
        self.log_path = Path(log_path).absolute()  # Appium runs in appium_home, not in our cwd
        self.appium_args = list(appium_args)
        self.startup_timeout = startup_timeout
        self.relaxed_security = relaxed_security
        self.use_drivers = list(use_drivers)
        self._executable = Path(executable) if executable else None
        self.appium_home = Path(appium_home) if appium_home else project_root()
        self._env = dict(env) if env is not None else None
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self._pump: LogPump | None = None
        self._watchdog: Watchdog | None = None

    # ------------------------------------------------------------------------------------------- state
    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError("the Appium server has not been started")
        return f"http://{HOST}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def running(self) -> bool:
        """True while the server process exists (False before start and once it is gone)."""
        return self.process is not None and self.process.poll() is None

    def command(self, port: int) -> list[str]:
        executable = self._executable or find_appium(self.appium_home)
        cmd = [
            str(executable),
            "server",
            "--address",
            HOST,
            "--port",
            str(port),
            "--log-no-colors",
            "--log-timestamp",
        ]
        if self.relaxed_security:
            cmd.append("--relaxed-security")
        if self.use_drivers:
            cmd += ["--use-drivers", ",".join(self.use_drivers)]
        return cmd + self.appium_args

    # --------------------------------------------------------------------------------------- lifecycle
    def start(self) -> AppiumServer:
        """Start the server and wait for GET /status; raise ServerStartError with the log tail otherwise."""
        if self.running:
            return self
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ if self._env is None else self._env)
        env["APPIUM_HOME"] = str(self.appium_home)
        env["HARNESS_SERVER_LOG"] = str(self.log_path.resolve())  # `ps e` shows whose server it is
        for attempt in range(1, PORT_ATTEMPTS + 1):
            port = free_port()
            self._spawn(port, env)
            try:
                self._wait_ready()
                return self
            except ServerStartError:
                in_use = "EADDRINUSE" in tail(self.log_path, 200)
                self.stop(grace=2)  # it never served a session: nothing to clean up gracefully
                if not in_use or attempt == PORT_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _spawn(self, port: int, env: dict[str, str]) -> None:
        """Start the process in a group of its own, its output through the masking pump into the log,
        and a watchdog that ends the group if this process dies without stopping it."""
        cmd = self.command(port)
        self.log_path.write_bytes(b"")  # a stale log of an earlier run must not be mistaken for this one
        self.process = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=str(self.appium_home),
            start_new_session=os.name == "posix",
        )
        assert self.process.stdout is not None
        self._pump = LogPump(self.process.stdout, self.log_path, mask).start()  # the run's secrets
        if os.name == "posix":
            self._watchdog = Watchdog(self.process.pid, grace=5.0)
        self.port = port
        _register(self)

    def sync_log(self) -> None:
        """Wait until the log file holds what the server has written so far (the pump lags a little)."""
        if self._pump is not None:
            self._pump.sync()

    def restart(self) -> AppiumServer:
        """Start a server that died again, on a new port; its old log is kept beside the new one."""
        self.stop(grace=2)
        if self.log_path.is_file() and self.log_path.stat().st_size:
            died = self.log_path.with_name(f"{self.log_path.stem}.died{self.log_path.suffix}")
            self.log_path.replace(died)
        return self.start()

    def _wait_ready(self) -> None:
        for _ in polls(self.startup_timeout, period=0.2, most=0.2):
            assert self.process is not None
            if self.process.poll() is not None:
                raise ServerStartError(self._failure(f"Appium exited with code {self.process.returncode}"))
            status = get_status(self.url, timeout=1.0)
            if status and status.get("ready", True):
                return
        raise ServerStartError(
            self._failure(f"Appium did not answer GET {self.url}/status within {self.startup_timeout:g} s")
        )

    def _failure(self, what: str) -> str:
        if self._pump is not None and self.process is not None and self.process.poll() is not None:
            self._pump.join(2)  # the last lines of a server that exited
        parts = [f"{what}. Command: {' '.join(self.command(self.port or 0))}"]
        log = tail(self.log_path)
        if log:
            parts.append(f"Last lines of {self.log_path}:\n{log}")
        else:
            parts.append(f"Nothing was logged to {self.log_path}")
        return "\n".join(parts)

    def stop(self, grace: float = STOP_GRACE) -> bool:
        """Terminate the server, kill it (and what it spawned) after `grace` s; True when it is gone.

        Only a server that ignores SIGTERM gets its whole process group killed: after a clean exit, what
        it started on purpose (an emulator it booted, the adb daemon) is left alone for the next run.
        """
        process = self.process
        if process is None:
            return True
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self._kill_group()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    return False
        if self._pump is not None:
            self._pump.join(2)  # a child that kept the pipe open (a daemon it started) must not hold us
        if self._watchdog is not None:
            self._watchdog.disarm()
            self._watchdog = None
        _unregister(self)
        return process.poll() is not None

    def _kill_group(self) -> None:
        assert self.process is not None
        try:
            if os.name == "posix":
                os.killpg(self.process.pid, signal.SIGKILL)
            else:
                self.process.kill()
        except (ProcessLookupError, PermissionError):
            pass

    def __enter__(self) -> AppiumServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"running at {self.url}" if self.running else "stopped"
        return f"<AppiumServer {state}, log {self.log_path}>"


# ------------------------------------------------------------------------------- stop on exit / SIGTERM

_LIVE: weakref.WeakSet[AppiumServer] = weakref.WeakSet()
_hooks_lock = threading.Lock()
_hooks_installed = False
_previous_sigterm: Any = None


def _register(server: AppiumServer) -> None:
    global _hooks_installed, _previous_sigterm
    _LIVE.add(server)
    with _hooks_lock:
        if _hooks_installed:
            return
        _hooks_installed = True
        atexit.register(stop_all)
        if threading.current_thread() is threading.main_thread():
            current = signal.getsignal(signal.SIGTERM)
            if current in (signal.SIG_DFL, None):
                _previous_sigterm = current
                signal.signal(signal.SIGTERM, _on_sigterm)


def _unregister(server: AppiumServer) -> None:
    _LIVE.discard(server)


def stop_all() -> None:
    """Stop every server this process started and has not stopped yet."""
    for server in list(_LIVE):
        server.stop(grace=5)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    stop_all()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGTERM)


# ------------------------------------------------------------------------------------- any profile


class ExposureWarning(UserWarning):
    """A server the harness starts is reachable from other machines, or runs insecure features."""


def driver_for(automation_name: str) -> str | None:
    """The Appium driver name that serves an automationName, when it is one of the pinned drivers."""
    return KNOWN_DRIVERS.get(automation_name.lower())
