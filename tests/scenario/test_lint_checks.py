"""Lint beyond the models, on both platforms: duplicate scenario names, run_flow chains told from the
scenario, one message for a misspelt selector key."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.drivers import APP_PLATFORMS
from harness.errors import InvalidInputError
from harness.scenario.loader import load_scenario
from tests.helpers import write_file

PLATFORMS = APP_PLATFORMS


@pytest.mark.parametrize("platform", PLATFORMS)
def test_duplicate_scenario_names_among_the_files_linted_together(tmp_path: Path, platform: str) -> None:
    for name in ("a", "b", "c"):
        write_file(tmp_path, f"{name}.yaml", f"# {name}\nname: Sign in\nsteps: [back]\n")
    write_file(tmp_path, "d.yaml", "name: Sign out\nsteps: [back]\n")
    _, problems = lint_paths([str(tmp_path)], [platform])

    def others(*names: str) -> str:
        listed = ", ".join(f"{tmp_path}/{n}.yaml:2" for n in names)
        return f'scenario name "Sign in" is also the name of {listed}: names must be unique'

    assert [(Path(p.path).name, p.line, p.column, p.message) for p in problems] == [
        ("a.yaml", 2, 7, others("b", "c")),
        ("b.yaml", 2, 7, others("a", "c")),
        ("c.yaml", 2, 7, others("a", "b")),
    ]
    assert lint_paths([str(tmp_path / "a.yaml"), str(tmp_path / "d.yaml")], [platform])[1] == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_cycle_names_every_file_and_line_from_the_scenario(tmp_path: Path, platform: str) -> None:
    write_file(tmp_path, "flows/a.yaml", "params: {}\nsteps:\n  - back\n  - run_flow: b.yaml\n")
    write_file(tmp_path, "flows/b.yaml", "params: {}\nsteps:\n  - run_flow: c.yaml\n")
    write_file(tmp_path, "flows/c.yaml", "params: {}\nsteps:\n  - run_flow: a.yaml\n")
    one = write_file(tmp_path, "one.yaml", "name: one\nsteps:\n  - back\n  - run_flow: flows/a.yaml\n")
    two = write_file(tmp_path, "two.yaml", "name: two\nsteps:\n  - run_flow: flows/b.yaml\n")
    _, problems = lint_paths([str(one), str(two)], [platform])
    flows = tmp_path / "flows"
    assert [str(p) for p in problems] == [
        f"{one}:4:15: run_flow cycle: {one}:4 -> {flows}/a.yaml:4 -> {flows}/b.yaml:3 -> {flows}/c.yaml:3 "
        f"-> {flows}/a.yaml",
        f"{two}:3:15: run_flow cycle: {two}:3 -> {flows}/b.yaml:3 -> {flows}/c.yaml:3 -> {flows}/a.yaml:4 "
        f"-> {flows}/b.yaml",
    ]


def test_a_flow_that_reaches_a_cycle_only_through_one_caller_is_cached_for_the_others(tmp_path: Path) -> None:
    write_file(tmp_path, "flows/ok.yaml", "params: {}\nsteps: [back]\n")
    write_file(tmp_path, "flows/loop.yaml", "params: {}\nsteps:\n  - run_flow: loop.yaml\n")
    first = write_file(tmp_path, "first.yaml", "name: first\nsteps:\n  - run_flow: flows/loop.yaml\n")
    second = write_file(tmp_path, "second.yaml", "name: second\nsteps:\n  - run_flow: flows/ok.yaml\n")
    _, problems = lint_paths([str(first), str(second)])
    assert [p.path for p in problems] == [str(first)]


@pytest.mark.parametrize("kind", ["tap", "assert_visible", "wait_for", "scroll_to", "long_press"])
def test_a_misspelt_selector_key_gets_only_the_right_suggestion(tmp_path: Path, kind: str) -> None:
    path = write_file(tmp_path, "s.yaml", f"name: s\nsteps:\n  - {kind}: {{txt: Help}}\n")
    with pytest.raises(InvalidInputError) as caught:
        load_scenario(path)
    assert [p.message for p in caught.value.problems] == ['unknown key "txt" (did you mean "text"?)']


def test_a_misspelt_argument_is_still_an_argument(tmp_path: Path) -> None:
    path = write_file(tmp_path, "s.yaml", "name: s\nsteps:\n  - scroll_to: {elemnt: Help, max_swipes: 3}\n")
    with pytest.raises(InvalidInputError) as caught:
        load_scenario(path)
    assert [p.message for p in caught.value.problems] == ['unknown key "elemnt" (did you mean "element"?)']


@pytest.mark.parametrize("platform", PLATFORMS)
def test_misspelt_screen_names_tags_and_regexes_are_errors_on_each_platform(
    tmp_path: Path, platform: str
) -> None:
    write_file(tmp_path, "screens/m.yaml",
          "screens:\n  menu:\n    help: Help\n    account: {text_regex: 'Acc(o'}\n")
    path = write_file(tmp_path, "s.yaml",
                 "name: s\ntags: [flaky]\nscreens: screens/m.yaml\nsteps:\n  - tap: meny.help\n")
    flaky = 'tag "flaky" is a pytest mark with a meaning of its own (it would change how the scenario runs)'
    _, problems = lint_paths([str(path), str(tmp_path / "screens")], [platform])
    assert [(Path(p.path).name, p.line, p.message.split(":")[0]) for p in problems] == [
        ("s.yaml", 2, flaky),
        ("m.yaml", 4, 'invalid regular expression "Acc(o"'),
    ]  # the misspelt name is checked once the screen map is valid
    write_file(tmp_path, "screens/m.yaml", "screens:\n  menu:\n    help: Help\n")
    _, problems = lint_paths([str(path)], [platform])
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (2, f'{flaky}: choose another name, e.g. "flaky_scenario"'),
        (5, '"meny.help" reads as visible text: the screen map has no screen "meny" '
            '(did you mean "menu.help"?)'),
    ]
