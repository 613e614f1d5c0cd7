"""The committed JSON Schema of device profiles matches the models, and the shipped profiles satisfy it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from harness.devices import schema
from tests.helpers import ROOT

PROFILES = sorted((ROOT / "device_profiles").glob("*.yaml"))


def test_committed_schema_is_in_sync_with_the_models():
    committed = schema.SCHEMA_PATH.read_text(encoding="utf-8")
    assert committed == schema.render(), "run: python -m harness.devices.schema"
    assert schema.main(["--check"]) == 0


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_shipped_profiles_validate_before_interpolation(path: Path, validator):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../harness/schema/device-profile.schema.json")
    assert list(validator.iter_errors(yaml.safe_load(text))) == []


def test_schema_rejects_what_the_loader_rejects(validator):
    bad = {"platform": "andriod", "server": {"start": "sim"}, "screen": {"width": 1, "height": 1}, "extra": 1}
    messages = sorted(error.message for error in validator.iter_errors(bad))
    assert messages == [
        "'andriod' is not one of ['android', 'ios', 'web']",
        "Additional properties are not allowed ('extra' was unexpected)",
    ]


def test_numbers_may_be_environment_references(validator):
    profile = {
        "platform": "ios",
        "server": {"start": "sim", "sim_latency_ms": "${LAT:-5}"},
        "screen": {"width": "${W:-390}", "height": 844},
    }
    assert list(validator.iter_errors(profile)) == []
    profile["screen"]["height"] = "tall"
    assert [e.message for e in validator.iter_errors(profile)] == [
        "'tall' is not valid under any of the given schemas"
    ]
