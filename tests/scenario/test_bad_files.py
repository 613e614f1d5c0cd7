"""The corpus of bad files: each one gives exactly the errors written at its top, all at once, in order.

Each top-level file of tests/data/bad/ starts with `# expect: LINE:COL: MESSAGE` lines (a problem in this
file) or `# expect: REL/PATH:LINE:COL: MESSAGE` (a problem in a flow or screen map it uses, relative to
tests/data/bad/). flows/ and screens/ hold the files they use.
"""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.errors import InvalidInputError
from harness.scenario.loader import load_scenario
from harness.scenario.steps import REGISTRY
from harness.yamlio import MAX_NODES, load_document
from tests.helpers import BAD, ROOT, run_harness

EXPECT = re.compile(r"^# expect: (.*)$")
HERE = re.compile(r"^(\d+):(\d+): (.+)$")
ELSEWHERE = re.compile(r"^(.+?):(\d+):(\d+): (.+)$")
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<message>\S.*)$")

BAD_FILES = sorted(BAD.glob("*.yaml"))

# What the issue asks the corpus to cover: file stem -> the problem it shows.
REQUIRED = {
    "syntax_error": "YAML syntax error",
    "duplicate_key": "duplicate key",
    "tab_indentation": "tab used for indentation",
    "empty": "file is empty",
    "missing_flow": "flow file not found",
    "missing_screen_map": "screen map not found",
    "unknown_element": 'unknown screen element login.sign_inn in tests/data/bad/screens/app.yaml'
    ' (did you mean "sign_in"?)',
    "undefined_variable": "undefined variable ${PASSWORD}",
    "number_for_string": "name: expected text, got 42",
    "string_for_number": 'times: expected a whole number, got "three"',
    "yaml11_booleans": "is a boolean in YAML 1.1",
    "python_tag": "tag !!python/object:os.system is not allowed",
    "alias_bomb": "alias bomb",
    "unknown_step": '"tapp" (did you mean "tap"?)',
    "misspelt_option": '"optinal" (did you mean "optional"?)',
    "misspelt_header_key": 'unknown key "severty" (did you mean "severity"?)',
    "run_flow_cycle": "run_flow cycle",
    "two_strategies": "a selector takes one strategy key, got text, id",
    "android_only_locator": "android_uiautomator in this selector has no ios form",
    "repeat_without_times": "repeat takes times or while",
    "assert_text_without_expectation": "assert_text takes exactly one of equals, contains, matches",
    "several_problems": "",
    # issue 11: what lint used to call valid
    "misspelt_screen_name": '(did you mean "login.sign_in"?); a dotted text is written {text: ',
    "invalid_regex": "as a Java regex on Android (UiSelector.textMatches) and an ICU regex on iOS",
    "pytest_mark_tags": 'tag "xfail" is a pytest mark with a meaning of its own',
    "misspelt_selector_key": 'unknown key "txt" (did you mean "text"?)',
}


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT))


def expected_problems(path: Path) -> list[str]:
    """The `# expect:` lines of a bad file as full `path:line:col: message` strings."""
    out = []
    for line in path.read_text().splitlines():
        match = EXPECT.match(line)
        if not match:
            continue
        rest = match.group(1)
        here = HERE.match(rest)
        if here:
            out.append(f"{shown(path)}:{rest}")
        else:
            other = ELSEWHERE.match(rest)
            assert other, f"{path.name}: malformed expectation {rest!r}"
            out.append(f"{shown(BAD / other.group(1))}:{other.group(2)}:{other.group(3)}: {other.group(4)}")
    assert out, f"{path.name} has no `# expect:` line"
    return out


def test_the_corpus_covers_every_problem_the_issue_lists() -> None:
    stems = {p.stem for p in BAD_FILES}
    assert set(REQUIRED) <= stems, f"missing bad files: {sorted(set(REQUIRED) - stems)}"
    for stem, words in REQUIRED.items():
        expected = "\n".join(expected_problems(BAD / f"{stem}.yaml"))
        assert words in expected, f"{stem}.yaml is expected to show {words!r}"
    assert len(expected_problems(BAD / "several_problems.yaml")) >= 4


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_lint_gives_exactly_the_expected_problems_in_order(path: Path) -> None:
    count, problems = lint_paths([shown(path)])
    assert count == 1
    assert [str(p) for p in problems] == expected_problems(path)


def translation_problem(problem: str) -> bool:
    """Found when lint translates the scenario for a platform, not when it is loaded."""
    return problem.endswith(("(on android)", "(on ios)"))


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_the_loader_raises_the_same_problems(path: Path) -> None:
    """The loader itself (not only lint) lists every problem of loading, none left for later."""
    expected = [p for p in expected_problems(path) if not translation_problem(p)]
    if not expected:  # only a platform's translation fails: the file loads
        assert load_scenario(shown(path)).steps
        return
    with pytest.raises(InvalidInputError) as caught:
        load_scenario(shown(path))
    assert [str(p) for p in caught.value.problems] == expected
    assert str(caught.value) == "\n".join(expected)


def test_translation_problems_are_all_reported_with_their_platform() -> None:
    """Every step that has no form on a platform is reported (not only the first), with the platform."""
    assert expected_problems(BAD / "no_ios_form.yaml") == [
        'tests/data/bad/flows/press_enter.yaml:3:5: press_key key "enter" has no iOS form: '
        "iOS has home, volume_up, volume_down (on ios)",
        "tests/data/bad/no_ios_form.yaml:6:5: press_key keycode 66 has no iOS form: "
        "iOS has home, volume_up, volume_down (on ios)",
    ]
    plan = run_harness("plan", "tests/data/bad/no_ios_form.yaml", "--platform", "ios")
    assert plan.code == 1
    assert plan.stderr.splitlines() == [
        'tests/data/bad/flows/press_enter.yaml:3:5: press_key key "enter" has no iOS form: '
        "iOS has home, volume_up, volume_down"
    ]
    assert run_harness("plan", "tests/data/bad/no_ios_form.yaml", "--platform", "android").code == 0


@pytest.mark.parametrize(
    "stem",
    ["syntax_error", "tab_indentation", "empty", "alias_bomb", "python_tag", "yaml11_booleans",
     "run_flow_cycle", "several_problems", "missing_flow", "no_ios_form"],
)
def test_harness_lint_command_prints_one_line_per_problem(stem: str) -> None:
    path = BAD / f"{stem}.yaml"
    result = run_harness("lint", shown(path))
    assert result.code == 1, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines == expected_problems(path)
    for line in lines:
        assert PROBLEM_LINE.match(line), line
    files = len({line.split(":", 1)[0] for line in lines})
    assert result.stderr.strip() == f"1 files checked, {len(lines)} problems in {files} files"


def test_lint_of_the_whole_bad_folder_reports_every_file() -> None:
    result = run_harness("lint", "-q", "tests/data/bad")
    assert result.code == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(PROBLEM_LINE.match(line) for line in lines), lines
    assert lines == sorted(lines, key=_sort_key)
    for path in BAD_FILES:
        for problem in expected_problems(path):
            assert problem in lines, f"{problem} missing from the folder lint"
    # the flows are linted on their own too: the cycle is told from each file that starts it
    assert "tests/data/bad/flows/cycle_a.yaml:3:15: run_flow cycle: tests/data/bad/flows/cycle_a.yaml:3 -> " \
        "tests/data/bad/flows/cycle_b.yaml:4 -> tests/data/bad/flows/cycle_a.yaml" in lines
    assert "tests/data/bad/flows/cycle_b.yaml:4:15: run_flow cycle: tests/data/bad/flows/cycle_b.yaml:4 -> " \
        "tests/data/bad/flows/cycle_a.yaml:3 -> tests/data/bad/flows/cycle_b.yaml" in lines
    # and the shared, valid files add nothing
    assert not any("/ok.yaml" in line or "/app.yaml:" in line for line in lines)


def _sort_key(line: str) -> tuple[str, int, int, str]:
    match = PROBLEM_LINE.match(line)
    assert match
    return match["path"], int(match["line"]), int(match["col"]), match["message"]


def test_alias_bomb_is_refused_without_expanding(tmp_path: Path) -> None:
    """Nine levels of nine aliases would expand to 387 million strings; the loader stops at MAX_NODES."""
    tracemalloc.start()
    try:
        with pytest.raises(InvalidInputError) as caught:
            load_document(BAD / "alias_bomb.yaml", display_path="bomb.yaml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.message for p in caught.value.problems] == [
        f"document expands to more than {MAX_NODES} nodes (alias bomb?); refused"
    ]
    assert peak < 64 * 1024 * 1024, f"peak memory {peak / 1e6:.0f} MB"


def test_a_tag_anywhere_is_refused_and_nothing_else_is_said_about_that_value(tmp_path: Path) -> None:
    path = tmp_path / "tags.yaml"
    path.write_text(
        "name: !!python/object/apply:os.system [echo]\n"
        "severity: !!binary aGk=\n"
        "steps: !!python/name:os.system\n"
    )
    with pytest.raises(InvalidInputError) as caught:
        load_scenario(path)
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (1, 7, "tag !!python/object/apply:os.system is not allowed: only plain YAML data is accepted"),
        (2, 11, "tag !!binary is not allowed: only plain YAML data is accepted"),
        (3, 8, "tag !!python/name:os.system is not allowed: only plain YAML data is accepted"),
    ]


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        # a union with no fitting branch says what the value may be, even next to other problems
        ("name: x\ntags: smoke\nenv:\n  A: [1]\nsteps: [back]\n",
         ["2:7: tags: expected a list, got \"smoke\"",
          "4:6: A: expected text, a number or true/false, got a list"]),
        ("name: x\nenv:\n  A:\nsteps: [back]\n",
         ["3:5: A: expected text, a number or true/false, got nothing (null)"]),
        ("name: x\nsteps:\n  - tap: {id: a, android: 5}\n",
         ["3:27: android: expected a selector mapping or a list, got 5"]),
        ("name: x\nsteps:\n  - tap: {element: a}\n    when: {visible: true}\n",
         ["4:21: visible: expected text or a selector mapping, got true"]),
        ("name: x\nsteps:\n  - tap:\n  - tap: {x: 1, y: 2, element: a}\n",
         ["3:9: tap needs an element or a point {x, y}",
          "4:10: tap takes an element or a point {x, y}, not both"]),
        ("name: x\nsteps:\n  - swipe: {from: [1, 2]}\n  - swipe: sideways\n",
         ["3:12: a swipe between points needs both from and to",
          "4:12: direction: expected 'up', 'down', 'left' or 'right', got \"sideways\""]),
        ("name: x\nsteps:\n  - press_key: entr\n  - tap: a\n    timeout: soon\n",
         ["3:16: key: expected 'app_switch', 'back', 'delete', 'enter', 'home', 'menu', 'power', 'search', "
          "'tab', 'volume_down' or 'volume_up', got \"entr\" (did you mean \"enter\"?)",
          "5:14: timeout: expected a number, got \"soon\""]),
        ("name: x\nsteps:\n  - tap: a\n    tap: b\n  - timeout: 3\n",
         ["4:5: duplicate key \"tap\" (first defined on line 3)",
          "5:5: step has no kind: expected one of " + ", ".join(REGISTRY)]),
        ("name: x\nsteps:\n  - repeat: {times: 2, steps: [bakc]}\n  - type_text: 123\n",
         ["3:32: unknown step \"bakc\" (did you mean \"back\"?)",
          "4:16: text: expected text, got 123"]),
        ("- back\n", ["1:1: expected a mapping at the top of the file, got list"]),
    ],
    ids=["union-next-to-other-problem", "env-null", "override-number", "condition-bool", "tap-neither-both",
         "swipe", "literal-and-number", "two-kinds-no-kind", "nested-and-text", "top-level-list"],
)
def test_more_messages(tmp_path: Path, yaml_text: str, expected: list[str]) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml_text)
    _, problems = lint_paths([str(path)])
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == expected
    assert {p.path for p in problems} == {str(path)}


def test_screen_map_problems_suggest_selector_keys(tmp_path: Path) -> None:
    screens = tmp_path / "screens"
    screens.mkdir()
    (screens / "app.yaml").write_text(
        "screens:\n  login:\n    email: {idd: email}\n"
        "    ok: {android: {txt: OK}, ios: {text: OK}}\n  menu: 5\n"
    )
    _, problems = lint_paths([str(screens / "app.yaml")])
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == [
        '3:13: unknown key "idd" (did you mean "id"?)',
        '4:20: unknown key "txt" (did you mean "text"?)',
        "5:9: menu: expected a mapping, got 5",
    ]


def test_lint_of_a_missing_path_and_of_nothing(tmp_path: Path) -> None:
    missing = run_harness("lint", "tests/data/bad/no_such_file.yaml")
    assert missing.code == 1
    assert missing.stdout.splitlines() == ["tests/data/bad/no_such_file.yaml:1:1: file not found"]
    nothing = run_harness("lint", str(tmp_path))
    assert nothing.code == 1, "a lint that checked no file must not pass"
    assert nothing.stdout == ""
    assert "Traceback" not in nothing.stderr
