"""Plans and lint for any app, web content after switch_context, screen maps for one platform."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.drivers import APP_PLATFORMS
from tests.helpers import run_harness, write_file

PLATFORMS = APP_PLATFORMS


MYAPP = (
    "name: My app opens\napp: myapp\nsteps:\n  - launch_app: {clear_state: true}\n"
    "  - tap: {id: start}\n  - scroll_to: {id: footer}\n  - open_link: myapp://home\n  - stop_app\n"
)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_plan_works_for_any_app_name_without_a_profile(tmp_path: Path, platform: str) -> None:
    path = write_file(tmp_path, "s.yaml", MYAPP)
    text = run_harness("plan", str(path), "--platform", platform)
    assert text.code == 0, text.stderr
    assert "Traceback" not in text.stderr
    assert "app id: <myapp app id>" in text.stdout.splitlines()[1]
    as_json = run_harness("plan", str(path), "--platform", platform, "--json")
    assert as_json.code == 0, as_json.stderr
    plan = json.loads(as_json.stdout)
    ids = {v for c in plan if c["op"] == "execute"
           for k, v in c["args"].items() if k in ("appId", "bundleId")}
    assert ids == {"<myapp app id>"}
    assert "netflix" not in (text.stdout + as_json.stdout).lower()
    if platform == "android":  # UiScrollable needs the full resource id: the placeholder shows where
        scroll = next(c for c in plan if c["step"] == "3")
        assert 'resourceId("<myapp app id>:id/footer")' in scroll["locators"][0]["value"]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_plan_with_a_profile_uses_its_ids(tmp_path: Path, platform: str) -> None:
    path = write_file(tmp_path, "s.yaml", MYAPP)
    profile = write_file(tmp_path, "device_profiles/mine.yaml",
                    f"platform: {platform}\nserver: {{url: 'http://127.0.0.1:4723'}}\n"
                    "apps:\n  myapp: {id: org.example.my}\nscreen: {width: 400, height: 800}\n")
    done = run_harness("plan", str(path), "--device", str(profile), "--json")
    assert done.code == 0, done.stderr
    ids = {v for c in json.loads(done.stdout) if c["op"] == "execute"
           for k, v in c["args"].items() if k in ("appId", "bundleId")}
    assert ids == {"org.example.my"}


def test_lint_with_a_device_checks_app_names_against_its_profile(tmp_path: Path) -> None:
    path = write_file(tmp_path, "s.yaml", "name: s\napp: netflix\nsteps:\n  - launch_app: {app: shop}\n")
    assert lint_paths([str(path)]) == (1, [])  # any app name without a profile
    _, problems = lint_paths([str(path)], device="sim-android")
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == [
        '4:5: app "shop" is not in the device profile (apps: netflix) (on android)']


# -- web content ---------------------------------------------------------------------------------------

WEB = (
    "name: web\nscreens: screens/m.yaml\nsteps:\n"
    "  - switch_context: webview\n"
    "  - tap: Contact Us\n"                                 # 5
    "  - tap: {id: submit}\n"                               # 6
    "  - assert_text: {element: {css: h1}, equals: Help}\n"  # 7
    "  - tap: help.search\n"                                # 8: the web locator of a mixed element
    "  - tap: {text: Go, ios: {ios_predicate: label == 'x'}}\n"   # 9: native only, on iOS
    "  - run_flow: flows/web.yaml\n"                        # 10: still web inside the flow
    "  - switch_context: native\n"
    "  - tap: {css: a.help}\n"                              # 12: web only, on a native screen
    "  - tap: help.search\n"                                # 13: the native locator
    "  - run_flow: flows/into_web.yaml\n"                   # 14: the flow switches to web
    "  - tap: {text_contains: More}\n"                      # 15: so this is web
)
FLOWS = {
    "flows/web.yaml": "params: {}\nsteps:\n  - tap: {android_uiautomator: 'new UiSelector()'}\n"
                      "    when: {platform: android}\n  - tap: {text: In flow}\n",
    "flows/into_web.yaml": "params: {}\nsteps:\n  - switch_context: WEBVIEW_org.example\n",
    "screens/m.yaml":
        "screens:\n  help:\n    search: [{css: 'input[type=search]'}, {accessibility_id: Search}]\n",
}


def web_project(tmp_path: Path) -> Path:
    for name, text in FLOWS.items():
        write_file(tmp_path, name, text)
    return write_file(tmp_path, "s.yaml", WEB)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_the_plan_uses_web_strategies_after_switch_context(tmp_path: Path, platform: str) -> None:
    path = web_project(tmp_path)
    fixed = path.read_text().replace("  - tap: {text: Go, ios: {ios_predicate: label == 'x'}}\n",
                                     "  - back\n")
    fixed = fixed.replace("  - tap: {css: a.help}\n", "  - back\n")
    path.write_text(fixed.replace("flows/web.yaml", "flows/web_ok.yaml"))
    write_file(tmp_path, "flows/web_ok.yaml", "params: {}\nsteps:\n  - tap: {text: In flow}\n")
    done = run_harness("plan", str(path), "--platform", platform, "--json")
    assert done.code == 0, done.stderr
    finds = {c["step"]: c["locators"] for c in json.loads(done.stdout) if c["op"] == "find_element"}
    assert finds["2"] == [{"using": "xpath", "value": "//body//*[text()[normalize-space(.)='Contact Us']]"}]
    assert finds["3"] == [{"using": "css selector", "value": "#submit"}]
    assert finds["4"] == [{"using": "css selector", "value": "h1"}]
    assert finds["5"] == [{"using": "css selector", "value": "input[type=search]"}]
    assert finds["7.1"] == [{"using": "xpath", "value": "//body//*[text()[normalize-space(.)='In flow']]"}]
    assert finds["10"] == [{"using": "accessibility id", "value": "Search"}]  # native again
    assert finds["12"] == [{"using": "xpath", "value": "//body//*[text()[contains(., 'More')]]"}]
    text = run_harness("plan", str(path), "--platform", platform).stdout
    assert "  2. Tap 'Contact Us' (xpath)" in text


def test_native_only_keys_in_web_content_and_css_on_native_screens_are_lint_errors(tmp_path: Path) -> None:
    path = web_project(tmp_path)
    _, problems = lint_paths([str(path)])
    web_hint = "in a web context use css, xpath, id, text, text_contains"
    native_only = "has no web form (it selects native elements only)"
    css = "css selects web content only: use it after `switch_context: webview`"
    assert [(Path(p.path).name, p.line, p.column, p.message) for p in problems] == [
        ("web.yaml", 3, 5, f"android_uiautomator {native_only}: {web_hint} (on android)"),  # flows/ first
        ("s.yaml", 9, 5, f"ios_predicate {native_only}: {web_hint} (on ios)"),
        ("s.yaml", 12, 5, f"{css} (on android)"),
        ("s.yaml", 12, 5, f"{css} (on ios)"),
    ]
    assert not any(p.warning for p in problems)


# -- a screen map written for one platform -------------------------------------------------------------

ONE_PLATFORM = {
    "screens/m.yaml": "screens:\n  login:\n    sign_in:\n      android: [{id: sign_in}, {text: Sign in}]\n",
    "s.yaml": "name: s\nscreens: screens/m.yaml\nsteps:\n  - tap: login.sign_in\n",
}


def one_platform(tmp_path: Path) -> Path:
    for name, text in ONE_PLATFORM.items():
        write_file(tmp_path, name, text)
    return tmp_path / "s.yaml"


def test_an_element_for_one_platform_loads_and_is_a_warning_for_the_other(tmp_path: Path) -> None:
    from harness.scenario.loader import load_scenario

    path = one_platform(tmp_path)
    assert load_scenario(path).steps  # usable: the run on Android is not broken by the missing iOS form
    warning = (f"4:5: warning: screen element login.sign_in has no ios locator: add `ios:` locators to it "
               f"in {tmp_path}/screens/m.yaml (on ios)")
    for args, expected in [((), [warning]), (("--platform", "ios"), [warning]),
                           (("--platform", "android"), []), (("--device", "sim-ios"), [warning]),
                           (("--device", "sim-android"), [])]:
        done = run_harness("lint", str(path), *args)
        assert done.code == 0, (args, done.stdout, done.stderr)
        assert [line.split(":", 1)[1] for line in done.stdout.splitlines()] == expected, args
        assert done.stderr.strip() == "1 files checked, all valid" + (", 1 warning" if expected else "")


def test_plan_for_the_missing_platform_is_a_located_error(tmp_path: Path) -> None:
    path = one_platform(tmp_path)
    assert run_harness("plan", str(path), "--platform", "android").code == 0
    done = run_harness("plan", str(path), "--platform", "ios")
    assert done.code == 1
    assert done.stderr.strip() == (f"{path}:4:5: screen element login.sign_in has no ios locator: "
                                   f"add `ios:` locators to it in {tmp_path}/screens/m.yaml")
