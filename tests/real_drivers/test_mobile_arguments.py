"""The translator never emits a `mobile:` argument the driver would drop: every `mobile:` call of the
golden plans (tests/data/golden/*.json) is checked against the parameter lists of the installed
UiAutomator2 and XCUITest drivers (their execute-method maps, read from node_modules by Node itself).

A real driver ignores an unknown argument with only a log line, so a misspelt or obsolete one would
silently do nothing on a device; the simulated device, direct or behind the driver, cannot catch it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import DATA, NODE_MODULES, ROOT, run_node

GOLDEN = DATA / "golden"
DRIVERS = {"android": "appium-uiautomator2-driver", "ios": "appium-xcuitest-driver"}
READ_MAPS = """
import {pathToFileURL} from 'node:url';
const out = {};
for (const pkg of process.argv.slice(1)) {
  const url = pathToFileURL(`${process.cwd()}/node_modules/${pkg}/build/lib/execute-method-map.js`).href;
  const {executeMethodMap} = await import(url);
  out[pkg] = Object.fromEntries(Object.entries(executeMethodMap).map(([name, spec]) =>
    [name, {required: spec.params?.required ?? [], optional: spec.params?.optional ?? []}]));
}
console.log(JSON.stringify(out));
"""
PLANS = sorted(GOLDEN.glob("*.android.json")) + sorted(GOLDEN.glob("*.ios.json"))


@pytest.fixture(scope="module")
def method_maps() -> dict[str, dict[str, dict[str, list[str]]]]:
    absent = [pkg for pkg in DRIVERS.values() if not (NODE_MODULES / pkg).is_dir()]
    if absent:
        pytest.fail(f"needs the pinned drivers ({', '.join(absent)} missing): run `npm ci` in {ROOT}",
                    pytrace=False)
    return json.loads(run_node(READ_MAPS, *DRIVERS.values()))


def mobile_calls(plan: list[dict[str, Any]]) -> Iterator[tuple[str, str, set[str]]]:
    """(source, script, argument names) of every `mobile:` call, the element argument included."""
    for command in plan:
        nested = command.get("swipe") or []
        for entry in [command, *nested]:
            if entry.get("op") == "execute" and entry["script"].startswith("mobile:"):
                names = set(entry.get("args") or {})
                if entry.get("element_arg"):
                    names.add(entry["element_arg"])
                yield command.get("source", "?"), entry["script"], names


def test_the_maps_are_the_drivers_own(method_maps) -> None:
    android, ios = method_maps[DRIVERS["android"]], method_maps[DRIVERS["ios"]]
    assert android["mobile: swipeGesture"] == {
        "required": ["direction", "percent"],
        "optional": ["elementId", "left", "top", "width", "height", "speed"],
    }
    assert ios["mobile: clearApp"] == {"required": ["bundleId"], "optional": []}
    assert "mobile: swipe" not in android and "mobile: swipeGesture" not in ios


def problems_of(calls: list[tuple[str, str, set[str]]], methods: dict[str, Any], driver: str) -> list[str]:
    problems = []
    for source, script, names in calls:
        spec = methods.get(script)
        if spec is None:
            problems.append(f"{source}: {script} is not an execute method of {driver}")
            continue
        dropped = sorted(names - set(spec["required"]) - set(spec["optional"]))
        missing = sorted(set(spec["required"]) - names)
        if dropped:
            problems.append(f"{source}: {script} would drop {', '.join(dropped)} (takes {spec})")
        if missing:
            problems.append(f"{source}: {script} misses required {', '.join(missing)}")
    return problems


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_every_mobile_call_passes_only_arguments_the_driver_takes(plan: Path, method_maps) -> None:
    platform = plan.name.split(".")[-2]
    calls = list(mobile_calls(json.loads(plan.read_text())))
    assert len(calls) > 10, f"{plan.name} has hardly any mobile: call"
    assert problems_of(calls, method_maps[DRIVERS[platform]], DRIVERS[platform]) == []


def test_an_argument_the_driver_would_drop_is_named(method_maps) -> None:
    plan = [{"op": "execute", "script": "mobile: swipeGesture", "args": {"direction": "up", "percent": 0.5,
             "velocity": 2}, "element_arg": "elementId", "source": "a.yaml:3:5"},
            {"op": "execute", "script": "mobile: swipe", "args": {"direction": "up"}, "source": "a.yaml:4:5"}]
    driver = DRIVERS["android"]
    assert problems_of(list(mobile_calls(plan)), method_maps[driver], driver) == [
        "a.yaml:3:5: mobile: swipeGesture would drop velocity (takes {'required': ['direction', 'percent'], "
        "'optional': ['elementId', 'left', 'top', 'width', 'height', 'speed']})",
        f"a.yaml:4:5: mobile: swipe is not an execute method of {driver}",
    ]
