"""A screen map outside a screens/ folder is recognised by its content, in lint and in collection."""

from __future__ import annotations

from pathlib import Path

from harness.cli.lint import lint_paths
from tests.helpers import ROOT, run_pytest


def test_lint_checks_a_screen_map_outside_screens_folder_as_a_screen_map(tmp_path: Path) -> None:
    (tmp_path / "good_map.yaml").write_text((ROOT / "scenarios/netflix/screens/netflix.yaml").read_text())
    (tmp_path / "bad_map.yaml").write_text("screens:\n  a:\n    b: {idd: x}\n")
    count, problems = lint_paths([str(tmp_path)])
    assert count == 2
    assert [(p.line, p.column, p.message) for p in problems] == [
        (3, 9, 'unknown key "idd" (did you mean "id"?)')
    ]


def test_a_screen_map_is_not_collected_as_a_scenario(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").write_text("screens:\n  a:\n    b: {id: x}\n")
    done = run_pytest([str(tmp_path), "--device", "sim-android", "--collect-only", "-q", "-o", "testpaths=",
                       "-p", "no:cacheprovider"], None, timeout=120)
    assert done.code == 5, done.stdout  # no tests collected
    assert "map.yaml::" not in done.stdout
