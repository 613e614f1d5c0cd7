"""The committed JSON Schema files are what `harness schema` exports, and every shipped file validates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from harness.cli import main
from harness.cli.schema import KINDS
from harness.kinds import classify
from harness.scenario.schema import SCHEMA_FILES, with_step_table
from harness.scenario.selectors import SELECTOR_KEYS
from harness.scenario.steps import REGISTRY
from tests.helpers import GOLDEN, GOOD, ROOT, SCENARIOS

SCHEMA_DIR = ROOT / "harness" / "schema"
KIND_TO_SCHEMA = {"scenario": "scenario", "flow": "flow", "screen_map": "screen-map"}
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.M)


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml"))


SHIPPED = yaml_files(SCENARIOS)
VALID_TEST_FILES = yaml_files(GOLDEN) + yaml_files(GOOD)


def schema(kind: str) -> dict:
    return json.loads((SCHEMA_DIR / SCHEMA_FILES[KIND_TO_SCHEMA[kind]]).read_text())


def test_write_all_reproduces_the_committed_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--write-all", str(tmp_path)]) == 0
    written = capsys.readouterr().out.split()
    committed = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))  # every kind, none left out
    assert sorted(Path(p).name for p in written) == committed
    for name in committed:
        assert (tmp_path / name).read_text() == (SCHEMA_DIR / name).read_text(), (
            f"harness/schema/{name} is stale: run `harness schema --write-all harness/schema`"
        )


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_command_prints_each_kind(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--kind", kind]) == 0
    printed = capsys.readouterr().out
    assert printed == (SCHEMA_DIR / KINDS[kind][0]).read_text()
    out = tmp_path / "out.json"
    assert main(["schema", "--kind", kind, "-o", str(out)]) == 0
    assert out.read_text() == printed


@pytest.mark.parametrize("name", list(SCHEMA_FILES.values()))
def test_committed_schemas_are_valid_draft_2020_12(name: str) -> None:
    document = json.loads((SCHEMA_DIR / name).read_text())
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def test_the_shipped_scenarios_are_all_here() -> None:
    kinds = [classify(p) for p in SHIPPED]
    assert kinds.count("scenario") >= 3 and "flow" in kinds and "screen_map" in kinds


@pytest.mark.parametrize("path", SHIPPED + VALID_TEST_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_validates_against_its_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text())
    errors = sorted(Draft202012Validator(schema(classify(path))).iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", SHIPPED + VALID_TEST_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_file_names_its_schema_for_editors(path: Path) -> None:
    text = path.read_text()
    found = SCHEMA_LINE.findall(text)
    assert len(found) == 1, f"{path.name}: needs one `# yaml-language-server: $schema=` line"
    target = (path.parent / found[0]).resolve()
    assert target.is_file(), f"{path.name}: {found[0]} does not exist"
    assert target == (SCHEMA_DIR / SCHEMA_FILES[KIND_TO_SCHEMA[classify(path)]]).resolve()


def test_the_schema_rejects_what_lint_rejects() -> None:
    """Editors and lint agree on the simple cases: unknown step, unknown key, wrong type."""
    validator = Draft202012Validator(schema("scenario"))
    assert validator.is_valid({"name": "x", "steps": ["back", {"tap": "Account", "optional": True}]})
    assert validator.is_valid({"name": "x", "steps": [{"hide_keyboard": None, "optional": True}]})
    assert not validator.is_valid({"name": "x", "steps": ["bak"]})
    assert not validator.is_valid({"name": "x", "steps": [{"tap": "Account", "optinal": True}]})
    assert not validator.is_valid({"name": "x", "severty": "critical", "steps": ["back"]})
    assert not validator.is_valid({"name": 42, "steps": ["back"]})
    assert not validator.is_valid({"name": "x", "steps": [{"repeat": {"times": "three", "steps": ["back"]}}]})
    assert not validator.is_valid({"name": "x", "steps": []})


def test_the_readme_step_table_is_generated_from_the_registry(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text()
    assert with_step_table(readme) == readme, "stale step table: run `harness schema --readme README.md`"
    for kind in REGISTRY:
        assert f"| `{kind}` |" in readme
    stale = tmp_path / "README.md"
    stale.write_text(readme.replace("| `back` | none |", "| `back` | old words |"))
    assert main(["schema", "--readme", str(stale)]) == 0
    assert stale.read_text() == readme


def test_the_readme_names_every_selector_key() -> None:
    section = (ROOT / "README.md").read_text().split("### Selectors", 1)[1].split("###", 1)[0]
    missing = [key for key in SELECTOR_KEYS if f"`{key}`" not in section and f"`{key}:`" not in section]
    assert not missing, f"README's Selectors section does not name {missing}"
