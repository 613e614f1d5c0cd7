"""JSON Schema of scenario, flow and screen-map files, derived from the models and the step registry.

Editors use it through the `# yaml-language-server: $schema=...` line of each file; a test keeps the
committed files under harness/schema/ in sync with the models.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from harness import kinds
from harness.scenario.model import FlowFile, ScenarioFile, ScreenMapFile
from harness.scenario.step_syntax import docs_table
from harness.scenario.steps import COMMON_OPTIONS, REGISTRY, Step

# the scenario layer's kinds, by their `harness schema --kind` names, and their files (harness/kinds.py)
SCHEMA_FILES = {name: kinds.SCHEMA_FILES[kind] for name, kind in
                (("scenario", "scenario"), ("flow", "flow"), ("screen-map", "screen_map"))}
STEP_LISTS = ("on_start", "steps", "on_complete")


def _model_schema(model: type[BaseModel], defs: dict[str, Any]) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    return schema


def _step_schema(defs: dict[str, Any]) -> dict[str, Any]:
    bare = []
    variants: list[dict[str, Any]] = []
    common_props: dict[str, Any] = {}
    for kind, cls in REGISTRY.items():
        schema = _model_schema(cls, defs)
        props = {k: v for k, v in schema.get("properties", {}).items() if k != "source"}
        for name in COMMON_OPTIONS:
            common_props[name] = props.get(name, {})
        if "steps" in props:
            props["steps"] = {"type": "array", "items": {"$ref": "#/$defs/Step"}, "minItems": 1}
        required = [r for r in schema.get("required", []) if r != "source"]
        args: dict[str, Any] = {
            "type": "object", "properties": props, "additionalProperties": False,
        }
        if required:
            args["required"] = required
        options: list[dict[str, Any]] = [args]
        if cls.primary:
            options.append(props[cls.primary])
        if not required:
            options.append({"type": "null"})
            bare.append(kind)
        variants.append({
            "type": "object",
            "description": (cls.__doc__ or "").strip(),
            "properties": {kind: {"anyOf": options, "description": (cls.__doc__ or "").strip()},
                           **{name: {"$ref": f"#/$defs/StepOption_{name}"} for name in COMMON_OPTIONS}},
            "required": [kind],
            "additionalProperties": False,
        })
    for name, schema in common_props.items():
        defs[f"StepOption_{name}"] = schema
    return {"anyOf": [{"type": "string", "enum": bare}, *variants]}


def schema_for(kind: str) -> dict[str, Any]:
    model = {"scenario": ScenarioFile, "flow": FlowFile, "screen-map": ScreenMapFile}[kind]
    defs: dict[str, Any] = {}
    schema = _model_schema(model, defs)
    if kind != "screen-map":
        defs["Step"] = _step_schema(defs)
        for name in STEP_LISTS:
            if name in schema["properties"]:
                schema["properties"][name]["items"] = {"$ref": "#/$defs/Step"}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://github.com/harness/harness/{SCHEMA_FILES[kind]}"
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


STEP_TABLE_START = (
    "<!-- step table: generated from harness/scenario/steps.py by `harness schema --readme README.md` -->\n"
)
STEP_TABLE_END = "<!-- end of step table -->\n"


def with_step_table(readme: str) -> str:
    """The README text with its step table (between the two markers) generated from the registry."""
    start = readme.index(STEP_TABLE_START) + len(STEP_TABLE_START)
    end = readme.index(STEP_TABLE_END, start)
    return readme[:start] + docs_table() + readme[end:]


__all__ = ["SCHEMA_FILES", "Step", "schema_for", "with_step_table"]
