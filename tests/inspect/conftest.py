"""Fixtures of the `harness inspect` tests: one session per simulated Kestrel device for the whole run,
put on a screen by running a short scenario through the real runner (the app is reset each time)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.devices.profiles import load_profile
from harness.devices.translation import translate_context
from harness.inspect.inspector import Device, Inspector
from harness.inspect.scenario_run import run_to
from harness.inspect.screen import Screen, inspect_screen
from harness.runner.session import SessionManager
from harness.scenario.loader import load_scenario
from tests.report.conftest import browser, page  # noqa: F401 - the report tests' headless Chromium

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture(scope="session")
def manager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SessionManager]:
    sessions = SessionManager(tmp_path_factory.mktemp("inspect-artifacts"))
    yield sessions
    sessions.close_all()


@pytest.fixture(scope="session")
def profiles() -> dict[str, object]:
    return {name: load_profile(name) for name in DEVICES}


@pytest.fixture(scope="session")
def kestrel_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the Kestrel screen map and flows, where tests write their scenarios."""
    import shutil

    folder = tmp_path_factory.mktemp("kestrel")
    shutil.copytree(KESTREL / "screens", folder / "screens")
    shutil.copytree(KESTREL / "flows", folder / "flows")
    return folder


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


@pytest.fixture(scope="session")
def screens(manager: SessionManager, profiles: dict[str, object], kestrel_copy: Path) -> Screens:
    return Screens(manager, profiles, kestrel_copy)
