"""`harness run` starts with a clean results folder: only files that are Allure's own by name and content
go; a user's files stay, however close their names, and the run says how many it left."""

from __future__ import annotations

import json
from pathlib import Path

from harness.pytest_plugin.results_folder import clean_results, is_allure_file

UUID = "6f1c2d3e-0a1b-4c2d-8e3f-405162738495"


def test_only_allure_files_are_removed(tmp_path: Path) -> None:
    allure = {
        f"{UUID}-result.json": json.dumps({"uuid": "a", "name": "old", "status": "passed"}),
        f"{UUID.replace('6f', '7a')}-container.json": json.dumps({"uuid": "b", "children": []}),
        f"{UUID.replace('6f', '8b')}-attachment.png": "pixels",
        f"{UUID.replace('6f', '9c')}-attachment.txt": "log",
        f"{UUID.replace('6f', 'ad')}-result.json.tmp": "{half",
        "environment.properties": "platform=android\nharness=0.1\n",
        "categories.json": json.dumps([{"name": "Timeout", "matchedStatuses": ["failed"]}]),
        "executor.json": json.dumps({"name": "GitHub Actions", "type": "github"}),
        ".harness-run-0123abcd.tmp": "",
    }
    mine = {
        "notes.tmp": "my notes",
        "x-attachment.txt": "mine",
        "my-result.json": json.dumps({"uuid": "mine"}),
        f"{UUID.replace('6f', 'be')}-result.json": "not json at all",  # an Allure name, not its content
        "categories.json.bak": "[]",
        "environment.properties.txt": "a=b",
    }
    for name, text in {**allure, **mine}.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "sub").mkdir()
    assert clean_results(tmp_path) == (len(allure), len(mine))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*mine, "sub"])


def test_a_json_that_is_not_a_result_is_kept(tmp_path: Path) -> None:
    path = tmp_path / f"{UUID}-result.json"
    path.write_text(json.dumps(["a", "list"]))
    assert not is_allure_file(path)
    (tmp_path / "environment.properties").write_text("this is my own prose\n")
    assert not is_allure_file(tmp_path / "environment.properties")
    assert clean_results(tmp_path / "none") == (0, 0)
