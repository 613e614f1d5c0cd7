"""What the `harness inspect` tests share: the Kestrel app's files and devices, scenarios that bring a
device to a named screen, and `Screens`, which puts a device there through the real runner and looks at
it (the fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from harness.devices.translation import translate_context
from harness.inspect.inspector import Device, Inspector
from harness.inspect.scenario_run import run_to
from harness.inspect.screen import Screen, inspect_screen
from harness.runner.session import SessionManager
from harness.scenario.loader import load_scenario
from tests.helpers import ROOT

KESTREL = ROOT / "scenarios" / "kestrel"
KESTREL_MAP = KESTREL / "screens" / "kestrel.yaml"
DEVICES = ("sim-kestrel-android", "sim-kestrel-ios")
HEADER = "app: kestrel\nenv:\n  EMAIL: ${KESTREL_EMAIL}\n  PASSWORD: ${KESTREL_PASSWORD:secret}\n"

# steps that bring the app to a screen, written against the real Kestrel screen map
TO = {
    "consent": "  - launch_app: {clear_state: true}\n  - assert_visible: consent.title\n",
    "sign_in": "  - launch_app: {clear_state: true}\n  - tap: consent.accept_all\n"
               "  - assert_visible: sign_in.submit\n",
    "parcels": "  - launch_app: {clear_state: true}\n  - run_flow: flows/start.yaml\n"
               "  - assert_visible: parcels.greeting\n",
    "dialog": "  - launch_app: {clear_state: true}\n  - run_flow: flows/start.yaml\n"
              "  - type_text: {text: KP 2044 5120, into: parcels.tracking_number}\n"
              "  - tap: parcels.track\n  - tap: parcel.reschedule\n"
              "  - assert_visible: reschedule_dialog.title\n",
}


def write_kestrel_scenario(folder: Path, name: str, steps: str,
                           screens: str = "screens/kestrel.yaml") -> Path:
    """A Kestrel scenario in `folder` (which holds the screen map and the flows it names)."""
    path = folder / f"{name.replace(' ', '_')}.yaml"
    path.write_text(f"name: {name}\n{HEADER}screens: {screens}\nsteps:\n{steps}", encoding="utf-8")
    return path


class Screens:
    """Puts a device on a named screen (through the runner) and looks at it."""

    def __init__(self, manager: SessionManager, profiles: dict[str, object], folder: Path):
        self.manager = manager
        self.profiles = profiles
        self.folder = folder

    def reach(self, device: str, screen: str) -> None:
        path = write_kestrel_scenario(self.folder, f"to {screen}", TO[screen])
        outcome = run_to(load_scenario(path), self.profiles[device], self.manager, out=None)
        assert outcome.failure is None, outcome.failure

    def look(self, device: str, screen: str) -> Screen:
        self.reach(device, screen)
        profile = self.profiles[device]
        return inspect_screen(self.driver(device), translate_context(profile), device)

    def driver(self, device: str) -> Any:  # an Appium-Python-Client driver
        return self.manager.session_for(self.profiles[device], "kestrel").driver

    def inspector(self, *devices: str, **options: object) -> Inspector:
        """An Inspector over these sessions (closing it is the fixture's job, not the test's)."""
        return Inspector([Device(self.profiles[d], "kestrel") for d in devices], self.manager, **options)
