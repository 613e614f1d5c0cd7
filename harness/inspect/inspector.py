"""The devices one `harness inspect` looks at, through the sessions the runner uses.

Sessions come from the runner's SessionManager, which starts what each device profile asks for with
devices/servers.py (the simulated device, Appium in front of it or of an emulator / simulator, a grid or
any server named by `url:`) and builds the capabilities with devices/capabilities.py: what inspect sees is
what a scenario run sees.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.devices.translation import translate_context
from harness.inspect.check import MapCheck, check_screen_map
from harness.inspect.fragment import Fragment, build_fragment
from harness.inspect.screen import Screen, inspect_screen
from harness.runner.session import SessionManager
from harness.scenario.model import ScreenMap
from harness.translate.context import TranslateContext


@dataclass
class Device:
    profile: Any  # harness.devices.profiles.DeviceProfile
    app: str | None

    @property
    def name(self) -> str:
        return str(self.profile.name)

    def context(self) -> TranslateContext:
        app = self.app if self.app in self.profile.apps else None
        return translate_context(self.profile, app)


@dataclass
class Inspector:
    devices: list[Device]
    manager: SessionManager
    screen_name: str | None = None
    screen_map: ScreenMap | None = None
    everything: bool = False
    strict: bool = False
    screens: list[Screen] = field(default_factory=list)

    @classmethod
    def open(cls, profiles: list[Any], artifacts: Path, app: str | None = None, **options: Any) -> Inspector:
        return cls([Device(p, app) for p in profiles], SessionManager(artifacts), **options)

    def driver(self, device: Device) -> Any:
        """The live session of the device (made on first use, and again after a loss)."""
        return self.manager.session_for(device.profile, device.app).driver

    def launch(self, device: Device) -> None:
        """Start the device's app as a scenario's `launch_app` does (terminate, activate, wait for it to be
        in the foreground), through the runner."""
        from harness.runner.engine import RunSettings, ScenarioRunner
        from harness.runner.executor import Executor
        from harness.scenario.steps import LaunchApp

        session = self.manager.session_for(device.profile, device.app)
        executor = Executor(session.driver, session.log, server_url=session.server_url,
                            server_alive=session.server_alive)
        ctx = device.context()
        ScenarioRunner(executor, ctx, RunSettings(step_timeout=device.profile.timeouts.step)).run_step(
            LaunchApp(), ctx)

    def look(self) -> list[Screen]:
        """Read every device's screen now."""
        self.screens = [inspect_screen(self.driver(d), d.context(), d.name, everything=self.everything)
                        for d in self.devices]
        return self.screens

    def fragment(self) -> Fragment:
        return build_fragment(self.screens or self.look(), self.screen_name)

    def check(self) -> list[MapCheck]:
        if self.screen_map is None:
            raise ValueError("no screen map to check: give --check SCREEN_MAP")
        screens = self.screens or self.look()
        return [check_screen_map(self.screen_map, screen, device.context(), only=self.screen_name,
                                 strict=self.strict)
                for device, screen in zip(self.devices, screens, strict=True)]

    def screenshot(self, device: Device) -> str:
        """The device's screenshot as a data: URL (PNG)."""
        png = self.driver(device).get_screenshot_as_png()
        return "data:image/png;base64," + base64.b64encode(png).decode("ascii")

    def close(self) -> None:
        self.manager.close_all()
