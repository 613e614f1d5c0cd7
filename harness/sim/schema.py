"""JSON Schema of app model files, generated from the pydantic models (editors validate with it).

python -m harness.sim.schema          # rewrite harness/schema/app-model.schema.json
python -m harness.sim.schema --check  # exit 1 when the committed file is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from harness.sim.model import AppModel

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "app-model.schema.json"


def app_model_schema() -> dict[str, Any]:
    schema = AppModel.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/harness/harness/schema/app-model.schema.json",
        "title": "Simulated device app model",
        "description": "An app for the harness's simulated device (docs/app-model.md).",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def render() -> str:
    return json.dumps(app_model_schema(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in argv:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.exists() else ""
        if current != text:
            print(f"{SCHEMA_PATH} is out of date: run python -m harness.sim.schema", file=sys.stderr)
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(SCHEMA_PATH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
