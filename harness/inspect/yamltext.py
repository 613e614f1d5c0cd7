"""Selectors written as a person writes them in a screen map: `{id: btnTrack}`, `[{id: a}, {text: B}]`.

PyYAML decides when a plain scalar would read back as something else (`yes`, `1.5`, `null`); on top of
that every value with a character outside a small safe set is double-quoted, so no YAML reader (libyaml,
pure PyYAML, an editor's) can read `{text: Who's watching?}` differently.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _./-]*$")


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None if SAFE.match(value) and not value.endswith(" ") else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def flow(value: Any) -> str:
    """One line of flow-style YAML."""
    text = yaml.dump(value, Dumper=_Dumper, default_flow_style=True, width=1 << 20, allow_unicode=True,
                     sort_keys=False)
    return text.strip().removesuffix("...").strip()


def scalar(value: str) -> str:
    return flow(value)
