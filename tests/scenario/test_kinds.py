"""One file classifier for the five kinds, by content with the `$schema` line as a hint; lint checks each
kind against its own model; collection makes test items of scenarios only."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.kinds import KINDS, SCHEMA_FILES, classify, kind_of_text, schema_hint
from tests.helpers import DATA, ROOT, run_harness, run_pytest

SHIPPED = sorted(
    [*ROOT.glob("scenarios/**/*.yaml"), *ROOT.glob("device_profiles/*.yaml"),
     *ROOT.glob("harness/sim/apps/*.yaml"), *ROOT.glob("harness/sim/sites/*/site.yaml"),
     *DATA.glob("golden/**/*.yaml"), *DATA.glob("good/**/*.yaml")]
)


def without_hint(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "yaml-language-server" not in line)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_content_alone_gives_the_kind_the_schema_line_names(path: Path) -> None:
    text = path.read_text()
    hinted = schema_hint(text)
    assert hinted in KINDS, f"{path.name}: no $schema line naming one of {sorted(SCHEMA_FILES.values())}"
    # without the hint, the content (and, for a flow that could be a scenario, its folder) says the same
    assert kind_of_text(without_hint(text), path) == hinted


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("name: A\nsteps: [back]\n", "scenario"),
        ("tags: [smoke]\nname: A\n", "scenario"),  # no steps yet: lint says what is missing
        ("params: {EMAIL: }\nsteps: [back]\n", "flow"),
        ("screens:\n  login:\n    email: {id: e}\n", "screen_map"),
        ("platform: ios\nserver: {start: sim}\nscreen: {width: 1, height: 2}\n", "device_profile"),
        ("name: Shop\nandroid: {package: a}\nscreens: {}\nstart: []\n", "app_model"),
        ("name: Shop\naccount: {email: a, password: b}\npages: {}\n", "site_model"),
        ("name: A\nurl: https://example.org\n", "scenario"),
        ("{name: A, steps: [back]}\n", "scenario"),  # flow style: parsed
        ("name: CI\non: push\njobs: {}\n", None),  # someone else's YAML
        ("- back\n", None),
    ],
)
def test_kind_by_content(text: str, kind: str | None) -> None:
    assert kind_of_text(text, Path("/tmp/x/any.yaml")) == kind


def test_the_schema_line_wins_and_folders_only_break_ties() -> None:
    flowish = "name: A\nsteps: [back]\n"
    assert kind_of_text(flowish, Path("/p/flows/a.yaml")) == "flow"
    assert kind_of_text(flowish, Path("/p/a.yaml")) == "scenario"
    hinted = "# yaml-language-server: $schema=../schema/flow.schema.json\n" + flowish
    assert kind_of_text(hinted, Path("/p/a.yaml")) == "flow"
    assert kind_of_text("anything: 1\n", Path("/p/device_profiles/x.yaml")) == "device_profile"


def test_lint_of_device_profiles_and_app_models_is_clean() -> None:
    result = run_harness("lint", "device_profiles", "harness/sim/apps")
    assert result.code == 0, result.stdout + result.stderr
    files = len([*ROOT.glob("device_profiles/*.yaml"), *ROOT.glob("harness/sim/apps/*.yaml")])
    assert result.stderr.strip() == f"{files} files checked, all valid"


def test_lint_checks_a_profile_and_an_app_model_against_their_own_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiles = tmp_path / "device_profiles"
    profiles.mkdir()
    (profiles / "phone.yaml").write_text(
        "platform: android\nserver: {start: sim}\nscreen: {width: 1, height: 2}\ntimeouts: {stepp: 3}\n"
        "capabilities:\n  avd: ${LINT_TEST_AVD}\n  port: ${LINT_TEST_PORT:-8200}\n"
    )
    shutil.copy(ROOT / "harness/sim/apps/netflix.yaml", tmp_path / "app.yaml")
    text = (tmp_path / "app.yaml").read_text().replace("deep_links:", "deep_linkz:", 1)
    (tmp_path / "app.yaml").write_text(text)
    line = text.splitlines().index("deep_linkz:") + 1
    monkeypatch.delenv("LINT_TEST_AVD", raising=False)
    count, problems = lint_paths([str(tmp_path)])
    assert count == 2
    assert [str(p) for p in problems] == [
        f'{tmp_path}/app.yaml:{line}:1: unknown key "deep_linkz" (did you mean "deep_links"?)',
        f"{tmp_path}/device_profiles/phone.yaml:4:12: unknown key \"stepp\" (did you mean \"step\"?)",
        f"{tmp_path}/device_profiles/phone.yaml:6:8: environment variable LINT_TEST_AVD is not set and "
        "${LINT_TEST_AVD} has no default: export LINT_TEST_AVD=... or write ${LINT_TEST_AVD:-default}",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_lint_refuses_a_fifo_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    done: list[tuple[int, list]] = []
    worker = threading.Thread(target=lambda: done.append(lint_paths([str(fifo)])), daemon=True)
    worker.start()
    worker.join(10)
    if not done:  # unblock the reader before failing
        with open(fifo, "w"):
            pass
    assert done, "lint blocked on a FIFO"
    _count, problems = done[0]
    assert [str(p) for p in problems] == [f"{fifo}:1:1: not a regular file: only regular files are read"]
    assert classify(fifo) is None


def test_collection_makes_items_of_scenarios_only(tmp_path: Path) -> None:
    """`pytest . --device sim-android` from a project's root: profiles, app models, screen maps, flows
    and other people's YAML are not test items."""
    shutil.copytree(ROOT / "scenarios/netflix", tmp_path / "scenarios/netflix")
    shutil.copytree(ROOT / "device_profiles", tmp_path / "device_profiles")
    (tmp_path / "apps").mkdir()
    shutil.copy(ROOT / "harness/sim/apps/netflix.yaml", tmp_path / "apps" / "model.yaml")
    (tmp_path / "ci.yaml").write_text("name: CI\njobs: {}\n")
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options]\naddopts = \"\"\n")
    done = run_pytest([".", "--device", "sim-android", "--collect-only", "-q", "-p", "no:cacheprovider"],
                      None, cwd=tmp_path, timeout=120)
    assert done.code == 0, done.stdout + done.stderr
    items = sorted(line.split("::")[0] for line in done.stdout.splitlines() if "::" in line)
    scenarios = (tmp_path / "scenarios/netflix").glob("*.yaml")
    assert items == sorted(str(p.relative_to(tmp_path)) for p in scenarios)
