"""One Appium session per worker and device profile, reused across scenarios.

A new session costs seconds to minutes on a real device, so scenarios share it and the app is reset
between them instead. A session found lost is dropped and recreated for the next scenario.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.runner.errors import SessionLost
from harness.runner.executor import ExecutionLog


@dataclass
class DeviceSession:
    profile: Any  # harness.devices.profiles.DeviceProfile
    server: Any  # a handle with .url, .stop(), .log_path
    app: str | None
    driver: Any = None
    log: ExecutionLog = field(default_factory=ExecutionLog)
    lost: bool = False
    created: int = 0  # sessions created for this profile in this worker

    @property
    def session_id(self) -> str | None:
        return getattr(self.driver, "session_id", None)


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
        current.app = app
        current.lost = False
        current.driver = self._new_driver(profile, current.server, app)
        current.created += 1
        return current

    def _start_server(self, profile: Any) -> Any:
        from harness.devices.servers import RunningServer, start_server_for

        if self.appium_url:
            return RunningServer(self.appium_url)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return start_server_for(profile, self.log_dir, self.worker)

    def _new_driver(self, profile: Any, server: Any, app: str | None) -> Any:
        from appium import webdriver
        from selenium.common.exceptions import WebDriverException
        from urllib3.exceptions import HTTPError

        from harness.devices.capabilities import build_options, worker_overrides
        from harness.devices.servers import device_capabilities

        url = server.url
        app_name = app if app in profile.apps else (next(iter(profile.apps), None) if app is None else app)
        overrides = {**worker_overrides(profile, self.worker_index), **device_capabilities(server)}
        options = build_options(profile, app_name, overrides=overrides)
        try:
            return webdriver.Remote(command_executor=url, options=options)
        except (WebDriverException, HTTPError, OSError) as exc:
            message = getattr(exc, "msg", None) or str(exc)
            raise SessionLost(
                f"could not create a session on {url} for device profile {profile.name!r}: "
                f"{str(message).strip().splitlines()[0] if message else type(exc).__name__}; "
                "check the server log and `harness doctor --device " + profile.name + "`"
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
        from harness.runner.secrets import mask_file

        for session in self.sessions.values():
            if session.driver is not None and not session.lost:
                self._quit(session)
            with contextlib.suppress(Exception):
                session.server.stop()
            log_path = getattr(session.server, "log_path", None)
            if log_path:  # the server logged request bodies: typed secrets too
                mask_file(log_path)
                mask_file(Path(str(log_path) + ".stderr"))
            for extra in getattr(session.server, "extra_logs", ()):  # e.g. a simulated device's journal
                mask_file(extra)
        self.sessions.clear()
