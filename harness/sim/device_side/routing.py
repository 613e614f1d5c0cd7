"""Route tables of the device servers, and the dispatch every device request goes through.

A route is registered with `@ROUTES.add("POST", "/session/:sid/element")`; its handler gets the server,
the path parameters and the JSON body and returns (status, payload). Dispatch journals every request,
fails an unmatched one as not modelled, and keeps failing the session after one (strict.py).
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


def error(kind: str, message: str) -> dict[str, Any]:
    """A W3C error payload, as the device servers answer."""
    return {"value": {"error": kind, "message": message, "stacktrace": ""}}
