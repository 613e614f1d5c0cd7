"""SiteServer: a site folder served on 127.0.0.1 (never another address), for web scenarios to run
against a known site in a real browser.

    with SiteServer("harness/sim/sites/<site>") as site:
        driver.get(site.url + "/")

Standard library HTTP: GET pages (each for a kind of visitor, see model.py) and the folder's static files,
POST forms (sign in, sign out, sign out everywhere). No page loads anything from another server.
"""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.cookies import CookieError, SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from harness.errors import HarnessError
from harness.ports import is_loopback
from harness.sim.site.model import Page, load_site
from harness.sim.site.visitors import COOKIE, Visit, Visitors, render

MAX_FORM = 64 * 1024  # bytes: a sign-in form is a few dozen
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                 ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
# no page may load from elsewhere, nor be framed: what the browser shows comes from the folder
SECURITY_HEADERS = {"Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
                    "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}


class ExposedSiteError(HarnessError):
    """A site server asked to listen on an address other machines can reach."""


class SiteServer:
    """One site folder on a free port of 127.0.0.1; `url` is where this machine's browser finds it."""

    def __init__(self, folder: str | Path, host: str = "127.0.0.1", port: int = 0):
        if not is_loopback(host):
            raise ExposedSiteError(f"a site server listens on 127.0.0.1 only, not on {host}: other machines "
                                   "would reach it")
        self.model, self.folder = load_site(folder)
        self.visitors = Visitors(self.model)
        self.host, self.port = host, port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return self.url_for(self.host)

    def url_for(self, host: str) -> str:
        """The site's address as a browser that reaches this machine's loopback as `host` writes it (an
        Android emulator: 10.0.2.2)."""
        if self._httpd is None:
            raise RuntimeError("the site server has not been started")
        return f"http://{host}:{self.port}"

    def start(self) -> SiteServer:
        if self._httpd is not None:
            return self
        handler = type("Handler", (_Handler,), {"site": self})
        self._httpd = ThreadingHTTPServer((self.host, self.port), handler)
        self._httpd.daemon_threads = True
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="site-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> bool:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        return True

    def __enter__(self) -> SiteServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    site: SiteServer
    protocol_version = "HTTP/1.1"
    server_version = "harness-site"

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: what a form carried (a password) never reaches a log."""

    # ------------------------------------------------------------------------------------- requests
    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        model = self.site.model
        visit, new = self._visit()
        if path == "/":
            return self._redirect(model.home if visit.signed_in else model.sign_in, visit, new)
        page = model.pages.get(path)
        if page is not None:
            return self._page(page, visit, new)
        if path.lstrip("/") in model.static:
            return self._file(path.lstrip("/"))
        self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        form = self.site.model.forms.get(path)
        visit, new = self._visit()
        length = int(self.headers.get("Content-Length") or 0)
        if form is None or length > MAX_FORM:
            status = HTTPStatus.NOT_FOUND if form is None else HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            return self._send(status, b"no such form", "text/plain; charset=utf-8")
        fields = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8", "replace")).items()}
        visitors = self.site.visitors
        if form.action == "sign_in":
            email = fields.get("email", "")
            if not visitors.sign_in(visit, email, fields.get("password", "")):
                assert form.error_page is not None and form.error is not None
                visit.error = form.error.format(email=email.strip())
                return self._redirect(form.error_page, visit, new)
        elif form.action == "sign_out":
            visitors.sign_out(visit)
        else:
            visitors.sign_out_everywhere(visit)
        self._redirect(form.then, visit, new)

    # -------------------------------------------------------------------------------------- answers
    def _visit(self) -> tuple[Visit, bool]:
        token = None
        try:
            cookie = SimpleCookie(self.headers.get("Cookie") or "")
            token = cookie[COOKIE].value if COOKIE in cookie else None
        except CookieError:
            pass
        return self.site.visitors.visit(token)

    def _page(self, page: Page, visit: Visit, new: bool) -> None:
        model = self.site.model
        if page.visitor == "signed_in" and not visit.signed_in:
            return self._redirect(model.sign_in, visit, new)
        if page.visitor == "signed_out" and visit.signed_in:
            return self._redirect(model.home, visit, new)
        template = (self.site.folder / page.file).read_text(encoding="utf-8")
        error, visit.error = visit.error, ""  # shown once: a reload shows the page without it
        body = render(template, {"email": visit.email, "error": error}).encode("utf-8")
        self._send(HTTPStatus.OK, body, CONTENT_TYPES[".html"], visit if new else None)

    def _file(self, name: str) -> None:
        path = (self.site.folder / name).resolve()
        if not path.is_relative_to(self.site.folder) or not path.is_file():
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")
        kind = CONTENT_TYPES.get(path.suffix, "application/octet-stream")
        self._send(HTTPStatus.OK, path.read_bytes(), kind)

    def _redirect(self, where: str, visit: Visit, new: bool) -> None:
        self._send(HTTPStatus.SEE_OTHER, b"", "text/plain; charset=utf-8", visit if new else None,
                   {"Location": where})

    def _send(self, status: HTTPStatus, body: bytes, kind: str, new_visit: Visit | None = None,
              extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        if new_visit is not None:  # a session cookie: it lives as long as the browser's session
            self.send_header("Set-Cookie", f"{COOKIE}={new_visit.token}; Path=/; HttpOnly; SameSite=Lax")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
