"""Tier 4, scale-out: one Selenium Grid 4 hub with two relay nodes for the whole tier.

Node "android" relays to the real Appium 3 server and UiAutomator2 driver in front of a simulated phone
(which gives Appium its udid and systemPort as default capabilities, as a team's Appium per device would);
node "fake" relays to Appium with its fake driver. One slot each. The nodes end sessions idle for 10 s
(Grid's minimum), shorter than a worker stays away from a profile in these tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from harness.devices.appium_server import AppiumServer
from harness.devices.profiles import load_profile
from harness.devices.sim_appium import SimulatedDeviceServer
from tests.grid.grid_processes import Grid, Relay, start_grid
from tests.helpers import NETFLIX_FLOWS as FLOWS
from tests.helpers import NETFLIX_SCREENS as SCREENS
from tests.helpers import Run, run_pytest

PROFILES = Path(__file__).parent / "data" / "profiles"
SESSION_TIMEOUT = 10  # s: the nodes' --session-timeout


@dataclass
class GridSetup:
    grid: Grid
    android: SimulatedDeviceServer
    fake: AppiumServer
    artifacts: Path

    @property
    def url(self) -> str:
        return self.grid.url


@pytest.fixture(scope="session")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GridSetup]:
    out = tmp_path_factory.mktemp("grid")
    artifacts = out / "appium"
    phone_profile = load_profile("appium-sim-android", environ={})
    android = SimulatedDeviceServer(phone_profile, artifacts, "grid-node", default_capabilities=True)
    fake = AppiumServer(artifacts / "appium-fake.log", use_drivers=["fake"])
    try:
        android.start()
        fake.start()
        setup = GridSetup(start_grid(out / "grid", [Relay("android", android.url), Relay("fake", fake.url)],
                                     session_timeout=SESSION_TIMEOUT), android, fake, artifacts)
        print(f"\nSelenium Grid up in {setup.grid.started_in:.1f} s")  # shown with -s: the tier's start-up
        yield setup
        setup.grid.stop()
    finally:
        fake.stop()
        android.stop()


def profile(name: str) -> str:
    return str(PROFILES / f"{name}.yaml")


def write_walk(folder: Path, name: str, *, fake_wait: float = 0) -> Path:
    """A scenario that runs on both nodes' apps: the Netflix sign-in on the simulated phone, a typed e-mail
    on the fake driver's app (each part runs where its first element is on screen). `fake_wait`: seconds the
    fake part then waits (optionally) for an element that never comes, to keep that profile busy."""
    folder.mkdir(parents=True, exist_ok=True)
    screens, flows = os.path.relpath(SCREENS, folder), os.path.relpath(FLOWS, folder)
    wait = (f"  - wait_for: {{id: never_there}}\n    timeout: {fake_wait:g}\n    optional: true\n"
            "    when: {visible: {id: email}}\n") if fake_wait else ""
    path = folder / f"{name}.yaml"
    path.write_text(
        f"name: {name}\nscreens: {screens}\n"
        "env:\n  EMAIL: ${NETFLIX_EMAIL}\n  PASSWORD: ${NETFLIX_PASSWORD:secret}\n"
        "steps:\n"
        f"  - run_flow: {flows}/login.yaml\n    when: {{visible: {{id: login_sign_in}}}}\n"
        f"  - run_flow: {flows}/choose_profile.yaml\n    when: {{not_visible: {{id: email}}}}\n"
        "  - assert_visible: tab_bar.my_netflix\n    when: {not_visible: {id: email}}\n"
        "  - type_text: {text: \"${EMAIL}\", into: {id: email}}\n    when: {visible: {id: email}}\n"
        "  - assert_text: {element: {id: email}, equals: \"${EMAIL}\"}\n    when: {visible: {id: email}}\n"
        f"{wait}"
        "  - screenshot: done\n"
    )
    return path


def run_on_grid(setup: GridSetup, folder: Path, out: Path, devices: list[str], *extra: str,
                timeout: int = 300) -> Run:
    args = [str(folder)]
    for device in devices:
        args += ["--device", profile(device)]
    return run_pytest([*args, *extra], out, env={"HARNESS_GRID_URL": setup.url},
                      timeout=timeout)
