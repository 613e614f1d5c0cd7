"""How every server of the simulated device listens: a socketserver on a daemon thread, stopped at once,
and JSON over HTTP/1.1 (keep-alive, Nagle off, one write per reply keeps a round trip under a
millisecond). The W3C server (server.py), the UiAutomator2 and WebDriverAgent stand-ins
(device_side/jsonhttp.py), adb's control server and usbmuxd all use it.
"""

from __future__ import annotations

import json
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"
SHUTDOWN_POLL = 0.05  # s: how often the serving loop looks for stop(); a stop waits up to this long


class Serving:
    """One server on its own daemon thread."""

    def __init__(self, name: str):
        self.name = name
        self.server: socketserver.BaseServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.server is not None

    def start(self, server: socketserver.BaseServer) -> None:
        self.server = server
        self._thread = threading.Thread(target=server.serve_forever, name=self.name,
                                        kwargs={"poll_interval": SHUTDOWN_POLL}, daemon=True)
        self._thread.start()

    def stop(self) -> bool:
        """Stop serving and free the address; True if it was running."""
        server, self.server = self.server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        return server is not None

    def wait(self) -> None:
        """Until the server stops (in the calling thread: Ctrl-C raises KeyboardInterrupt out of here)."""
        thread = self._thread
        while thread is not None and thread.is_alive():
            thread.join(0.5)


class QuietHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-request is normal (Ctrl-C, killed tests): no traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class JsonHandler(BaseHTTPRequestHandler):
    """Answers every request with `serve(method)`, which replies with `reply(status, payload)`."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    extra_headers = ""  # header lines ("Name: value\r\n") every reply carries

    def log_message(self, format: str, *args: Any) -> None:  # quiet: tests and the CLI print their own
        return

    def serve(self, method: str) -> None:
        raise NotImplementedError

    def read_body(self) -> bytes:
        try:
            length = max(0, int(self.headers.get("Content-Length") or 0))
        except ValueError:
            length = 0
        return self.rfile.read(length) if length else b""

    def reply(self, status: int, payload: Any) -> None:
        data = json.dumps(payload).encode("utf-8")
        head = (
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(data)}\r\n{self.extra_headers}\r\n"
        ).encode("ascii")
        self.wfile.write(head + data)
        self.wfile.flush()

    def do_GET(self) -> None:
        self.serve("GET")

    def do_POST(self) -> None:
        self.serve("POST")

    def do_DELETE(self) -> None:
        self.serve("DELETE")
