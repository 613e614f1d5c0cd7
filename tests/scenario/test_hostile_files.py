"""Hostile files (tests/data/hostile/, plus the ones git cannot hold, made here): each is refused with a
located message, quickly, without a traceback, and reading nothing outside the project.
benchmarks/hostile_files.py prints the exit code, time and peak memory of each."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.scenario.loader import MAX_FLOW_DEPTH
from harness.yamlio import MAX_BYTES, MAX_DEPTH
from tests.helpers import DATA, ROOT, Run, run_harness

HOSTILE = DATA / "hostile"
CHAIN = " -> ".join(["tests/data/hostile/deep_chain.yaml:3"] + [
    f"tests/data/hostile/deep_chain/f{i:03d}.yaml:4" for i in range(1, MAX_FLOW_DEPTH + 1)])
EXPECTED = {
    "deep_chain": f"3:15: run_flow nested more than {MAX_FLOW_DEPTH} deep: {CHAIN} -> "
                  f"tests/data/hostile/deep_chain/f{MAX_FLOW_DEPTH + 1:03d}.yaml",
    "deep_nesting": f"3:929: nested more than {MAX_DEPTH} levels deep; refused",
    "huge_number": "3:21: number with 4301 digits refused: at most 18 (quote it if it is text)",
    "not_utf8": "1:1: file is not UTF-8 (invalid start byte)",
    "nul_byte": "1:8: YAML error: control characters are not allowed (U+0000)",
    "run_flow_absolute": f"3:15: flow file /etc/shadow is outside the project {ROOT}: not read",
    "run_flow_dotdot": "3:15: flow file ../../../../../../../../../../etc/passwd resolves to /etc/passwd, "
                       f"outside the project {ROOT}: not read",
    "screens_absolute": f"2:10: screen map /etc/passwd is outside the project {ROOT}: not read",
}


def test_the_corpus_is_what_the_expectations_cover() -> None:
    assert {p.stem for p in HOSTILE.glob("*.yaml")} == set(EXPECTED)
    assert len(list((HOSTILE / "deep_chain").glob("*.yaml"))) == 200


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_each_hostile_file_is_refused_at_its_place(stem: str) -> None:
    shown = f"tests/data/hostile/{stem}.yaml"
    done = run_harness("lint", shown, timeout=30)
    assert done.code == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout.splitlines() == [f"{shown}:{EXPECTED[stem]}"]
    assert done.stderr.strip() == "1 files checked, 1 problems in 1 files"


def test_plan_refuses_them_too_without_traceback() -> None:
    for stem in ("deep_chain", "huge_number", "run_flow_absolute", "deep_nesting"):
        done = run_harness("plan", f"tests/data/hostile/{stem}.yaml", "--platform", "android", timeout=30)
        assert (done.code, done.stdout) == (1, ""), stem
        assert done.stderr.strip() == f"tests/data/hostile/{stem}.yaml:{EXPECTED[stem]}", stem


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder (its pyproject.toml marks the root) next to a folder outside it."""
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "pyproject.toml").write_text("[project]\nname = 'p'\n")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "flow.yaml").write_text("params: {}\nsteps: [back]  # TOP-SECRET-CONTENT\n")
    return tmp_path / "project"


def lint_elsewhere(folder: Path, *paths: str) -> Run:
    return run_harness("lint", *paths, cwd=folder, timeout=30)


def test_a_symlink_out_of_the_project_is_not_followed(project: Path) -> None:
    (project / "flows").mkdir()
    (project / "flows" / "login.yaml").symlink_to(project.parent / "outside" / "flow.yaml")
    (project / "s.yaml").write_text("name: s\nsteps:\n  - run_flow: flows/login.yaml\n")
    done = lint_elsewhere(project, "s.yaml")
    assert done.code == 1
    assert done.stdout.splitlines() == [
        f"s.yaml:3:15: flow file flows/login.yaml resolves to {project.parent}/outside/flow.yaml, "
        f"outside the project {project}: not read"]
    assert "TOP-SECRET" not in done.stdout + done.stderr


def test_paths_inside_the_project_or_given_on_the_command_line_are_read(project: Path) -> None:
    (project / "suite").mkdir()
    (project / "flows").mkdir()
    (project / "flows" / "f.yaml").write_text("params: {}\nsteps: [back]\n")
    (project / "suite" / "s.yaml").write_text("name: s\nsteps:\n  - run_flow: ../flows/f.yaml\n")
    assert lint_elsewhere(project / "suite", "s.yaml").code == 0  # up to the project root: fine
    (project / "suite" / "t.yaml").write_text("name: t\nsteps:\n  - run_flow: ../../outside/flow.yaml\n")
    assert lint_elsewhere(project, "suite/t.yaml").code == 1
    assert lint_elsewhere(project, "suite/t.yaml", str(project.parent / "outside")).code == 0


def test_a_fifo_and_an_oversized_file_are_refused_without_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    big.write_text("name: big\nsteps: [back]\n# " + "x" * MAX_BYTES + "\n")
    done = run_harness("lint", str(fifo), str(big), timeout=30)
    assert done.code == 1
    assert done.stdout.splitlines() == [
        f"{big}:1:1: file is larger than {MAX_BYTES} bytes",
        f"{fifo}:1:1: not a regular file: only regular files are read",
    ]


def test_one_hostile_file_never_stops_the_others(tmp_path: Path) -> None:
    """Lint of the whole corpus and a good file: every file gets its own answer."""
    good = tmp_path / "good.yaml"
    good.write_text("name: fine\nsteps: [back]\n")
    count, problems = lint_paths([str(HOSTILE), str(good)])
    assert count == len(EXPECTED) + 200 + 1
    assert {Path(p.path).stem for p in problems} >= set(EXPECTED)
    assert str(good) not in {p.path for p in problems}
