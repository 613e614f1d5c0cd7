"""`harness schema [--kind K] [-o FILE] [--write-all DIR]`: JSON Schema of the file kinds, for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    schema = sub.add_parser("schema", help="print the JSON Schema of scenario/flow/screen-map files")
    schema.add_argument("--kind", choices=["scenario", "flow", "screen-map"], default="scenario")
    schema.add_argument("-o", "--output", help="write to this file instead of stdout")
    schema.add_argument("--write-all", metavar="DIR", help="write all three schema files into DIR")
    schema.add_argument("--readme", metavar="FILE", help="regenerate the step table of this README")
    schema.set_defaults(func=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    from harness.scenario.schema import SCHEMA_FILES, schema_for, with_step_table

    if args.readme:
        readme = Path(args.readme)
        readme.write_text(with_step_table(readme.read_text(encoding="utf-8")), encoding="utf-8")
        print(readme)
        return 0
    if args.write_all:
        out = Path(args.write_all)
        out.mkdir(parents=True, exist_ok=True)
        for kind, name in SCHEMA_FILES.items():
            (out / name).write_text(json.dumps(schema_for(kind), indent=2) + "\n")
            print(out / name)
        return 0
    text = json.dumps(schema_for(args.kind), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text)
    else:
        sys.stdout.write(text)
    return 0
