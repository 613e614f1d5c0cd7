"""Route tables of the device servers, and the dispatch every device request goes through.

A route is registered with `@ROUTES.add("POST", "/session/:sid/element")`; its handler gets the server,
the path parameters and the JSON body and returns (status, payload). A request that is the simulated
device's own W3C command under another path is a `Forward` (`ROUTES.forward(...)`), the same for every
device server: those both servers share are FORWARDS. Dispatch journals every request, fails an
unmatched one as not modelled, and keeps failing the session after one (strict.py).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from harness.sim.device_side.journal import Journal
from harness.sim.device_side.jsonhttp import Reply
from harness.sim.device_side.strict import PREFIX, NotModelled, Strictness

Handler = Callable[..., Reply]  # (server, params: dict[str, str], body: Any) -> (status, payload)


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # "/session/:sid/element/:id/click": the `:name` parts are path parameters
    pattern: re.Pattern[str]
    handler: Handler


@dataclass(frozen=True)
class Forward:
    """`method template` answered by the simulated device's `method rest` (`{id}`-style parameters), with
    the request's body (`body=True`), an empty one (POST) or none (GET, DELETE)."""

    method: str
    template: str
    rest: str
    body: bool = False

    def __call__(self, server: Any, params: dict[str, str], body: Any) -> Reply:
        sent = body if self.body else ({} if self.method == "POST" else None)
        return server.sim(self.method, self.rest.format(**params), sent)


# the W3C commands the UiAutomator2 server and WebDriverAgent both pass to the device as they are
FORWARDS = (
    Forward("GET", "/session/:sid", ""),
    Forward("GET", "/session/:sid/element/active", "/element/active"),
    Forward("POST", "/session/:sid/element/:id/click", "/element/{id}/click"),
    Forward("POST", "/session/:sid/element/:id/clear", "/element/{id}/clear"),
    *(Forward("GET", f"/session/:sid/element/:id/{query}", f"/element/{{id}}/{query}")
      for query in ("text", "rect", "name", "screenshot")),
    Forward("GET", "/session/:sid/element/:id/attribute/:name", "/element/{id}/attribute/{name}"),
    Forward("GET", "/session/:sid/source", "/source"),
    Forward("GET", "/session/:sid/screenshot", "/screenshot"),
    Forward("GET", "/session/:sid/orientation", "/orientation"),
    Forward("POST", "/session/:sid/actions", "/actions", body=True),
    Forward("GET", "/session/:sid/appium/settings", "/appium/settings"),
    Forward("POST", "/session/:sid/appium/settings", "/appium/settings", body=True),
    Forward("GET", "/session/:sid/alert/text", "/alert/text"),
)


class Routes:
    """Routes registered with a decorator: `@routes.add("POST", "/session/:sid/element")`."""

    def __init__(self) -> None:
        self.table: list[Route] = []

    def add(self, method: str, template: str) -> Callable[[Handler], Handler]:
        regex = "^" + re.sub(r":(\w+)", r"(?P<\1>[^/]+)", template) + "$"

        def register(fn: Handler) -> Handler:
            self.table.append(Route(method, template, re.compile(regex), fn))
            return fn

        return register

    def forward(self, *forwards: Forward) -> None:
        """Register requests the simulated device answers as they are (under another path)."""
        for fwd in forwards:
            self.add(fwd.method, fwd.template)(fwd)

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.table:
            found = route.pattern.match(path)
            if found and route.method == method:
                return route, found.groupdict()
        return None

    def dispatch(self, server: Any, layer: str, method: str, path: str, body: Any) -> Reply:
        """Serve one request of `layer`; `server` has `.journal` and `.strictness` (the device's)."""
        journal: Journal = server.device.journal
        strictness: Strictness = server.device.strictness
        found = self.match(method, path)
        try:
            if found is None:
                raise NotModelled(layer, f"{method} {path}")
            route, params = found
            if (method, route.template) != ("DELETE", "/session/:sid"):  # deleting clears the session
                strictness.check()
            status, payload = route.handler(server, params, body if body is not None else {})
        except NotModelled as exc:
            strictness.failed(exc)
            status, payload = 500, error("unknown error", str(exc))
        except Exception as exc:  # a bug of the device side: answer it, with the trace, instead of hanging up
            trace = "".join(traceback.format_exception(exc))
            status, payload = 500, error("unknown error", f"{PREFIX}: internal error answering {layer} "
                                                          f"{method} {path}: {exc}\n{trace}")
        outcome = str(status) if status == 200 else f"{status} {payload['value'].get('error', '')}"
        journal.record(layer, f"{method} {path}", body, outcome)
        return status, payload


def typed_text(body: dict[str, Any]) -> str:
    """The text of a set-value request: `text` (UiAutomator2 sends it), else the typed characters of
    `value` (both drivers send the W3C character list)."""
    text = body.get("text")
    if isinstance(text, str):
        return text
    value = body.get("value")
    return "".join(str(c) for c in value) if isinstance(value, list) else ""


def error(kind: str, message: str) -> dict[str, Any]:
    """A W3C error payload, as the device servers answer."""
    return {"value": {"error": kind, "message": message, "stacktrace": ""}}
