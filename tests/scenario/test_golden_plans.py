"""Golden plans: every step kind on both app platforms and in a browser, as `harness plan` prints them
(JSON and text).

`UPDATE_GOLDEN=1 .venv/bin/pytest tests/scenario` rewrites
tests/data/golden/all_steps.{android,ios,web}.{json,txt} (web: of all_steps_web.yaml); review the diff
against docs/plan-format.md before committing it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.cli import main
from harness.scenario import steps as s
from harness.scenario.loader import load_scenario
from tests.helpers import GOLDEN, ROOT, run_harness

SCENARIO = "tests/data/golden/all_steps.yaml"
WEB_SCENARIO = "tests/data/golden/all_steps_web.yaml"
PLATFORMS = ("android", "ios")
SCENARIOS = {"android": SCENARIO, "ios": SCENARIO, "web": WEB_SCENARIO}
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
ENV_NAMES = ("GOLDEN_EMAIL", "GOLDEN_PASSWORD", "GOLDEN_LINK", "GOLDEN_SITE")


def plan_output(capsys: pytest.CaptureFixture[str], platform: str, *, as_json: bool) -> str:
    args = ["plan", SCENARIOS[platform], "--platform", platform, *(["--json"] if as_json else [])]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def golden_path(platform: str, as_json: bool) -> Path:
    return GOLDEN / f"all_steps.{platform}.{'json' if as_json else 'txt'}"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
@pytest.mark.parametrize("platform", [*PLATFORMS, "web"])
def test_plan_matches_golden(
    capsys: pytest.CaptureFixture[str], clean_env: None, platform: str, as_json: bool
) -> None:
    out = plan_output(capsys, platform, as_json=as_json)
    path = golden_path(platform, as_json)
    if UPDATE:
        path.write_text(out)
    assert path.exists(), f"{path} is missing: run UPDATE_GOLDEN=1 .venv/bin/pytest tests/scenario"
    assert out == path.read_text(), f"{path.name} differs from `harness plan`; UPDATE_GOLDEN=1 rewrites it"


def test_the_command_line_prints_the_golden_json() -> None:
    """The same output from a fresh interpreter, as a user runs it."""
    result = run_harness("plan", SCENARIO, "--platform", "android", "--json", unset=ENV_NAMES)
    assert result.code == 0, result.stderr
    assert result.stdout == golden_path("android", True).read_text()


def test_environment_values_and_defaults_reach_the_plan() -> None:
    result = run_harness(
        "plan", SCENARIO, "--platform", "ios", "--json",
        env={"GOLDEN_EMAIL": "me@example.org", "GOLDEN_LINK": ""}, unset=("GOLDEN_PASSWORD",),
    )
    assert result.code == 0, result.stderr
    plan = json.loads(result.stdout)
    typed = {c["step"]: c["text"] for c in plan if c["op"] == "send_keys"}
    assert typed == {"11": "me@example.org", "12": "***", "13": "Total: $5", "45.1": "me@example.org",
                     "45.2": "***"}
    # a set but empty variable takes the default, as `${NAME:-default}` does in the shell
    links = [c["args"]["url"] for c in plan if c.get("script") == "mobile: deepLink"]
    assert links == ["shop://item/42"]


@pytest.mark.parametrize("platform", [*PLATFORMS, "web"])
def test_secrets_never_reach_the_plan(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    monkeypatch.delenv("GOLDEN_EMAIL", raising=False)
    monkeypatch.delenv("GOLDEN_LINK", raising=False)
    monkeypatch.setenv("GOLDEN_PASSWORD", "hunter2-s3cret")
    for as_json in (True, False):
        out = plan_output(capsys, platform, as_json=as_json)
        assert "hunter2" not in out
        # masked, so the plan is the golden one whatever the secret is
        assert out == golden_path(platform, as_json).read_text()
    plan = json.loads(plan_output(capsys, platform, as_json=True))
    secret_typing = [c for c in plan if c["op"] == "send_keys" and c["text"] == "***"]
    assert [c["step"] for c in secret_typing] == (["12", "45.2"] if platform != "web" else ["12", "32.2"])


# -- what the golden scenario covers ------------------------------------------------------------------


def walk_steps(steps: list[s.Step]) -> Iterator[s.Step]:
    for step in steps:
        yield step
        if isinstance(step, s.Repeat | s.Retry):
            yield from walk_steps(step.steps)
        if isinstance(step, s.RunFlow) and step.flow is not None:
            yield from walk_steps(step.flow.steps)


def golden_steps(path: str = SCENARIO) -> list[s.Step]:
    scenario = load_scenario(path)
    return list(walk_steps(scenario.on_start + scenario.steps + scenario.on_complete))


# the kinds a browser has no form for (their errors: test_what_has_no_form_in_a_browser_is_a_located_error)
NOT_IN_A_BROWSER = {"launch_app", "stop_app", "switch_context"}


def test_the_golden_scenario_uses_every_step_kind_and_option() -> None:
    steps = golden_steps()
    assert {step.kind for step in steps} == set(s.REGISTRY) - {"open_url"}  # a browser's: the web one
    web = {step.kind for step in golden_steps(WEB_SCENARIO)}
    assert web == set(s.REGISTRY) - NOT_IN_A_BROWSER
    assert any(step.optional for step in steps)
    assert any(step.timeout for step in steps)
    assert any(step.label for step in steps)
    assert any(step.when is not None and step.when.visible is not None for step in steps)
    assert any(step.when is not None and step.when.not_visible is not None for step in steps)
    assert any(step.when is not None and step.when.platform == "android" for step in steps)
    variants = {
        "tap point": any(isinstance(t, s.Tap) and t.x is not None for t in steps),
        "type focused": any(isinstance(t, s.TypeText) and t.into is None for t in steps),
        "assert_text": {t.expectation()[0] for t in steps if isinstance(t, s.AssertText)}
        == {"equals", "contains", "matches"},
        "wait_for gone": any(isinstance(t, s.WaitFor) and t.gone for t in steps),
        "swipe on element": any(isinstance(t, s.Swipe) and t.element is not None for t in steps),
        "swipe points": any(isinstance(t, s.Swipe) and t.start is not None for t in steps),
        "keycode": any(isinstance(t, s.PressKey) and t.keycode is not None for t in steps),
        "alert button": any(isinstance(t, s.DismissAlert) and t.button for t in steps),
        "flow params": any(isinstance(t, s.RunFlow) and t.params for t in steps),
        "repeat while": any(isinstance(t, s.Repeat) and t.while_ is not None for t in steps),
        "clear state": any(isinstance(t, s.LaunchApp) and t.clear_state for t in steps),
    }
    assert all(variants.values()), [name for name, ok in variants.items() if not ok]


def test_what_has_no_form_in_a_browser_is_a_located_error(tmp_path: Path) -> None:
    from harness.cli.lint import lint_paths

    path = tmp_path / "s.yaml"
    path.write_text("name: s\nurl: https://example.org/\nsteps:\n  - launch_app\n  - stop_app\n"
                    "  - switch_context: webview\n  - press_key: home\n  - accept_alert: OK\n"
                    "  - press_key: {keycode: 66}\n")
    _, problems = lint_paths([str(path)])
    assert [(p.line, p.message.split(":")[0], p.warning) for p in problems] == [
        (4, "launch_app starts an app", False), (5, "stop_app terminates an app", False),
        (6, "switch_context moves between an app's native screens and its web views", False),
        (7, 'press_key key "home" has no form in a browser (it would leave the page)', False),
        (8, "a page's alert (window.alert / confirm) has no button labels", False),
        (9, "press_key keycode 66 has no form in a browser (it would leave the page)", False),
    ]
    assert all(p.message.endswith("(on web)") for p in problems)


def golden_plan(platform: str) -> list[dict[str, Any]]:
    return json.loads(golden_path(platform, True).read_text())


def documented_ops() -> set[str]:
    text = (ROOT / "docs" / "plan-format.md").read_text()
    return set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))


def test_golden_plans_use_every_documented_op_and_nothing_else() -> None:
    ops = documented_ops()
    assert len(ops) == 19
    used = {c["op"] for platform in (*PLATFORMS, "web") for c in golden_plan(platform)}
    assert used == ops
    web = {c["op"] for c in golden_plan("web")}
    assert web.isdisjoint({"execute", "set_context", "scroll_until_visible"})  # no `mobile:` in a browser


# -- the golden plans against what the drivers document -------------------------------------------------
# Arguments from the UiAutomator2 driver (README, docs/android-mobile-gestures.md) and the XCUITest driver
# (execute-methods reference): name -> (allowed, required). `elementId` comes from `element_arg`.
AREA = {"left", "top", "width", "height"}
GESTURE = ({"elementId", *AREA, "direction", "percent", "speed"}, {"direction", "percent"})
ANDROID_METHODS: dict[str, tuple[set[str], set[str]]] = {
    "mobile: activateApp": ({"appId"}, {"appId"}),
    "mobile: terminateApp": ({"appId", "timeout"}, {"appId"}),
    "mobile: clearApp": ({"appId"}, {"appId"}),
    "mobile: deepLink": ({"url", "package", "waitForLaunch"}, {"url"}),
    "mobile: scrollGesture": GESTURE,
    "mobile: swipeGesture": GESTURE,
    "mobile: longClickGesture": ({"elementId", "x", "y", "duration", "locator"}, set()),
    "mobile: acceptAlert": ({"buttonLabel"}, set()),
    "mobile: dismissAlert": ({"buttonLabel"}, set()),
    "mobile: hideKeyboard": (set(), set()),
    "mobile: pressKey": ({"keycode", "metastate", "flags", "isLongPress"}, {"keycode"}),
}
IOS_METHODS: dict[str, tuple[set[str], set[str]]] = {
    "mobile: launchApp": ({"bundleId", "arguments", "environment"}, {"bundleId"}),
    "mobile: activateApp": ({"bundleId"}, {"bundleId"}),
    "mobile: terminateApp": ({"bundleId"}, {"bundleId"}),
    "mobile: clearApp": ({"bundleId"}, {"bundleId"}),
    "mobile: deepLink": ({"url", "bundleId"}, {"url"}),
    "mobile: swipe": ({"elementId", "direction", "velocity"}, {"direction"}),
    "mobile: scroll": ({"elementId", "name", "direction", "predicateString", "toVisible"}, set()),
    "mobile: touchAndHold": ({"elementId", "duration", "x", "y"}, {"duration"}),
    "mobile: alert": ({"action", "buttonLabel"}, {"action"}),
    "mobile: hideKeyboard": ({"keys"}, set()),
    "mobile: pressButton": ({"name", "durationSeconds"}, {"name"}),
}
STRATEGIES = {
    "android": {"id", "accessibility id", "class name", "xpath", "-android uiautomator"},
    "ios": {"id", "accessibility id", "class name", "xpath", "-ios predicate string", "-ios class chain"},
}


def executes(platform: str) -> Iterator[dict[str, Any]]:
    for command in golden_plan(platform):
        if command["op"] == "execute":
            yield command
        yield from command.get("swipe", [])


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_mobile_method_and_argument_is_one_the_driver_documents(platform: str) -> None:
    methods = ANDROID_METHODS if platform == "android" else IOS_METHODS
    seen = set()
    for command in executes(platform):
        script = command["script"]
        assert script in methods, f"{script} is not a documented {platform} method"
        allowed, required = methods[script]
        given = set(command["args"]) | ({command["element_arg"]} if command["element_arg"] else set())
        assert given <= allowed, f"{script}: {sorted(given - allowed)} not accepted by the driver"
        assert required <= given, f"{script}: {sorted(required - given)} missing"
        args = command["args"]
        if "direction" in args:
            assert args["direction"] in {"up", "down", "left", "right"}
        if "percent" in args:
            assert 0 < args["percent"] <= 1
        if script in ("mobile: scrollGesture", "mobile: swipeGesture"):
            assert command["element_arg"] == "elementId" or set(args) >= AREA, "needs an element or an area"
        seen.add(script)
    unused = {"mobile: scroll", "mobile: activateApp"} if platform == "ios" else set()
    assert seen == set(methods) - unused


def test_durations_are_in_each_drivers_unit() -> None:
    android = [c["args"]["duration"] for c in executes("android") if c["script"].endswith("longClickGesture")]
    ios = [c["args"]["duration"] for c in executes("ios") if c["script"].endswith("touchAndHold")]
    assert android == [1000, 2500]  # milliseconds, whole
    assert all(isinstance(ms, int) for ms in android)
    assert ios == [1.0, 2.5]  # seconds


def test_keys_alerts_and_app_ids() -> None:
    android_keys = [c["args"]["keycode"] for c in executes("android") if c["script"] == "mobile: pressKey"]
    assert android_keys == [66, 66, 3, 24]  # enter, keycode 66, home, volume_up
    ios_buttons = [c["args"]["name"] for c in executes("ios") if c["script"] == "mobile: pressButton"]
    assert ios_buttons == ["home", "volumeup"]
    alerts = [c["args"] for c in executes("ios") if c["script"] == "mobile: alert"]
    assert alerts == [{"action": "accept"}, {"action": "accept", "buttonLabel": "Allow"},
                      {"action": "dismiss"}, {"action": "dismiss", "buttonLabel": "Don't Allow"}]
    app_ids = {c["args"]["appId"] for c in executes("android") if "appId" in c["args"]}
    assert app_ids == {"<shop app id>"}  # no device profile: the app's name where its id would be
    bundle_ids = {c["args"]["bundleId"] for c in executes("ios") if "bundleId" in c["args"]}
    assert bundle_ids == {"<shop app id>"}


WEB_STRATEGIES = {"css selector", "xpath"}  # what chromedriver / Safari's web inspector accept
WEB_STEPS = {"36"}  # between `switch_context: webview` and `switch_context: native`


@pytest.mark.parametrize("platform", PLATFORMS)
def test_locators_use_the_drivers_strategies(platform: str) -> None:
    for command in golden_plan(platform):
        allowed = WEB_STRATEGIES if command["step"] in WEB_STEPS else STRATEGIES[platform]
        for locator in command.get("locators", []):
            assert locator["using"] in allowed, locator
            assert set(locator) <= {"using", "value", "index"}


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_web_view_gets_web_strategies(platform: str) -> None:
    [find] = [c for c in golden_plan(platform) if c["step"] == "36" and c["op"] == "find_element"]
    assert find["locators"] == [
        {"using": "css selector", "value": "a.help"},
        {"using": "xpath", "value": "//body//*[text()[normalize-space(.)='Help']]"},
        {"using": "css selector", "value": "#help"},
    ]
    assert find["title"] == "Tap settings.help_link (css selector)"


def test_android_scroll_to_is_one_uiscrollable_find_unless_the_target_has_no_uiselector() -> None:
    plan = golden_plan("android")
    by_step = {c["step"]: c for c in plan if c["title"].startswith("Scroll to")}
    text_target = by_step["23"]
    assert text_target["op"] == "find_element"
    assert text_target["locators"] == [{
        "using": "-android uiautomator",
        "value": 'new UiScrollable(new UiSelector().scrollable(true).instance(0)).setMaxSearchSwipes(10)'
                 '.scrollIntoView(new UiSelector().text("Legal notices"))',
    }]
    xpath_target = by_step["24"]
    assert xpath_target["op"] == "scroll_until_visible"
    assert xpath_target["max_swipes"] == 4
    assert xpath_target["swipe"] == [{
        "op": "execute", "script": "mobile: scrollGesture",
        "args": {"left": 0, "top": 300, "width": 1080, "height": 1800, "direction": "up", "percent": 0.75},
        "element_arg": None,
    }]


def test_ios_scroll_to_swipes_the_finger_against_the_content_direction() -> None:
    swipes = {c["step"]: c["swipe"][0]["args"]["direction"]
              for c in golden_plan("ios") if c["op"] == "scroll_until_visible"}
    # content below (default down) -> finger up; up -> down; right -> left
    assert swipes == {"23": "up", "24": "down", "25": "left"}


@pytest.mark.parametrize("platform", PLATFORMS)
def test_w3c_actions_follow_the_plan_format(platform: str) -> None:
    actions = [c for c in golden_plan(platform) if c["op"] == "perform_actions"]
    assert len(actions) == 2
    tap, swipe = (a["actions"] for a in actions)
    for sources in (tap, swipe):
        assert len(sources) == 1
        source = sources[0]
        assert source["type"] == "pointer"
        assert source["parameters"] == {"pointerType": "touch"}
        kinds = [a["type"] for a in source["actions"]]
        assert kinds[0] == "pointerMove" and kinds[1] == "pointerDown" and kinds[-1] == "pointerUp"
        first = source["actions"][0]
        assert first["duration"] == 0 and first["origin"] == "viewport"
        assert all(a["button"] == 0 for a in source["actions"] if a["type"] in ("pointerDown", "pointerUp"))
    assert [a["type"] for a in tap[0]["actions"]] == ["pointerMove", "pointerDown", "pause", "pointerUp"]
    assert (tap[0]["actions"][0]["x"], tap[0]["actions"][0]["y"]) == (120, 640)
    move = swipe[0]["actions"][2]
    assert (move["type"], move["duration"], move["x"], move["y"]) == ("pointerMove", 300, 500, 500)


def test_steps_limited_to_a_platform_are_planned_there_only() -> None:
    android = {c["step"] for c in golden_plan("android")}
    ios = {c["step"] for c in golden_plan("ios")}
    assert {"30", "31"} <= android and not {"30", "31"} & ios  # press_key enter / keycode 66
    assert "50" in ios and "50" not in android  # assert_visible when platform is ios
    text = golden_path("ios", False).read_text()
    assert "30. Press key enter  [skipped: only on android]" in text


def test_run_flow_params_defaults_and_caller_variables() -> None:
    plan = golden_plan("android")
    flow = [c for c in plan if c["step"].startswith("45.")]
    assert flow[0]["source"] == "tests/data/golden/flows/sign_in.yaml:9:5"
    assert [c.get("text") for c in flow if c["op"] == "send_keys"] == ["qa@example.com", "***"]
    # the param beats the flow's default GREETING
    assert [c["expect"] for c in flow if c["op"] == "get_text"] == [{"contains": "Hello"}]
    condition = [c for c in plan if c["step"] == "45" and c.get("condition")]
    assert [c["op"] for c in condition] == ["find_elements"]


def test_a_browser_plan_is_w3c_commands_with_web_strategies_only() -> None:
    plan = golden_plan("web")
    for command in plan:
        for locator in command.get("locators", []):
            assert locator["using"] in WEB_STRATEGIES, locator
    navigations = [c["url"] for c in plan if c["op"] == "navigate"]
    assert navigations == [  # clear state (twice), url:, relative, absolute, open_link from the root
        "https://shop.example.com/app/", "https://shop.example.com/app/", "https://shop.example.com/app/",
        "https://shop.example.com/app/account/settings", "https://other.example.org/page",
        "https://shop.example.com/deals"]
    keys = [c["actions"][0]["actions"][0]["value"] for c in plan
            if c["op"] == "perform_actions" and c["actions"][0]["type"] == "key"]
    assert keys == ["\ue007", "\ue004", "\ue003"]  # enter, tab, delete (backspace): WebDriver key values
    assert [c["action"] for c in plan if c["op"] == "alert"] == ["accept", "dismiss"]
    skipped = [c for c in plan if c["step"] == "37"]
    assert skipped == []  # the android-only step has no command in a browser
