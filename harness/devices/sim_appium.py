"""Appium 3 and a real driver in front of the simulated device: profiles with `server.device: sim`.

The simulated device plays the device side of the driver (harness.sim.device_side) in this process; the
Appium server runs from node_modules with an environment that points the driver at it (ANDROID_HOME of a
fake SDK, USBMUXD_SOCKET_ADDRESS of a fake usbmuxd), and every session gets the device's capabilities
(udid, systemPort, webDriverAgentUrl). Stopping stops Appium first (its driver cleans the device up),
then the device side. Appium dies with this process even when it is killed outright.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from harness.devices.appium_server import AppiumServer, driver_for
from harness.devices.project import worker_index


class SimulatedDeviceServer:
    """The ServerHandle of a `device: sim` profile: url and log of Appium, capabilities of the device."""

    def __init__(self, profile: Any, log_dir: Path, worker: str, *, default_capabilities: bool = False):
        """`default_capabilities`: Appium gives every session the device's capabilities itself
        (`--default-capabilities`), so a client that does not know them (a Selenium Grid relaying to this
        server) reaches the device too."""
        self.profile = profile
        self.default_capabilities = default_capabilities
        self.log_dir = log_dir
        self.worker = worker
        self.journal_path = log_dir / f"device-{profile.name}-{worker}.jsonl"
        self.side: Any = None
        self.appium: AppiumServer | None = None
        self._workdir: Path | None = None

    @property
    def url(self) -> str:
        assert self.appium is not None, "not started"
        return self.appium.url

    @property
    def log_path(self) -> Path | None:
        return self.appium.log_path if self.appium is not None else None

    @property
    def running(self) -> bool:
        """Appium's process is alive (the device side lives in this process)."""
        return self.appium is not None and self.appium.running

    def restart(self) -> SimulatedDeviceServer:
        """Appium died: start it again in front of the same device side."""
        assert self.appium is not None, "not started"
        self.appium.restart()
        return self

    def sync_log(self) -> None:
        if self.appium is not None:
            self.appium.sync_log()

    @property
    def extra_logs(self) -> list[Path]:
        """Logs besides Appium's that may hold what scenarios sent (the device journal: deep links...)."""
        return [self.journal_path]

    @property
    def device_capabilities(self) -> dict[str, Any]:
        return dict(self.side.capabilities) if self.side is not None else {}

    def start(self) -> SimulatedDeviceServer:
        from harness.sim.device_side.journal import Journal
        from harness.sim.device_side.start import start_device_side
        from harness.sim.server import SimServer

        server = self.profile.server
        sim = SimServer(platform=self.profile.platform, app_model=server.sim_app_model,
                        latency_ms=server.sim_latency_ms)  # used in-process: it listens on no port
        self._workdir = Path(tempfile.mkdtemp(prefix=f"harness-{self.profile.name}-"))
        atexit.register(shutil.rmtree, self._workdir, True)
        self.side = start_device_side(sim, self._workdir, Journal(self.journal_path),
                                      worker_index(self.worker))
        driver = driver_for(self.profile.automation_name)
        args = list(server.appium_args)
        if self.default_capabilities:
            caps = {name if ":" in name else f"appium:{name}": value
                    for name, value in self.side.capabilities.items()}
            args += ["--default-capabilities", json.dumps(caps)]
        self.appium = AppiumServer(
            self.log_dir / f"appium-{self.profile.name}-{self.worker}.log",
            appium_args=args,
            startup_timeout=server.startup_timeout,
            use_drivers=[driver] if driver and "--use-drivers" not in server.appium_args else [],
            env={**os.environ, **self.side.env},
        )
        try:
            self.appium.start()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> bool:
        stopped = self.appium.stop() if self.appium is not None else True
        if self.side is not None:
            self.side.stop()
            self.side.journal.close()
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
        return stopped
