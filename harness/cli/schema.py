"""`harness schema [--kind K] [-o FILE] [--write-all DIR]`: JSON Schema of every file kind, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness.kinds import SCHEMA_FILES, FileKind


def _scenario_kind(kind: str) -> Callable[[], str]:
    def render() -> str:
        from harness.scenario.schema import schema_for

        return json.dumps(schema_for(kind), indent=2) + "\n"

    return render


def _device_profile() -> str:
    from harness.devices.schema import render

    return render()


def _app_model() -> str:
    from harness.sim.schema import render

    return render()


def _site_model() -> str:
    from harness.sim.site.model import render_schema

    return render_schema()


# `--kind` name -> (the file kind, its text): the device-profile and app-model schemas come from their
# own layers, each with its own `render()`; the file names are the classifier's (harness/kinds.py).
RENDERERS: dict[str, tuple[FileKind, Callable[[], str]]] = {
    "scenario": ("scenario", _scenario_kind("scenario")),
    "flow": ("flow", _scenario_kind("flow")),
    "screen-map": ("screen_map", _scenario_kind("screen-map")),
    "device-profile": ("device_profile", _device_profile),
    "app-model": ("app_model", _app_model),
    "site-model": ("site_model", _site_model),
}
KINDS: dict[str, tuple[str, Callable[[], str]]] = {
    name: (SCHEMA_FILES[kind], render) for name, (kind, render) in RENDERERS.items()
}


def register(sub: Any) -> None:
    schema = sub.add_parser("schema", help="print the JSON Schema of a file kind (" + ", ".join(KINDS) + ")")
    schema.add_argument("--kind", choices=list(KINDS), default="scenario")
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.add_argument("--write-all", metavar="DIR", help="write the schema file of every kind into DIR")
    schema.add_argument("--readme", metavar="FILE", help="regenerate the step table of this README")
    schema.set_defaults(func=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    if args.readme:
        from harness.scenario.schema import with_step_table

        readme = Path(args.readme)
        readme.write_text(with_step_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print(readme)
        return 0
    if args.write_all:
        out = Path(args.write_all)
        out.mkdir(parents=True, exist_ok=True)
        for name, render in KINDS.values():
            (out / name).write_text(render(), encoding="utf-8")
            print(out / name)
        return 0
    text = KINDS[args.kind][1]()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0
