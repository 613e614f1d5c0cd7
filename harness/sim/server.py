"""SimServer: the simulated device as a W3C WebDriver / Appium HTTP server on a loopback port.

    with SimServer(platform="android") as srv:
        driver = webdriver.Remote(srv.url, options=UiAutomator2Options()...)

Standard library HTTP (serving.py: HTTP/1.1 keep-alive, Nagle off, one write per response) keeps a
find+click round trip in the low milliseconds.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from harness.sim import caps as capabilities
from harness.sim import commands
from harness.sim.errors import WebDriverError
from harness.sim.flavours.registry import flavour_for
from harness.sim.loader import load_app_model
from harness.sim.model import AppModel
from harness.sim.serving import JsonHandler, QuietHTTPServer, Serving
from harness.sim.session import Session

VERSION = "0.1.0"
LOG = logging.getLogger("harness.sim")
PREFIXES = ("/wd/hub",)


class SimServer:
    def __init__(
        self,
        platform: str = "android",
        app_model: Path | str | AppModel | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        latency_ms: float | None = None,
        log_path: Path | str | None = None,
    ):
        self.flavour = flavour_for(platform)  # ValueError for a platform no flavour serves
        self.platform = platform
        self.model = app_model if isinstance(app_model, AppModel) else load_app_model(app_model)
        self.host, self.port = host, port
        self.latency_ms = latency_ms
        self.log_path = Path(log_path) if log_path is not None else None  # one line per command, if set
        self._log: Any = None
        self.sessions: dict[str, Session] = {}
        self.counts: dict[str, Counter[str]] = {}
        self.device_data: dict[str, Any] | None = None  # app data left by the last session (noReset)
        self.lock = threading.Lock()
        self.serving = Serving(f"sim-{platform}")

    # ---- lifecycle --------------------------------------------------------------------------------
    def start(self) -> SimServer:
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = self.log_path.open("a", encoding="utf-8", buffering=1)
        handler = type("Handler", (_Handler,), {"sim": self})
        httpd = QuietHTTPServer((self.host, self.port), handler)
        self.port = httpd.server_address[1]
        self.serving.start(httpd)
        return self

    def stop(self) -> bool:
        """Stop serving; True if it was running (the same contract as the Appium server handle)."""
        was_running = self.serving.stop()
        if self._log is not None:
            self._log.close()
            self._log = None
        return was_running

    def serve_forever(self) -> None:
        """Run in the calling thread (the CLI); Ctrl-C raises KeyboardInterrupt out of here."""
        if not self.serving.running:
            self.start()
        self.serving.wait()

    def __enter__(self) -> SimServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def command_counts(self, session_id: str) -> dict[str, int]:
        """Commands a session sent, by Appium command name, plus "total" (kept after the session ends)."""
        with self.lock:
            counts = dict(self.counts.get(session_id, {}))
        counts["total"] = sum(counts.values())
        return counts

    def note(self, session_id: str, message: str) -> None:
        """A line of the device's log (the file given as log_path, and the `harness.sim` logger)."""
        LOG.info("[%s] %s", session_id[:8], message)
        log = self._log
        if log is not None:
            log.write(f"{time.strftime('%H:%M:%S')} [{session_id[:8]}] {message}\n")

    # ---- dispatch ---------------------------------------------------------------------------------
    def handle(self, method: str, path: str, body: Any) -> tuple[int, Any]:
        for prefix in PREFIXES:
            if path.startswith(prefix + "/"):
                path = path[len(prefix) :]
        path = path.rstrip("/") or "/"
        try:
            if path == "/status" and method == "GET":
                return 200, {
                    "value": {
                        "ready": True,
                        "message": f"The simulated {self.platform} device is ready",
                        "build": {"version": VERSION},
                    }
                }
            if path == "/session" and method == "POST":
                return 200, {"value": self._create(body)}
            if path.startswith("/session/"):
                return 200, {"value": self._session_command(method, path, body)}
            raise WebDriverError(
                "unknown command",
                f"The requested resource could not be found, or a request "
                f"was received using an HTTP method that is not supported: {method} {path}",
            )
        except WebDriverError as exc:
            return exc.status, exc.payload()
        except Exception as exc:  # a bug in the simulator must still answer in W3C form
            return 500, WebDriverError("unknown error", f"{type(exc).__name__}: {exc}").payload()

    def _create(self, body: Any) -> dict[str, Any]:
        requested = capabilities.merge(body)
        faults = capabilities.validate(self.flavour, self.model, requested)
        keep = capabilities.get(requested, "noReset") is True
        data = dict(self.device_data) if keep and self.device_data is not None else None
        session = Session(
            self.flavour,
            self.model,
            self.flavour.returned_caps(self.model, requested),
            faults,
            data,
            self.latency_ms,
        )
        session.log = lambda message, sid=session.id: self.note(sid, message)
        with self.lock:
            self.sessions[session.id] = session
            self.counts[session.id] = session.counts
        session.counts["createSession"] += 1
        return {"sessionId": session.id, "capabilities": session.caps}

    def _session_command(self, method: str, path: str, body: Any) -> Any:
        parts = path.split("/")
        sid = parts[2]
        with self.lock:
            session = self.sessions.get(sid)
        if session is None:
            raise WebDriverError("invalid session id", "A session is either terminated or not started")
        if len(parts) == 3 and method == "DELETE":
            session.counts["deleteSession"] += 1
            with self.lock:
                self.sessions.pop(sid, None)
                self.device_data = dict(session.runtime.vars)
            return None
        route, params, other = commands.match(method, path)
        if route is None:
            if other:
                raise WebDriverError("unknown method", f"{method} is not supported on {path}")
            raise WebDriverError(
                "unknown command", f"The simulated device does not implement {method} {path}"
            )
        with session.lock:
            session.counts[commands.command_name(route, body)] += 1
            if session.latency:
                time.sleep(session.latency)
            return route.handler(session, params, body)


def admit(method: str, origin: str | None, content_type: str | None, raw: bytes) -> Any:
    """The decoded body of a request a WebDriver client may make, or the error that refuses it.

    A web page open in the user's browser can reach 127.0.0.1 too; browsers mark its requests with
    an Origin header, and without a CORS preflight (never answered here) they can only POST
    text/plain or form bodies. WebDriver clients send neither, so both are refused: no page can
    drive the device.
    """
    if origin is not None:
        return WebDriverError(
            "unknown error",
            f"Requests from web pages are refused (Origin: {origin}): the simulated device serves "
            "WebDriver clients only, which send no Origin header",
            status=403,
        )
    if method != "POST":
        return None  # GET and DELETE carry no body in WebDriver
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime != "application/json":
        return WebDriverError(
            "invalid argument",
            f"A POST body must be JSON sent as Content-Type: application/json (got {content_type or 'none'})",
        )
    try:
        return json.loads(raw)
    except ValueError:
        return WebDriverError("invalid argument", "The request body is not JSON")


class _Handler(JsonHandler):
    sim: SimServer
    server_version = "harness-sim/" + VERSION
    extra_headers = "Cache-Control: no-cache\r\n"

    def serve(self, method: str) -> None:
        raw = self.read_body()
        admitted = admit(method, self.headers.get("Origin"), self.headers.get("Content-Type"), raw)
        if isinstance(admitted, WebDriverError):
            self.reply(admitted.status, admitted.payload())
            return
        body = admitted
        started = time.perf_counter()
        status, payload = self.sim.handle(method, self.path.split("?", 1)[0], body)
        self.reply(status, payload)
        log = self.sim._log
        if log is not None:
            error = payload["value"].get("error", "") if status >= 400 else ""
            ms = (time.perf_counter() - started) * 1000
            log.write(f"{time.strftime('%H:%M:%S')} {method} {self.path} {status} {error} {ms:.1f}ms\n")

    def do_OPTIONS(self) -> None:  # a CORS preflight: refused like any request with an Origin
        self.serve("OPTIONS")
