"""The `mobile:` tables of the flavours against the execute-method maps of the installed real drivers.

Every modelled method takes exactly the driver's required and optional arguments, and every other
method of the driver is listed as real-device-only, so a driver upgrade that adds or changes a
method shows up here.
"""

from __future__ import annotations

import json

import pytest

from harness.sim.flavours.registry import FLAVOURS
from tests.helpers import NODE_MODULES, run_node

DRIVERS = NODE_MODULES
MAPS = {"android": "appium-uiautomator2-driver", "ios": "appium-xcuitest-driver"}
NODE_SCRIPT = """
const [root, pkg] = [process.argv[1], process.argv[2]];
const m = await import(root + '/' + pkg + '/build/lib/execute-method-map.js');
console.log(JSON.stringify(m.executeMethodMap));
"""


@pytest.fixture(scope="module", params=sorted(MAPS))
def pair(request):
    package = MAPS[request.param]
    assert (DRIVERS / package).is_dir(), f"{package} is not installed in node_modules: run `make setup`"
    return FLAVOURS[request.param], json.loads(run_node(NODE_SCRIPT, str(DRIVERS), package, timeout=60))


def test_modelled_methods_take_the_drivers_arguments(pair):
    flavour, real = pair
    differences = []
    for name, method in flavour.catalogue.methods.items():
        assert name in real, f"{name} is not a method of the real {flavour.automation_name} driver"
        params = real[name].get("params", {})
        theirs = (tuple(params.get("required", [])), set(params.get("optional", [])))
        if (method.required, set(method.optional)) != theirs:
            differences.append(f"{name}: {method.required, method.optional} vs {theirs}")
    assert differences == []


def test_every_other_method_of_the_driver_is_named_real_only(pair):
    flavour, real = pair
    catalogue = flavour.catalogue
    assert sorted(real) == catalogue.all_names
    assert not {f"mobile: {n}" for n in catalogue.real_only} & set(catalogue.methods)
