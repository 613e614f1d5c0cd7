"""A loopback stand-in for a device cloud's hub: records every request as the cloud would receive it (path,
Authorization header, the new-session body exactly), and serves the session from a simulated device.

The cloud's own capabilities (bstack:options, sauce:options, lt:options, real device names) mean nothing
to the simulated device, so the new-session request it forwards keeps only what picks the platform and the
app; everything after that is relayed as it comes. `report_url` adds a link capability to the new-session
answer, as Sauce Labs' real device cloud does (testobject_test_report_url).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

KEPT = ("platformName", "appium:automationName", "appium:appPackage", "appium:appActivity", "appium:bundleId")


@dataclass
class Seen:
    method: str
    path: str
    authorization: str | None
    body: Any = None


@dataclass
class CloudStandIn:
    backend: str  # the simulated device's URL
    prefix: str = "/wd/hub"
    report_url: str | None = None  # "…/{session}" : added to the new-session answer
    seen: list[Seen] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{self.prefix}"

    def new_session_requests(self) -> list[Seen]:
        return [s for s in self.seen if s.method == "POST" and s.path == f"{self.prefix}/session"]

    def start(self) -> CloudStandIn:
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def _relay(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                stand_in.seen.append(Seen(method, self.path, self.headers.get("Authorization"), body))
                path = self.path.removeprefix(stand_in.prefix)
                new_session = method == "POST" and path == "/session"
                if new_session:
                    caps = body["capabilities"]["alwaysMatch"]
                    kept = {k: caps[k] for k in KEPT if k in caps}
                    raw = json.dumps({"capabilities": {"alwaysMatch": kept, "firstMatch": [{}]}}).encode()
                request = urllib.request.Request(f"{stand_in.backend}{path}", data=raw or None, method=method,
                                                 headers={"Content-Type": "application/json; charset=utf-8"})
                try:
                    with urllib.request.urlopen(request, timeout=60) as response:
                        status, answer = response.status, response.read()
                except urllib.error.HTTPError as error:
                    status, answer = error.code, error.read()
                if new_session and status == 200 and stand_in.report_url:
                    data = json.loads(answer)
                    sid = data["value"]["sessionId"]
                    data["value"]["capabilities"]["testobject_test_report_url"] = stand_in.report_url.format(
                        session=sid)
                    answer = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def do_GET(self) -> None:
                self._relay("GET")

            def do_POST(self) -> None:
                self._relay("POST")

            def do_DELETE(self) -> None:
                self._relay("DELETE")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
