"""Sessions as leases on devices: one per worker and device profile, reused across scenarios while held.

A new session costs seconds to minutes on a real device, so scenarios share it and the app is reset
between them instead. How long a worker holds it is the profile's `session_policy`: a local server's
session is kept for the whole worker; a remote pool's (Selenium Grid, a device cloud) is released as soon
as the worker moves to another profile or has nothing left for it (`scenario_done`), so workers and runs
that share the pool never wait on each other's idle sessions. A session held while idle is checked before
reuse (a node's session timeout, Appium's newCommandTimeout end idle sessions) and recreated if gone.

A session found lost is dropped and recreated for the next scenario; a local server found dead is started
again, once: a server that dies twice has a reason a restart does not cure. A profile that cannot get a
session fails fast: its remaining scenarios in the worker are broken at once with the reason (NoSession)
instead of each waiting the server's queue timeout again.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.errors import HarnessError
from harness.runner.errors import NoSession, ServerDied, SessionLost
from harness.runner.polling import ExecutionLog
from harness.secrets import mask, mask_file

RESTARTS = 1  # times a local server that died is started again in one worker
CHECK_AFTER_IDLE = 1.0  # s a held session may sit unused before it is checked again on reuse


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
    last_used: float = 0.0  # time.monotonic() when a scenario last finished with it
    node: str | None = None  # the Selenium Grid node serving the session, when the server is a Grid
    link: Any = None  # harness.devices.remote.SessionLink: the device cloud's page of the session
    notes: list[str] = field(default_factory=list)  # what happened to the lease, for the next scenario

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

    def take_notes(self) -> list[str]:
        notes, self.notes = self.notes, []
        return notes


class SessionManager:
    def __init__(self, log_dir: Path, *, appium_url: str | None = None, worker_index: int = 0,
                 worker: str | None = None):
        self.log_dir = log_dir
        self.appium_url = appium_url
        self.worker_index = worker_index
        self.worker = worker
        self.sessions: dict[str, DeviceSession] = {}
        self.unavailable: dict[str, str] = {}  # profile name -> why it got no session in this worker
        self._not_grids: set[str] = set()  # remote servers that answered no Grid query
        self._lock = threading.RLock()  # one lease at a time: the early start runs in a thread
        self._early: threading.Thread | None = None
        self._early_errors: dict[str, BaseException] = {}  # what the early start met, for the 1st scenario

    # -- the early start -----------------------------------------------------------------------------
    def start_early(self, profiles: list[Any]) -> None:
        """Start the devices of the profiles this worker holds for the whole run (sessions: keep) in the
        background: their server and first session come up while pytest still collects, instead of
        when the first scenario asks. What goes wrong is raised to the first scenario of that profile."""
        wanted = [p for p in profiles if p.session_policy == "keep"]
        if wanted and self._early is None:
            self._early = threading.Thread(target=self._start_all, args=(wanted,), name="harness-early-start",
                                           daemon=True)
            self._early.start()

    def _start_all(self, profiles: list[Any]) -> None:
        for profile in profiles:
            try:
                self.session_for(profile, None)
            except BaseException as exc:  # the first scenario of the profile reports it
                self._early_errors[profile.name] = exc

    def _wait_early(self) -> None:
        if self._early is not None and self._early is not threading.current_thread():
            self._early.join()

    # -- the lease ---------------------------------------------------------------------------------
    def session_for(self, profile: Any, app: str | None) -> DeviceSession:
        """The live session of this profile (started on first use, recreated after a loss or expiry).
        `app` None is the profile's first app."""
        self._wait_early()
        early = self._early_errors.pop(profile.name, None)
        if early is not None:
            raise early
        with self._lock:
            return self._session_for(profile, app if app is not None else next(iter(profile.apps), None))

    def _session_for(self, profile: Any, app: str | None) -> DeviceSession:
        reason = self.unavailable.get(profile.name)
        if reason is not None:
            raise NoSession(f"device profile {profile.name!r} got no session earlier in this worker, so its "
                            f"remaining scenarios are not tried: {reason}")
        current = self.sessions.get(profile.name)
        if (current is not None and current.driver is not None and not current.lost and current.app == app
                and self._still_there(current)):
            return current
        try:
            return self._lease(profile, app, current)
        except (SessionLost, HarnessError) as exc:
            if not _per_scenario(exc):
                self.unavailable[profile.name] = mask(str(exc))
            raise

    def _lease(self, profile: Any, app: str | None, current: DeviceSession | None) -> DeviceSession:
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
        current.last_used = time.monotonic()
        self._describe(current)
        return current

    def scenario_done(self, profile_name: str, next_profile: str | None) -> None:
        """A scenario of `profile_name` ended; the worker's next one is on `next_profile` (None: no more
        work). A released lease ends here: a shared pool gets its device back at once."""
        session = self.sessions.get(profile_name)
        if session is None:
            return
        session.last_used = time.monotonic()
        if next_profile != profile_name and session.profile.session_policy == "release":
            self.release(profile_name)

    def release(self, profile_name: str) -> None:
        """End the session of this profile (its server, if the harness started one, stays up)."""
        session = self.sessions.get(profile_name)
        if session is not None and session.driver is not None:
            if not session.lost:
                self._quit(session)
            session.driver = None

    def _still_there(self, session: DeviceSession) -> bool:
        """A session idle for a while may have been ended by the server: ask it, cheaply (GET timeouts)."""
        idle = time.monotonic() - session.last_used
        if idle < CHECK_AFTER_IDLE:
            return True
        from selenium.common.exceptions import InvalidSessionIdException, WebDriverException
        from urllib3.exceptions import HTTPError

        try:
            session.driver.execute("getTimeouts")  # raw: drivers answer different keys (no pageLoad)
            return True
        except InvalidSessionIdException as exc:
            why = _first_line(exc)
        except WebDriverException as exc:
            if not _gone(exc):
                return True  # a server without GET /timeouts: nothing to learn from it
            why = _first_line(exc)
        except (HTTPError, OSError) as exc:
            why = f"the server did not answer ({type(exc).__name__})"
        session.notes.append(mask(f"the session held for device profile {session.profile.name!r} was gone "
                                  f"after {idle:.0f} s idle ({why}): a new one was created"))
        session.lost = True
        return False

    # -- servers and drivers -------------------------------------------------------------------------
    def _start_server(self, profile: Any) -> Any:
        from harness.devices.capabilities import pool_entry
        from harness.devices.servers import RunningServer, start_server_for

        if self.appium_url:
            return RunningServer(self.appium_url)
        url = pool_entry(profile, self.worker_index).get("url")
        if url:  # this worker's own server, from the pool
            return RunningServer(str(url), credentials=profile.server.credentials)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        return start_server_for(profile, self.log_dir, self.worker)

    def _started_here(self, profile: Any) -> bool:
        """The harness starts this profile's server on this machine (local ports are its to give)."""
        from harness.devices.capabilities import pool_entry

        return (not self.appium_url and profile.server.start is not None
                and not pool_entry(profile, self.worker_index).get("url"))

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
        from urllib3.exceptions import HTTPError, ReadTimeoutError

        from harness.devices.capabilities import build_options, worker_overrides
        from harness.devices.servers import device_capabilities

        app_name = app if app in profile.apps else (next(iter(profile.apps), None) if app is None else app)
        local = self._started_here(profile)
        overrides = {**worker_overrides(profile, self.worker_index, local=local),
                     **device_capabilities(server)}
        options = build_options(profile, app_name, overrides=overrides)
        url = str(server.url)
        username, password = getattr(server, "credentials", (None, None))
        wait = profile.server.new_session_timeout
        config = AppiumClientConfig(remote_server_addr=url, username=username, password=password,
                                    keep_alive=True, timeout=wait)
        try:
            driver = webdriver.Remote(command_executor=url, options=options, client_config=config)
        except (WebDriverException, HTTPError, OSError) as exc:
            if isinstance(exc, ReadTimeoutError | TimeoutError) and wait is not None:
                raise NoSession(
                    f"no session on {url} for device profile {profile.name!r} within {wait:g} s "
                    "(server.new_session_timeout): no device was free or none matches; a Grid keeps the "
                    "request queued until its own --session-request-timeout, so keep that no longer"
                ) from None
            message = getattr(exc, "msg", None) or str(exc)
            died = not bool(getattr(server, "running", True))
            error = ServerDied if died else NoSession
            what = "the server is not running" if died else "check the server log and"
            raise error(
                f"could not create a session on {url} for device profile {profile.name!r}: "
                f"{str(message).strip().splitlines()[0] if message else type(exc).__name__}; "
                f"{what} `harness doctor --device {profile.name}`"
            ) from None
        config.reset_timeout()  # the bound is for getting a device, not for the commands after
        return driver

    def _describe(self, session: DeviceSession) -> None:
        """Where a remote session runs: its Grid node, its device cloud page (best effort)."""
        from harness.devices.remote import grid_node, vendor_link

        session.node, session.link = None, None
        if self._started_here(session.profile) or not session.session_id:
            return
        url, sid = session.server_url, str(session.session_id)
        caps = getattr(session.driver, "capabilities", None) or {}
        session.link = vendor_link(url, sid, caps if isinstance(caps, dict) else {})
        if session.link is None and url not in self._not_grids:
            session.node = grid_node(url, sid, getattr(session.server, "credentials", (None, None)))
            if session.node is None:
                self._not_grids.add(url)

    def mark_lost(self, profile_name: str) -> None:
        session = self.sessions.get(profile_name)
        if session is not None:
            session.lost = True

    def _quit(self, session: DeviceSession) -> None:
        with contextlib.suppress(Exception):
            session.driver.quit()
        session.driver = None

    def close_all(self) -> None:
        self._wait_early()
        for session in self.sessions.values():
            if session.driver is not None and not session.lost:
                self._quit(session)
            with contextlib.suppress(Exception):
                session.server.stop()
            for extra in getattr(session.server, "extra_logs", ()):  # e.g. a simulated device's journal
                mask_file(extra)
        self.sessions.clear()


def _per_scenario(exc: BaseException) -> bool:
    """Errors of one scenario's request, not of the profile (an app the profile does not define)."""
    from harness.devices.capabilities import UnknownAppError

    return isinstance(exc, UnknownAppError)


def _gone(exc: Exception) -> bool:
    from harness.runner.executor import SESSION_GONE

    return bool(SESSION_GONE.search(str(exc))) or "invalid session id" in str(exc).lower()


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "msg", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
