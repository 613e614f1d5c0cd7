"""Strict by design: what the device side does not model fails the driver session, naming it.

A driver upgrade that needs a new adb command or device request must be a clear failure, not a silent
pass. A driver tolerates some failures (a failed `settings put` only logs a warning), so failing that one
request is not enough: the first unmodelled request is kept, and every later request of the device
server fails with the same message until the driver deletes its session.
"""

from __future__ import annotations

import threading

# where a contributor models the request, by layer
WHERE = {
    "adb": "harness/sim/device_side/android/adb.py",
    "adb shell": "harness/sim/device_side/android/shell.py",
    "uia2": "harness/sim/device_side/android/uia2.py",
    "wda": "harness/sim/device_side/ios/wda.py",
    "usbmux": "harness/sim/device_side/ios/usbmux.py",
    "lockdown": "harness/sim/device_side/ios/lockdown.py",
    "installation_proxy": "harness/sim/device_side/ios/services.py",
}
PREFIX = "harness simulated device"


class NotModelled(Exception):
    """A request of the real driver that the simulated device does not answer."""

    def __init__(self, layer: str, request: str, why: str = ""):
        self.layer = layer
        self.request = request
        where = WHERE.get(layer, "harness/sim/device_side/")
        reason = f" ({why})" if why else ""
        super().__init__(
            f"{PREFIX}: {layer} request not modelled: {request!r}{reason}. The driver asked for something "
            f"the device side does not answer: model it in {where}"
        )


class Strictness:
    """Remembers the first unmodelled request of the current driver session."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._first: NotModelled | None = None

    def failed(self, error: NotModelled) -> None:
        with self._lock:
            if self._first is None:
                self._first = error

    @property
    def first(self) -> NotModelled | None:
        with self._lock:
            return self._first

    def check(self) -> None:
        """Raise the first unmodelled request again (every device-server request calls this)."""
        first = self.first
        if first is not None:
            raise NotModelled(first.layer, first.request, "met earlier in this session")

    def clear(self) -> None:
        """The driver deleted its session: the next one starts clean."""
        with self._lock:
            self._first = None
