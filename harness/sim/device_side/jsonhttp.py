"""A JSON-over-HTTP server on a loopback port: what the device servers (UiAutomator2, WDA) listen with."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from harness.sim.serving import HOST, JsonHandler, QuietHTTPServer, Serving

Reply = tuple[int, Any]


class Hangup(Exception):
    """Raised by a dispatcher: close the connection without answering (nothing listens behind a forward)."""


class JsonServer:
    """Serves `dispatch(method, path, body) -> (status, payload)` on 127.0.0.1:<port>."""

    def __init__(self, name: str, dispatch: Callable[[str, str, Any], Reply], port: int = 0):
        self.dispatch = dispatch
        self.port = port
        self.serving = Serving(name)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def running(self) -> bool:
        return self.serving.running

    def start(self) -> JsonServer:
        handler = type("Handler", (_Handler,), {"dispatch": staticmethod(self.dispatch)})
        httpd = QuietHTTPServer((HOST, self.port), handler)
        self.port = httpd.server_address[1]
        self.serving.start(httpd)
        return self

    def stop(self) -> None:
        self.serving.stop()


class _Handler(JsonHandler):
    dispatch: Callable[[str, str, Any], Reply]

    def serve(self, method: str) -> None:
        raw = self.read_body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = {"<not json>": raw.decode("utf-8", "replace")[:200]}
        try:
            status, payload = self.dispatch(method, self.path.split("?", 1)[0], body)
        except Hangup:
            self.close_connection = True
            return
        self.reply(status, payload)
