"""Tier 3b (the fixture `tier_runs` is in conftest.py): the real Appium 3 server and drivers in front of
the simulated device, against the direct mode.

One pytest run (a subprocess, as a user runs it) takes every scenario folder below through the direct
profiles and their real-driver twins, reusing one Appium server and session per profile; the tests read
its allure-results and device journals. To compare a second app, add one `Folder` line with its
simulated-device profiles: its real-driver profiles are made from them (`twin_profile`) unless given.
A scenario that passes directly and fails through a real driver is listed as a `Difference` of its folder:
the expected difference, checked with its message at its step (test_refusals.py); it runs after the
folder's other scenarios, so that the state its failed step leaves cannot change their outcomes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from harness.devices.profiles import resolve_profile_path
from tests.helpers import ROOT, Run, all_steps

PLATFORMS = ("android", "ios")
NETFLIX_DIRECT = {"android": "sim-android", "ios": "sim-ios"}
NETFLIX_REAL = {"android": "appium-sim-android", "ios": "appium-sim-ios"}
REFUSED = "tests/real_drivers/data/refused"  # scenarios a real driver refuses (test_refusals.py)
COVERAGE = "scenarios/coverage"


@dataclass(frozen=True)
class Difference:
    """A scenario of the folder that passes directly and fails through the real driver of `platform`, at
    the step of `line`, with `message`."""

    file: str  # relative to the folder
    platform: str
    line: int
    message: str


@dataclass(frozen=True)
class Folder:
    path: str  # a scenario folder, relative to the project root
    direct: Mapping[str, str]  # platform -> profile of the simulated device, direct mode
    real: Mapping[str, str] | None = None  # platform -> real-driver profile; None: twins of `direct`
    differences: tuple[Difference, ...] = ()

    def run_paths(self) -> list[str]:
        """What the run is given for this folder: the whole folder, or its scenarios with the ones of a
        difference last."""
        if not self.differences:
            return [self.path]
        last = [f"{self.path}/{d.file}" for d in self.differences]
        scenarios = sorted(str(p.relative_to(ROOT)) for p in (ROOT / self.path).glob("*.yaml"))
        return [p for p in scenarios if p not in last] + sorted(set(last))

    def difference(self, scenario: str, platform: str) -> Difference | None:
        """The expected difference of the scenario named `scenario` on `platform`, if there is one."""
        for difference in self.differences:
            if (scenario_name(self, difference), difference.platform) == (scenario, platform):
                return difference
        return None


def scenario_name(folder: Folder, difference: Difference) -> str:
    return str(yaml.safe_load((ROOT / folder.path / difference.file).read_text())["name"])


KESTREL_DIRECT = {"android": "sim-kestrel-android", "ios": "sim-kestrel-ios"}
# `mobile: clearApp` (XCUITest's mobileClearApp) works on simulators only: the real driver runs the
# simulated iPhone as a real device. Kestrel's first-start scenario needs the consent screen of a fresh
# install, which nothing but clearing the app's data brings back (its wrong-password scenario signs out
# instead).
ONLY_ON_SIMULATORS = Difference("track_a_parcel.yaml", "ios", 14,
                                "This extension is only supported on simulators")
# The simulated device's web views are not reachable through the real drivers (no devtools socket for
# UiAutomator2's chromedriver, no web application behind webinspector): only NATIVE_APP is listed.
NO_WEB_CONTEXT = "no context starting with 'WEBVIEW' within 5s (contexts: NATIVE_APP)"
KESTREL_DIFFERENCES = (
    ONLY_ON_SIMULATORS,
    *(Difference("delivery_terms_page.yaml", platform, 23, NO_WEB_CONTEXT) for platform in PLATFORMS),
)

# coverage first: its transcripts start on a fresh simulated device
FOLDERS = (
    Folder(COVERAGE, NETFLIX_DIRECT, NETFLIX_REAL),
    Folder("scenarios/netflix", NETFLIX_DIRECT, NETFLIX_REAL),
    Folder("scenarios/kestrel", KESTREL_DIRECT, differences=KESTREL_DIFFERENCES),
)


def twin_profile(direct: str, platform: str, folder: Path) -> Path:
    """A real-driver profile for `direct`: appium-sim-<platform>'s server and capabilities, with the
    direct profile's apps, app model, screen, timeouts and env."""
    base = yaml.safe_load((ROOT / "device_profiles" / f"appium-sim-{platform}.yaml").read_text())
    source = resolve_profile_path(direct, cwd=ROOT)
    own = yaml.safe_load(source.read_text())
    twin = {**base, "name": f"appium-{own.get('name', source.stem)}"}
    for key in ("apps", "screen", "timeouts", "env"):
        if key in own:
            twin[key] = own[key]
    for key in ("sim_app_model", "sim_latency_ms"):
        value = (own.get("server") or {}).get(key)
        if key == "sim_app_model" and value and "$" not in str(value):
            value = str((source.parent / value).resolve())
        if value is not None:
            twin["server"][key] = value
    path = folder / f"{twin['name']}.yaml"
    path.write_text(yaml.safe_dump(twin, sort_keys=False))
    return path


@dataclass
class TierRun:
    """The results of one run: outcomes per scenario and profile, and where its journals are."""

    run: Run
    artifacts: Path
    devices: dict[str, str]  # profile given to --device -> the profile's name in the results

    def outcomes(self, folder: str, profile: str) -> dict[str, tuple[str, list[tuple[str, str]]]]:
        """Scenario name -> (status, [(step, status)...]) of the scenarios of `folder` on `profile`."""
        name = self.devices[profile]
        found = {}
        for result in self.run.results():
            labels = {label["name"]: label["value"] for label in result["labels"]}
            if labels.get("parentSuite") == folder and labels.get("suite") == name:
                steps = [(step["name"], step["status"]) for step in all_steps(result)]
                found[result["name"]] = (result["status"], steps)
        return found

    def result(self, folder: str, profile: str, scenario: str) -> dict[str, Any]:
        name = self.devices[profile]
        for result in self.run.results():
            labels = {label["name"]: label["value"] for label in result["labels"]}
            if (labels.get("parentSuite"), labels.get("suite"), result["name"]) == (folder, name, scenario):
                return result
        raise AssertionError(f"no result for {scenario!r} of {folder} on {name}\n{self.run.output[-3000:]}")

    def journal(self, profile: str) -> Path:
        return self.artifacts / f"device-{self.devices[profile]}-main.jsonl"

    def appium_log(self, profile: str) -> Path:
        return self.artifacts / f"appium-{self.devices[profile]}-main.log"


def profile_name(profile: str) -> str:
    path = resolve_profile_path(profile, cwd=ROOT)
    data = yaml.safe_load(path.read_text())
    return str(data.get("name", path.stem))


def real_profile(folder: Folder, platform: str, tier: TierRun) -> str:
    """The --device value of the folder's real-driver profile on `platform`."""
    if folder.real:
        return folder.real[platform]
    twin = f"appium-{tier.devices[folder.direct[platform]]}"
    return next(p for p, name in tier.devices.items() if name == twin)


def dump(value: Any) -> str:
    return json.dumps(value, indent=1)[:6000]
