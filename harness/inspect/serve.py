"""`harness inspect --serve`: the live screen in a browser, on 127.0.0.1 only.

The page (page/: no external asset, no inline script) shows each device's screenshot with the boxes of
its elements drawn over it; clicking one shows its attributes, the selectors the harness suggests (with
what the driver says of each) and its screen-map YAML. "Refresh" reads the screen again, "Check screen
map" checks the one given with --check (or the scenario's).

The server binds loopback addresses only, and answers only requests addressed to it: a Host header that
is not its own address (DNS rebinding), an Origin that is not its own, or a cross-site fetch gets 403.
Driver calls are serialised: one session is not for two threads at once.
"""

from __future__ import annotations

import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any

from harness.inspect.inspector import Inspector
from harness.inspect.render import check_text
from harness.inspect.screen import Element
from harness.inspect.yamltext import flow
from harness.ports import is_loopback
from harness.secrets import mask

PAGE_FILES = {"/": ("index.html", "text/html"), "/inspect.js": ("inspect.js", "text/javascript"),
              "/inspect.css": ("inspect.css", "text/css")}
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src data:; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class NotLoopback(ValueError):
    """A bind address that is not a loopback one."""


def element_json(element: Element, yaml_text: str) -> dict[str, Any]:
    rect = element.node.rect
    return {
        "title": element.title,
        "depth": element.depth,
        "rect": [rect.x, rect.y, rect.width, rect.height] if rect else None,
        "actions": element.actions,
        "class": element.node.cls,
        "attributes": dict(element.node.attrs),
        "selectors": [{"yaml": flow(s.selector), "unique": s.unique, "verdict": s.verdict()}
                      for s in element.suggestions],
        "yaml": yaml_text,
    }


class PageServer:
    """The page and its API over one Inspector; `start()` serves in a thread, `close()` stops."""

    def __init__(self, inspector: Inspector, host: str = "127.0.0.1", port: int = 0):
        if not is_loopback(host):
            raise NotLoopback(f"{host} is not a loopback address: the inspect page listens on 127.0.0.1 "
                              "(or another 127.x address, or ::1) only")
        self.inspector = inspector
        self.lock = threading.Lock()
        server_class = _Server6 if ":" in host.strip("[]") else _Server
        self.httpd = server_class((host.strip("[]"), port), _handler(self))
        self.host = host.strip("[]")
        self.port = int(self.httpd.server_address[1])
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        shown = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{shown}:{self.port}/"

    def allowed_hosts(self) -> set[str]:
        names = {"localhost", f"[{self.host}]" if ":" in self.host else self.host}
        return {f"{name}:{self.port}" for name in names}

    def start(self) -> PageServer:
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="inspect-page", daemon=True)
        self.thread.start()
        return self

    def close(self) -> None:
        if self.thread is not None:  # shutdown() waits for a serve_forever() that must have started
            self.httpd.shutdown()
            self.thread.join(timeout=5)
        self.httpd.server_close()

    # -- the API ------------------------------------------------------------------------------------
    def state(self, refresh: bool = False) -> dict[str, Any]:
        with self.lock:
            if refresh or not self.inspector.screens:
                self.inspector.look()
            fragment = self.inspector.fragment() if len({s.platform for s in self.inspector.screens}) == \
                len(self.inspector.screens) else None
            devices = []
            for device, screen in zip(self.inspector.devices, self.inspector.screens, strict=True):
                elements = []
                for element in screen.elements:
                    entry = fragment.entry_of(element) if fragment else None
                    yaml_text = fragment.entry_yaml(entry) if fragment and entry else ""
                    elements.append(element_json(element, yaml_text))
                devices.append({
                    "device": screen.device, "platform": screen.platform, "app": screen.app_id,
                    "size": list(screen.size), "note": screen.note, "elements": elements,
                    "screenshot": self.inspector.screenshot(device),
                })
            return {"devices": devices, "fragment": fragment.yaml() if fragment else "",
                    "screen": fragment.screen if fragment else "",
                    "check": self.inspector.screen_map.path if self.inspector.screen_map else ""}

    def check(self) -> dict[str, Any]:
        with self.lock:
            if self.inspector.screen_map is None:
                return {"error": "no screen map: start with --check SCREEN_MAP (or inspect a scenario)"}
            self.inspector.look()
            checks = self.inspector.check()
            return {"text": "\n\n".join(check_text(c) for c in checks),
                    "wrong": sum(len(c.wrong()) for c in checks)}


class _Server(ThreadingHTTPServer):
    daemon_threads = True


class _Server6(_Server):
    import socket as _socket

    address_family = _socket.AF_INET6


def _handler(page: PageServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "harness-inspect"

        def log_message(self, format: str, *args: object) -> None:  # the terminal is for the address
            return

        def refused(self) -> str:
            host = self.headers.get("Host", "")
            if host not in page.allowed_hosts():
                return f"Host {host!r} is not this server"
            origin = self.headers.get("Origin")
            if origin is not None and origin.removeprefix("http://") not in page.allowed_hosts():
                return f"Origin {origin!r} is not this page"
            if self.headers.get("Sec-Fetch-Site") in ("cross-site", "same-site"):
                return "cross-site request"
            return ""

        def do_GET(self) -> None:
            if self._refuse():
                return
            path = self.path.split("?", 1)[0]
            if path in PAGE_FILES:
                name, kind = PAGE_FILES[path]
                body = resources.files("harness.inspect").joinpath("page", name).read_bytes()
                self._send(HTTPStatus.OK, body, f"{kind}; charset=utf-8")
            elif path == "/api/screens":
                self._json(page.state)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def do_POST(self) -> None:
            if self._refuse():
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(min(length, 1 << 16))
            path = self.path.split("?", 1)[0]
            if path == "/api/refresh":
                self._json(lambda: page.state(refresh=True))
            elif path == "/api/check":
                self._json(page.check)
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

        def _refuse(self) -> bool:
            reason = self.refused()
            if reason:
                self._send(HTTPStatus.FORBIDDEN, reason.encode(), "text/plain")
            return bool(reason)

        def _json(self, produce: Any) -> None:
            try:
                data, status = produce(), HTTPStatus.OK
            except Exception as exc:  # the page shows it; the server goes on
                data, status = {"error": f"{type(exc).__name__}: {exc}"}, HTTPStatus.INTERNAL_SERVER_ERROR
            body = mask(json.dumps(data, ensure_ascii=False)).encode("utf-8")
            self._send(status, body, "application/json")

        def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in HEADERS.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler
