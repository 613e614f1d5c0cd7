"""One Appium session per worker and device profile, reused across scenarios.

A new session costs seconds to minutes on a real device, so scenarios share it and the app is reset
between them instead. A session found lost is dropped and recreated for the next scenario; a local server
found dead is started again, once: a server that dies twice has a reason a restart does not cure.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.runner.errors import ServerDied, SessionLost
from harness.runner.polling import ExecutionLog
from harness.secrets import mask_file

RESTARTS = 1  # times a local server that died is started again in one worker


@dataclass
class DeviceSession:
    profile: Any  # harness.devices.profiles.DeviceProfile
    server: Any  # a ServerHandle (harness.devices.appium_server): .url, .stop(), .log_path
    app: str | None
    driver: Any = None
    log: ExecutionLog = field(default_factory=ExecutionLog)
    lost: bool = False
    created: int = 0  # sessions created for this profile in this worker
    restarts: int = 0  # times its server was started again after it died

    @property
    def session_id(self) -> str | None:
        return getattr(self.driver, "session_id", None)

    @property
    def server_url(self) -> str:
        """Where the sessions go, never with credentials (they travel in the client's auth config)."""
        return str(self.server.url)

    def server_alive(self) -> bool:
        """False when the server is known to be gone (a local process that exited, a URL not answering)."""
        return bool(getattr(self.server, "running", True))


class SessionManager:
    def __init__(self, log_dir: Path, *, appium_url: str | None = None, worker_index: int = 0,
                 worker: str | None = None):
        self.log_dir = log_dir
        self.appium_url = appium_url
        self.worker_index = worker_index
        self.worker = worker
        self.sessions: dict[str, DeviceSession] = {}

    def session_for(self, profile: Any, app: str | None) -> DeviceSession:
        """The live session of this profile (started on first use, recreated after a loss)."""
        current = self.sessions.get(profile.name)
        if current is not None and current.driver is not None and not current.lost and current.app == app:
            return current
        if current is None:
            current = DeviceSession(profile, self._start_server(profile), app)
            self.sessions[profile.name] = current
        elif current.driver is not None:
            self._quit(current)
        if not current.server_alive():
            self._restart(current)
        current.app = app
        current.lost = False
        current.driver = self._new_driver(profile, current.server, app)
        current.log.context = None  # a new session: its context is the driver's to tell
        current.created += 1
        return current

    def _start_server(self, profile: Any) -> Any:
        from harness.devices.servers import RunningServer, start_server_for

        if self.appium_url:
            return RunningServer(self.appium_url)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return start_server_for(profile, self.log_dir, self.worker)

    def _restart(self, session: DeviceSession) -> None:
        """Start a dead local server again, once; a remote one cannot be: say what to check."""
        server, name = session.server, session.profile.name
        log = getattr(server, "log_path", None)
        where = f" (its log: {log})" if log else ""
        if not hasattr(server, "restart"):
            raise ServerDied(f"the server at {server.url} for device profile {name!r} does not answer"
                             f"{where}; the harness did not start it: check that it runs and is reachable")
        if session.restarts >= RESTARTS:
            raise ServerDied(
                f"the Appium server for device profile {name!r} died again after a restart{where}; it is "
                "not restarted twice: look at the end of its log for the reason"
            )
        session.restarts += 1
        server.restart()

    def _new_driver(self, profile: Any, server: Any, app: str | None) -> Any:
        from appium import webdriver
        from appium.webdriver.client_config import AppiumClientConfig
        from selenium.common.exceptions import WebDriverException
        from urllib3.exceptions import HTTPError

        from harness.devices.capabilities import build_options, worker_overrides
        from harness.devices.servers import device_capabilities

        app_name = app if app in profile.apps else (next(iter(profile.apps), None) if app is None else app)
        overrides = {**worker_overrides(profile, self.worker_index), **device_capabilities(server)}
        options = build_options(profile, app_name, overrides=overrides)
        url = str(server.url)
        username, password = getattr(server, "credentials", (None, None))
        config = AppiumClientConfig(remote_server_addr=url, username=username, password=password,
                                    keep_alive=True)
        try:
            return webdriver.Remote(command_executor=url, options=options, client_config=config)
        except (WebDriverException, HTTPError, OSError) as exc:
            message = getattr(exc, "msg", None) or str(exc)
            died = not bool(getattr(server, "running", True))
            error = ServerDied if died else SessionLost
            what = "the server is not running" if died else "check the server log and"
            raise error(
                f"could not create a session on {url} for device profile {profile.name!r}: "
                f"{str(message).strip().splitlines()[0] if message else type(exc).__name__}; "
                f"{what} `harness doctor --device {profile.name}`"
            ) from None

    def mark_lost(self, profile_name: str) -> None:
        session = self.sessions.get(profile_name)
        if session is not None:
            session.lost = True

    def _quit(self, session: DeviceSession) -> None:
        with contextlib.suppress(Exception):
            session.driver.quit()
        session.driver = None

    def close_all(self) -> None:
        for session in self.sessions.values():
            if session.driver is not None and not session.lost:
                self._quit(session)
            with contextlib.suppress(Exception):
                session.server.stop()
            for extra in getattr(session.server, "extra_logs", ()):  # e.g. a simulated device's journal
                mask_file(extra)
        self.sessions.clear()
