"""A JSON-over-HTTP server on a loopback port: what the device servers (UiAutomator2, WDA) listen with.

HTTP/1.1 keep-alive with Nagle off and one write per reply keeps a round trip under a millisecond.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"
Reply = tuple[int, Any]


class Hangup(Exception):
    """Raised by a dispatcher: close the connection without answering (nothing listens behind a forward)."""


class JsonServer:
    """Serves `dispatch(method, path, body) -> (status, payload)` on 127.0.0.1:<port>."""

    def __init__(self, name: str, dispatch: Callable[[str, str, Any], Reply], port: int = 0):
        self.name = name
        self.dispatch = dispatch
        self.port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def start(self) -> JsonServer:
        handler = type("Handler", (_Handler,), {"dispatch": staticmethod(self.dispatch)})
        self._httpd = _Server((HOST, self.port), handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, name=self.name, kwargs={"poll_interval": 0.2}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client hanging up is normal
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    dispatch: Callable[[str, str, Any], Reply]

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = {"<not json>": raw.decode("utf-8", "replace")[:200]}
        try:
            status, payload = self.dispatch(method, self.path.split("?", 1)[0], body)
        except Hangup:
            self.close_connection = True
            return
        data = json.dumps(payload).encode("utf-8")
        head = (
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(data)}\r\n\r\n"
        ).encode("ascii")
        self.wfile.write(head + data)
        self.wfile.flush()

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")
