"""The device side's hold on the simulated device: one SimServer, used in-process through its public API.

The real driver's session on the device (the UiAutomator2 server's, WebDriverAgent's) is a session of the
simulated device; what the device side receives in the driver's own protocols it turns into the W3C and
`mobile:` calls of `SimServer.handle`, so both ways of reaching the simulated device share one model.
"""

from __future__ import annotations

import threading
from typing import Any

from harness.sim.caps import STANDARD
from harness.sim.server import SimServer

NO_SESSION = (
    404,
    {"value": {"error": "invalid session id", "message": "A session is either terminated or not started"}},
)


class SimError(Exception):
    """The simulated device answered with a W3C error."""

    def __init__(self, status: int, payload: Any):
        self.status = status
        self.payload = payload
        value = payload.get("value") if isinstance(payload, dict) else None
        message = value.get("message") if isinstance(value, dict) else str(payload)
        super().__init__(message)


def with_vendor_prefix(caps: dict[str, Any]) -> dict[str, Any]:
    """Drivers send their processed capabilities bare (`udid`); the simulated device wants `appium:udid`."""
    return {(name if name in STANDARD or ":" in name else f"appium:{name}"): value
            for name, value in caps.items()}


class SimLink:
    """The simulated device and the one session the real driver has open on it (if any)."""

    def __init__(self, sim: SimServer):
        self.sim = sim
        self.session_id: str | None = None
        self.lock = threading.RLock()

    @property
    def model(self) -> Any:
        return self.sim.model

    def create_session(self, caps: dict[str, Any]) -> tuple[int, Any]:
        status, payload = self.sim.handle("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        if status == 200:
            with self.lock:
                self.session_id = payload["value"]["sessionId"]
        return status, payload

    def delete_session(self) -> tuple[int, Any]:
        with self.lock:
            sid, self.session_id = self.session_id, None
        if sid is None:
            return 200, {"value": None}
        return self.sim.handle("DELETE", f"/session/{sid}", None)

    def call(self, method: str, rest: str, body: Any = None) -> tuple[int, Any]:
        """A W3C command of the current session: `rest` is the path after /session/<id>."""
        sid = self.session_id
        if sid is None:
            return NO_SESSION
        return self.sim.handle(method, f"/session/{sid}{rest}", body)

    def execute(self, script: str, args: dict[str, Any] | None = None) -> Any:
        """A `mobile:` method of the current session; its value, or SimError."""
        status, payload = self.call("POST", "/execute/sync", {"script": script, "args": [args or {}]})
        if status != 200:
            raise SimError(status, payload)
        return payload.get("value")

    def app_state(self, app_id_key: str, app_id: str) -> int:
        """`mobile: queryAppState` (1 = not running when no session is open: nothing runs the app)."""
        if self.session_id is None:
            return 1
        return int(self.execute("mobile: queryAppState", {app_id_key: app_id}) or 0)
