"""App model files: loading, located errors, reference checks, and the committed JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from harness.errors import InvalidInputError
from harness.sim import schema
from harness.sim.flavours.registry import flavour_for
from harness.sim.loader import DEFAULT_APP, load_app_model
from harness.sim.runtime import AppRuntime
from tests.helpers import ROOT


def test_netflix_model_loads_with_the_agreed_identities():
    model = load_app_model()
    assert model.android.package == "com.netflix.mediaclient"
    assert model.ios.bundle_id == "com.netflix.Netflix"
    assert {"login", "profiles", "home", "my_netflix", "menu", "account", "help"} <= set(model.screens)
    assert model.state["signed_in"] is False


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_security_and_privacy_is_below_the_fold(platform):
    model = load_app_model()
    runtime = AppRuntime(
        model, flavour_for(platform), model.faults, {**model.state, "signed_in": True, "session_count": 1}
    )
    runtime.launch()
    runtime.go("account")
    tree = runtime.tree()
    assert tree.content is not None
    viewport = tree.content.rect.h
    header = tree.by_key["account/security_and_privacy"]
    assert not header.visible
    assert header.rect.y - tree.content.rect.y >= 2.5 * viewport  # two and a half screens down
    assert tree.content_height > 2.5 * viewport


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "app.yaml"
    path.write_text(text)
    return path


BASE = """\
name: Tiny
android: {package: com.example.tiny}
ios: {bundle_id: com.example.Tiny}
start: [{screen: main}]
"""


def problems(path: Path) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        load_app_model(path)
    return [str(p) for p in caught.value.problems]


def test_unknown_keys_and_enums_are_located(tmp_path):
    path = write(tmp_path, BASE + "screens:\n  main:\n    elements:\n      - {role: buton, txt: Hi}\n")
    found = problems(path)
    assert f'{path}:8:16: role: expected \'button\', ' in found[0] and 'got "buton"' in found[0]
    assert 'did you mean "button"' in found[0]
    assert found[1].startswith(f'{path}:8:23: unknown key "txt" (did you mean "text"?)')


def test_dangling_references_are_located(tmp_path):
    text = BASE + (
        "screens:\n"
        "  main:\n"
        "    back: mian\n"
        "    elements:\n"
        "      - {id: go, role: button, text: Go, on_tap: [{go: nowhere}, {set: {signed: true}}]}\n"
        "faults: {crash: {screen: main, element: nothing}}\n"
    )
    found = problems(write(tmp_path, text))
    assert any(':7:11: unknown screen "mian" (did you mean "main"?)' in p for p in found)
    assert any('unknown screen "nowhere"' in p for p in found)
    assert any('unknown state variable "signed"' in p for p in found)
    assert any(":10:" in p and 'no element "nothing" on "main"' in p for p in found)


def test_typed_names_an_input_of_its_screen(tmp_path):
    text = BASE + (
        "screens:\n  main:\n    elements:\n"
        "      - {id: pin, role: secure_input}\n"
        "      - {id: ok, role: button, on_tap: [{if: {typed: {pin: '1', pni: x}}, then: [{back: true}]}]}\n"
    )
    (problem,) = problems(write(tmp_path, text))
    assert ':9:70: unknown input "pni" (did you mean "pin"?)' in problem


def test_one_effect_per_action(tmp_path):
    text = BASE + "screens:\n  main:\n    elements:\n      - {id: a, on_tap: [{go: main, back: true}]}\n"
    (problem,) = problems(write(tmp_path, text))
    assert ":8:26: an action has exactly one of" in problem


def test_yaml_problems_come_from_the_shared_loader(tmp_path):
    found = problems(write(tmp_path, BASE + "screens:\n  main: {}\n  main: {}\n"))
    assert any("duplicate key" in p for p in found)
    assert problems(write(tmp_path, "name: [unclosed\n"))[0].startswith(f"{tmp_path / 'app.yaml'}:")


def test_committed_schema_is_in_sync():
    assert schema.SCHEMA_PATH.read_text(encoding="utf-8") == schema.render(), (
        "harness/schema/app-model.schema.json is stale: run `python -m harness.sim.schema`"
    )


def test_netflix_model_validates_against_the_schema():
    data = yaml.safe_load(DEFAULT_APP.read_text(encoding="utf-8"))
    document = json.loads(schema.SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(document)
    validator = jsonschema.Draft202012Validator(document)
    assert [error.message for error in validator.iter_errors(data)] == []
    broken = {**data, "screenz": {}}  # the schema is strict, as the loader is: it would say so
    assert [error.message for error in validator.iter_errors(broken)] == [
        "Additional properties are not allowed ('screenz' was unexpected)"]


def test_the_documented_example_runs(tmp_path):
    from appium import webdriver
    from appium.options.android import UiAutomator2Options
    from appium.webdriver.common.appiumby import AppiumBy

    from harness.sim.server import SimServer

    docs = (ROOT / "docs" / "app-model.md").read_text(encoding="utf-8")
    example = docs.split("## Writing an app model", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "notes.yaml"
    path.write_text(example)
    with SimServer(platform="android", app_model=path) as server:
        options = UiAutomator2Options().set_capability("appPackage", "com.example.notes")
        driver = webdriver.Remote(server.url, options=options)
        try:
            driver.find_element(AppiumBy.ID, "start").click()
            assert driver.find_element(AppiumBy.ID, "android:id/alertTitle").text == "Who are you?"
            driver.execute_script("mobile: acceptAlert", {})
            driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Name").send_keys("Ada")
            driver.find_element(AppiumBy.ID, "start").click()
            driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Groceries")').click()
            assert driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().textContains("eggs")')
            driver.back()
            assert driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Groceries")')
        finally:
            driver.quit()
