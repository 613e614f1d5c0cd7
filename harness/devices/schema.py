"""JSON Schema of device profiles, for editors (yaml-language-server) and CI validation.

Generated from the pydantic models, so it cannot drift from what the loader accepts; a test compares the
committed file with a fresh export. Where the model wants a number or a boolean, the schema also accepts
a `${VAR:-default}` string, since profiles are validated by editors before interpolation.

Regenerate with: python -m harness.devices.schema
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from harness.devices.profiles import DeviceProfile
from harness.variables import WHOLE_REFERENCE_PATTERN

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "device-profile.schema.json"
REFERENCE_PATTERN = WHOLE_REFERENCE_PATTERN


def profile_schema() -> dict[str, Any]:
    schema = DeviceProfile.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "Device profile",
        "description": "A device the harness runs scenarios on: platform, server, apps, capabilities "
        "(docs/devices.md).",
    }
    return _allow_references(schema)


def _allow_references(node: Any) -> Any:
    """Let integer/number/boolean fields also hold one `${VAR:-default}` reference."""
    if isinstance(node, dict):
        node = {key: _allow_references(value) for key, value in node.items()}
        if node.get("type") in ("integer", "number", "boolean"):
            typed = {k: node.pop(k) for k in list(node) if k not in ("title", "description", "default")}
            node["anyOf"] = [typed, {"type": "string", "pattern": REFERENCE_PATTERN}]
        return node
    if isinstance(node, list):
        return [_allow_references(item) for item in node]
    return node


def render() -> str:
    return json.dumps(profile_schema(), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--check"]:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.is_file() else ""
        if current != render():
            print(f"{SCHEMA_PATH} is out of date: run python -m harness.devices.schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
