"""The server a device profile's sessions go to: one it names (`url:`), or one the harness starts.

Each pytest-xdist worker calls `start_server_for` once and gets its own server (see docs/devices.md, "One
server per worker"); log files are named after the profile and the worker so that parallel logs never mix.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from harness.devices.appium_server import AppiumServer, ExposureWarning, ServerHandle, driver_for
from harness.devices.project import worker_id


class RunningServer:
    """A server someone else started (profile `server.url`): nothing to start or stop. Credentials are
    kept apart from the URL, for the client's auth configuration only."""

    def __init__(self, url: str, log_path: Path | None = None,
                 credentials: tuple[str | None, str | None] = (None, None)):
        from harness.devices.server_config import split_credentials

        public, username, password = split_credentials(url)
        self.url = public
        self.credentials = credentials if username is None and password is None else (username, password)
        self.log_path = log_path

    def stop(self) -> bool:
        return True


def device_capabilities(server: ServerHandle) -> dict[str, Any]:
    """What sessions need to reach the server's device (a simulated device's udid and ports), if any."""
    return dict(getattr(server, "device_capabilities", None) or {})


def start_server_for(
    profile: Any, log_dir: str | os.PathLike[str], worker: str | None = None
) -> ServerHandle:
    """Start what `profile.server` asks for (simulated device, Appium) or point at its running server."""
    server = profile.server
    if server.url:
        return RunningServer(server.url, Path(server.log) if server.log else None, server.credentials)
    if server.device == "sim":
        from harness.devices.sim_appium import SimulatedDeviceServer

        return SimulatedDeviceServer(profile, Path(log_dir), worker or worker_id()).start()
    if server.start == "sim":
        from harness.sim.server import SimServer

        sim: ServerHandle = SimServer(
            platform=profile.platform, app_model=server.sim_app_model, latency_ms=server.sim_latency_ms
        ).start()
        return sim
    for warning in server.exposure_warnings():
        warnings.warn(ExposureWarning(f"device profile {profile.name!r}: {warning}"), stacklevel=2)
    log_path = Path(log_dir) / f"appium-{profile.name}-{worker or worker_id()}.log"
    driver = driver_for(profile.automation_name)
    return AppiumServer(
        log_path,
        appium_args=server.appium_args,
        startup_timeout=server.startup_timeout,
        use_drivers=[driver] if driver and "--use-drivers" not in server.appium_args else [],
    ).start()
