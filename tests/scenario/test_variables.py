"""Interpolation: ${VAR}, ${VAR:-default}, ${VAR:secret}, $$, masking, flow variables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.errors import InvalidInputError
from harness.masking import masker
from harness.scenario.loader import load_scenario
from harness.scenario.variables import (
    MASK,
    UndefinedVariable,
    Value,
    env_value,
    flow_variables,
    malformed,
    references,
    scenario_variables,
    substitute,
)
from harness.translate.commands import Command
from harness.translate.context import default_context
from harness.translate.plan import build_plan, masked_variables, plan_json
from tests.helpers import write_file


def test_references_lists_name_default_and_secret_and_skips_dollar_dollar() -> None:
    text = "$${NOT} ${A} ${B:-x y} ${C:secret} ${D:-} $$"
    assert list(references(text)) == [
        ("A", None, False),
        ("B", "x y", False),
        ("C", None, True),
        ("D", "", False),
    ]
    assert list(references("no references, $5, ${1X}, ${A B}")) == []


@pytest.mark.parametrize(
    ("text", "environ", "expected"),
    [
        ("${USER_NAME}", {"USER_NAME": "ann"}, Value("ann")),
        ("${USER_NAME:-bob}", {"USER_NAME": "ann"}, Value("ann")),
        ("${USER_NAME:-bob}", {}, Value("bob")),
        ("${USER_NAME:-}", {}, Value("")),
        ("${USER_NAME:-bob}", {"USER_NAME": ""}, Value("bob")),  # as in the shell: empty takes the default
        ("${USER_NAME}", {"USER_NAME": ""}, Value("")),  # set and empty, no default: empty
        ("${PASS:secret}", {"PASS": "hunter2"}, Value("hunter2", secret=True)),
        ("user=${U} pass=${P:secret}", {"U": "ann", "P": "pw"}, Value("user=ann pass=pw", secret=True)),
        ("costs $$5 and $${NOT_A_VAR}", {}, Value("costs $5 and ${NOT_A_VAR}")),
        ("plain text", {}, Value("plain text")),
        ("${A:-has spaces: and colons}", {}, Value("has spaces: and colons")),
    ],
)
def test_env_value(text: str, environ: dict[str, str], expected: Value) -> None:
    assert env_value(text, environ) == expected


def test_env_value_order_environment_then_fallback_then_default() -> None:
    assert env_value("${X:-default}", {"X": "env"}, {"X": "profile"}).text == "env"
    assert env_value("${X:-default}", {}, {"X": "profile"}).text == "profile"
    assert env_value("${X:-default}", {}, {"X": ""}).text == "default"
    assert env_value("${X}", {}, {"X": "profile"}).text == "profile"


def test_env_value_without_value_or_default_names_the_variable() -> None:
    with pytest.raises(UndefinedVariable) as caught:
        env_value("hello ${FIRST} ${SECOND}", {"SECOND": "2"})
    assert caught.value.name == "FIRST"


def test_substitute_uses_scenario_variables_and_propagates_secrecy() -> None:
    variables = {"EMAIL": Value("qa@example.com"), "PASSWORD": Value("pw", secret=True)}
    assert substitute("${EMAIL}", variables) == Value("qa@example.com")
    assert substitute("${EMAIL}/${PASSWORD}", variables) == Value("qa@example.com/pw", secret=True)
    assert substitute("$$${EMAIL}", variables) == Value("$qa@example.com")
    assert substitute("no dollar", {}) == Value("no dollar")
    with pytest.raises(UndefinedVariable) as caught:
        substitute("${MISSING}", variables)
    assert caught.value.name == "MISSING"


def test_a_masker_replaces_every_secret_longest_first() -> None:
    """The one masking function (the run's registry is built on it; `harness plan` uses it directly)."""
    mask = masker({"pw", "pwd123"})
    assert mask("login pw and pwd123 then pwd123") == f"login {MASK} and {MASK} then {MASK}"
    assert mask('{"value": ["p", "w", "d", "1", "2", "3"]}') == '{"value": [***]}'  # typed as characters
    assert masker({""})("nothing secret") == "nothing secret"
    assert masker(set())("a") == "a"


def test_malformed_references() -> None:
    assert malformed("${EMAIL") == ["${EMAIL"]
    assert malformed("${1X} ${A B} ${OK} $${ESCAPED} ${OK:-x}") == ["${1X}", "${A B}"]
    assert malformed("${NAME:secret} ${NAME:-} $$") == []


def test_scenario_variables_strict_and_lenient() -> None:
    env = {"EMAIL": "${E}", "PASSWORD": "${P:secret}", "COUNT": 3, "ON": True, "OFF": False, "RATE": 1.5}
    with pytest.raises(UndefinedVariable):
        scenario_variables(env, {})
    lenient = scenario_variables(env, {}, strict=False)
    assert lenient == {
        "EMAIL": Value("${E}"),
        "PASSWORD": Value("${P}", secret=True),
        "COUNT": Value("3"),
        "ON": Value("true"),
        "OFF": Value("false"),
        "RATE": Value("1.5"),
    }
    full = scenario_variables(env, {"E": "a@b.c", "P": "pw"})
    assert full["EMAIL"] == Value("a@b.c") and full["PASSWORD"] == Value("pw", secret=True)
    assert masked_variables(full) == {
        "EMAIL": "a@b.c",
        "PASSWORD": "***",
        "COUNT": "3",
        "ON": "true",
        "OFF": "false",
        "RATE": "1.5",
    }


def test_flow_variables_caller_then_defaults_then_params() -> None:
    caller = {"EMAIL": Value("caller@x"), "PASSWORD": Value("pw", secret=True), "LANG": Value("fr")}
    defaults = {"EMAIL": None, "PASSWORD": None, "LANG": "en", "GREETING": "Hi ${EMAIL}", "RETRIES": 2}
    params = {"EMAIL": "${EMAIL}.uk", "SECRET_COPY": "${PASSWORD}"}
    out = flow_variables(caller, defaults, params)
    assert out["EMAIL"] == Value("caller@x.uk")  # a param, computed from the caller's variable
    assert out["PASSWORD"] == Value("pw", secret=True)  # the caller's, untouched
    assert out["LANG"] == Value("fr")  # the caller's variable wins over the flow's default
    assert out["GREETING"] == Value("Hi caller@x")  # a default can use the caller's variables
    assert out["RETRIES"] == Value("2")
    assert out["SECRET_COPY"] == Value("pw", secret=True)  # secrecy follows the value into the flow


def test_secret_typed_text_is_masked_in_plans_but_kept_for_the_runner() -> None:
    command = Command("send_keys", {"text": "pw"}, secret=True)
    assert command.to_json() == {"op": "send_keys", "text": MASK}
    assert command.to_json(mask=False) == {"op": "send_keys", "text": "pw"}
    assert command.describe() == f'send_keys             "{MASK}"'


def test_flow_variables_reach_the_plan_and_secrets_stay_masked(tmp_path: Path) -> None:
    write_file(
        tmp_path,
        "flows/login.yaml",
        (
            "params:\n  USER:\n  PASSWORD:\n  GREETING: Welcome\n"
            "steps:\n  - type_text: {text: '${USER}', into: Email}\n  - type_text: '${PASSWORD}'\n"
            "  - assert_visible: '${GREETING}, ${USER}'\n"
        ),
    )
    scenario = write_file(
        tmp_path,
        "s.yaml",
        (
            "name: s\nenv:\n  PASSWORD: ${T_PASSWORD:secret}\n  ADMIN: ${T_ADMIN:-root}\n"
            "steps:\n  - run_flow: {file: flows/login.yaml, params: {USER: '${ADMIN}'}}\n"
        ),
    )
    loaded = load_scenario(scenario)
    ctx = default_context("android").with_variables(
        scenario_variables(loaded.file.env, {"T_PASSWORD": "s3cret"})
    )
    plan = plan_json(build_plan(loaded, ctx))
    typed = [c["text"] for c in plan if c["op"] == "send_keys"]
    assert typed == ["root", MASK]
    visible = [c["locators"][0]["value"] for c in plan if c["op"] == "find_element"]
    assert visible[-1] == 'new UiSelector().text("Welcome, root")'
    assert "s3cret" not in repr(plan)


def test_lint_checks_variables_per_file(tmp_path: Path) -> None:
    """A scenario sees its env: names; a flow sees its params: (and gets the caller's at run time)."""
    write_file(tmp_path, "flows/f.yaml", "params:\n  A:\nsteps:\n  - type_text: '${A} ${B}'\n")
    scenario = write_file(
        tmp_path,
        "s.yaml",
        (
            "name: s\nenv:\n  A: x\n  EMAIL: y\n"
            "steps:\n  - run_flow: flows/f.yaml\n  - type_text: '${EMIAL}'\n"
        ),
    )
    with pytest.raises(InvalidInputError) as caught:
        load_scenario(scenario)
    assert [(Path(p.path).name, p.line, p.column, p.message) for p in caught.value.problems] == [
        ("f.yaml", 4, 16, "undefined variable ${B}: define it under env: (scenario) or params: (flow)"),
        (
            "s.yaml",
            7,
            16,
            "undefined variable ${EMIAL}: define it under env: (scenario) or params: (flow) "
            '(did you mean "EMAIL"?)',
        ),
    ]


# -- every string field of a step is substituted, in the plan and at run time ---------------------------

EVERYWHERE = (
    "name: s\nenv:\n  SHOT: after-login\n  TITLE: Settings\n  LINK: shop://item/7\n  GREETING: Hello\n"
    "  CTX: WEBVIEW_shop\n  LABEL: Open the menu\n"
    "steps:\n"
    "  - screenshot: '${SHOT}'\n"
    "  - tap: {id: menu, android: {text: '${TITLE}'}, ios: [{accessibility_id: '${TITLE}'}]}\n"
    "    label: '${LABEL}'\n"
    "  - open_link: '${LINK}'\n"
    "  - assert_text: {element: {text_contains: '${TITLE}'}, equals: '${GREETING}, world'}\n"
    "  - wait_for: '${TITLE}'\n"
    "    when: {visible: {text: '${GREETING}'}}\n"
    "  - switch_context: '${CTX}'\n"
)


@pytest.mark.parametrize("strict", [False, True], ids=["plan", "run"])
@pytest.mark.parametrize("platform", ["android", "ios"])
def test_every_string_field_is_substituted(tmp_path: Path, platform: str, strict: bool) -> None:
    from dataclasses import replace

    loaded = load_scenario(write_file(tmp_path, "s.yaml", EVERYWHERE))
    ctx = default_context(platform).with_variables(scenario_variables(loaded.file.env, {}))  # type: ignore[arg-type]
    ctx = replace(ctx, strict_variables=strict)  # strict: the runner's context
    plan = plan_json(build_plan(loaded, ctx))
    text = repr(plan)
    assert "${" not in text
    by_op = {(c["step"], c["op"]): c for c in plan}
    assert by_op[("1", "get_screenshot")]["name"] == "after-login"
    assert by_op[("1", "get_screenshot")]["title"] == "Screenshot after-login"
    tap = by_op[("2", "find_element")]
    assert tap["title"] == "Open the menu"
    assert tap["locators"][0]["value"] == (
        'new UiSelector().text("Settings")' if platform == "android" else "Settings")
    assert by_op[("3", "execute")]["args"]["url"] == "shop://item/7"
    assert by_op[("3", "execute")]["title"] == "Open link shop://item/7"
    assert by_op[("4", "get_text")]["expect"] == {"equals": "Hello, world"}
    assert "Settings" in by_op[("4", "find_element")]["locators"][0]["value"]
    condition = next(c for c in plan if c["step"] == "5" and c.get("condition"))
    assert "Hello" in condition["locators"][0]["value"]
    assert by_op[("5", "find_element")]["title"].startswith("Wait for 'Settings'")
    assert by_op[("6", "set_context")]["name"] == "WEBVIEW_shop"


def test_lint_reports_an_undefined_variable_at_the_line_that_uses_it(tmp_path: Path) -> None:
    from harness.cli.lint import lint_paths

    text = EVERYWHERE.replace("  SHOT: after-login\n", "").replace("  TITLE: Settings\n", "")
    path = write_file(tmp_path, "s.yaml", text)
    _, problems = lint_paths([str(path)])
    lines = text.splitlines()
    where = [(p.line, p.message.split(":")[0]) for p in problems]
    assert where == [
        (8, "undefined variable ${SHOT}"),
        (9, "undefined variable ${TITLE}"), (9, "undefined variable ${TITLE}"),
        (12, "undefined variable ${TITLE}"),
        (13, "undefined variable ${TITLE}"),
    ]
    assert "${SHOT}" in lines[7] and "${TITLE}" in lines[8]


def test_a_secret_label_is_masked_in_the_title(tmp_path: Path) -> None:
    text = "name: s\nenv:\n  PIN: ${T_PIN:secret}\nsteps:\n  - back:\n    label: 'PIN ${PIN}'\n"
    loaded = load_scenario(write_file(tmp_path, "s.yaml", text))
    ctx = default_context("ios").with_variables(scenario_variables(loaded.file.env, {"T_PIN": "90210"}))
    plan = plan_json(build_plan(loaded, ctx))
    assert plan[0]["title"] == "PIN ***"


SECRET_EVERYWHERE = (
    "name: secrets everywhere\nenv:\n  PASSWORD: ${T_PW:secret}\nsteps:\n"
    "  - type_text: '${PASSWORD}'\n"
    "  - assert_text: {element: {text: '${PASSWORD}'}, equals: 'pw is ${PASSWORD}'}\n"
    "  - assert_text: {element: {id: x, android: {text_contains: '${PASSWORD}'}}, matches: '^${PASSWORD}$'}\n"
    "  - open_link: 'https://example.org/reset?token=${PASSWORD}'\n"
    "  - tap: '${PASSWORD}'\n    when: {visible: '${PASSWORD}'}\n    label: 'Tap ${PASSWORD}'\n"
    "  - run_flow: {file: flows/f.yaml, params: {TOKEN: 't-${PASSWORD}'}}\n"
    "  - screenshot: '${PASSWORD}'\n"
)


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_the_plan_masks_every_value_made_from_a_secret(tmp_path: Path, platform: str) -> None:
    from tests.helpers import run_harness

    write_file(tmp_path, "flows/f.yaml",
          "params:\n  TOKEN:\nsteps:\n  - type_text: '${TOKEN}'\n  - assert_visible: {text: '${TOKEN}'}\n")
    path = write_file(tmp_path, "s.yaml", SECRET_EVERYWHERE)
    env = {"T_PW": "hunter2-s3cret"}
    for extra in ((), ("--json",)):
        done = run_harness("plan", str(path), "--platform", platform, *extra, env=env)
        assert done.code == 0, done.stderr
        assert "hunter2" not in done.stdout + done.stderr
        assert done.stdout.count("***") >= 10
    plan = json.loads(run_harness("plan", str(path), "--platform", platform, "--json", env=env).stdout)
    assert [c["args"]["url"] for c in plan if c["op"] == "execute"] == ["https://example.org/reset?token=***"]
    expects = [c["expect"] for c in plan if c["op"] == "get_text"]
    assert expects == [{"equals": "pw is ***"}, {"matches": "^***$"}]
    assert [c["name"] for c in plan if c["op"] == "get_screenshot"] == ["***"]
    assert any("t-***" in str(c.get("locators")) for c in plan)  # a flow parameter made from the secret


def test_a_plan_with_a_profile_masks_what_the_profile_marks_secret(tmp_path: Path) -> None:
    from tests.helpers import run_harness

    profile = write_file(tmp_path, "device_profiles/p.yaml",
                    "platform: android\nserver: {url: 'http://127.0.0.1:4723'}\napps:\n  a: {id: org.a}\n"
                    "screen: {width: 400, height: 800}\nenv:\n  PIN: ${T_PROFILE_PIN:secret}\n"
                    "capabilities:\n  vendor:token: ${T_PROFILE_PIN:secret}\n")
    path = write_file(tmp_path, "s.yaml", "name: s\nenv:\n  PIN: ${PIN}\nsteps:\n  - type_text: '${PIN}'\n")
    done = run_harness("plan", str(path), "--device", str(profile), env={"T_PROFILE_PIN": "4242-secret"})
    assert done.code == 0, done.stderr
    assert "4242-secret" not in done.stdout
    assert 'vendor:token: "***"' in done.stdout and "Variables: PIN=***" in done.stdout
