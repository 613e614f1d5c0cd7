"""One translator of validation errors and one `${VAR}` grammar: the same mistake reads the same in a
scenario, a flow, a screen map, a device profile and an app model."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.devices.profiles import load_profile
from tests.helpers import ROOT

PROFILE = "platform: android\nserver: {start: sim}\nscreen: {width: 1, height: 2}\n"


def lint_one(path: Path) -> list[str]:
    _, problems = lint_paths([str(path)])
    return [f"{p.line}:{p.column}: {p.message}" for p in problems]


def app_model(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = (ROOT / "harness/sim/apps/netflix.yaml").read_text()
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if ln.startswith(old))
    path = tmp_path / "model.yaml"
    path.write_text(text.replace(old, new, 1))
    return path, line


def test_an_unknown_key_reads_the_same_in_every_kind(tmp_path: Path) -> None:
    files = {
        "scenario": ("s.yaml", "name: s\nsteps: [back]\ntagz: [a]\n", "3:1"),
        "flow": ("flows/f.yaml", "params: {}\nsteps: [back]\ntagz: [a]\n", "3:1"),
        "screen map": ("screens/m.yaml", "screens:\n  a:\n    b: {tagz: x}\n", "3:9"),
        "device profile": ("device_profiles/p.yaml", PROFILE + "tagz: [a]\n", "4:1"),
    }
    for kind, (name, text, at) in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        [problem] = lint_one(path)
        shape = rf'{at}: unknown key "tagz"( \(did you mean "\w+"\?\))?'
        assert re.fullmatch(shape, problem), (kind, problem)
    model, line = app_model(tmp_path, "dialogs:", "dialogz:")
    assert lint_one(model) == [f'{line}:1: unknown key "dialogz" (did you mean "dialogs"?)']


def test_a_wrong_choice_reads_the_same_in_every_kind(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\nseverity: critcal\nsteps: [back]\n")
    assert lint_one(scenario) == [
        "2:11: severity: expected 'blocker', 'critical', 'normal', 'minor' or 'trivial', got \"critcal\" "
        '(did you mean "critical"?)']
    profile = tmp_path / "device_profiles" / "p.yaml"
    profile.parent.mkdir()
    profile.write_text(PROFILE.replace("android", "andriod"))
    assert lint_one(profile) == [
        "1:11: platform: expected 'android', 'ios' or 'web', got \"andriod\" (did you mean \"android\"?)"]


def test_a_missing_key_and_a_wrong_type_read_the_same(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: 5\ndescription: x\n")
    assert lint_one(scenario) == ['1:1: missing required key "steps"', "1:7: name: expected text, got 5"]
    profile = tmp_path / "device_profiles" / "p.yaml"
    profile.parent.mkdir()
    profile.write_text("platform: ios\nserver: {start: sim}\nname: 5\n")
    assert lint_one(profile) == ['1:1: missing required key "screen"', "3:7: name: expected text, got 5"]


def test_malformed_references_read_the_same_in_scenarios_and_profiles(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    scenario.write_text("name: s\nenv:\n  A: ${1BAD}\nsteps: [back]\n")
    profile = tmp_path / "device_profiles" / "p.yaml"
    profile.parent.mkdir()
    profile.write_text(PROFILE + "capabilities:\n  avd: ${1BAD}\n")
    [in_scenario] = lint_one(scenario)
    [in_profile] = lint_one(profile)
    assert in_scenario.split(": ", 1)[1] == in_profile.split(": ", 1)[1] == (
        'malformed reference "${1BAD}": write ${NAME}, ${NAME:-default} or ${NAME:secret} '
        "($$ for a literal $)")


def test_profiles_accept_secret_references_and_say_which_values_are_secret(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE + "env:\n  PASSWORD: ${T_PASS:secret}\n  USER: ${T_USER:-qa}\n"
                    "capabilities:\n  vendor:key: 'k-${T_KEY:secret}'\n")
    profile = load_profile(path, environ={"T_PASS": "hunter2-pw", "T_KEY": "abcd1234"})
    assert profile.env == {"PASSWORD": "hunter2-pw", "USER": "qa"}
    assert profile.capabilities["vendor:key"] == "k-abcd1234"
    assert profile.secret_values == frozenset({"hunter2-pw", "abcd1234"})
    unset = lint_one(path)
    assert unset == [
        "5:13: environment variable T_PASS is not set and ${T_PASS} has no default: "
        "export T_PASS=... or write ${T_PASS:-default}",
        "8:18: environment variable T_KEY is not set and ${T_KEY} has no default: "
        "export T_KEY=... or write ${T_KEY:-default}",
    ]


@pytest.mark.parametrize("folder", ["device_profiles", "harness/sim/apps"])
def test_the_shipped_files_of_each_kind_lint_clean(folder: str, tmp_path: Path) -> None:
    copy = tmp_path / folder
    shutil.copytree(ROOT / folder, copy)
    count, problems = lint_paths([str(copy)])
    assert count == len(list((ROOT / folder).glob("*.yaml"))) and problems == []
