"""What a YAML file is — scenario, flow, screen map, device profile, app model or site model — told by its
content.

The `# yaml-language-server: $schema=...` line (which every shipped file has, for editors) is a hint
that wins; otherwise the top-level keys decide, then the folder (flows/, screens/, device_profiles/).
Lint checks each kind against its own model; collection makes test items of scenarios only. Only the
top-level keys are read (no YAML parse), so classifying is cheap and works on a broken file too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from harness.errors import InvalidInputError
from harness.yamlio import load_text, read_source

FileKind = Literal["scenario", "flow", "screen_map", "device_profile", "app_model", "site_model"]
KINDS: tuple[FileKind, ...] = ("scenario", "flow", "screen_map", "device_profile", "app_model", "site_model")

# the committed schema file of each kind (harness/schema/)
SCHEMA_FILES: dict[FileKind, str] = {
    "scenario": "scenario.schema.json",
    "flow": "flow.schema.json",
    "screen_map": "screen-map.schema.json",
    "device_profile": "device-profile.schema.json",
    "app_model": "app-model.schema.json",
    "site_model": "site-model.schema.json",
}
_BY_SCHEMA = {name: kind for kind, name in SCHEMA_FILES.items()}
_SCHEMA_LINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.M)
_TOP_KEY = re.compile(r"""^(?:"([^"\n]+)"|'([^'\n]+)'|([A-Za-z_$][\w.$-]*))[ \t]*:(?:[ \t]|$)""", re.M)

SCENARIO_ONLY = frozenset(("app", "url", "tags", "feature", "story", "epic", "severity", "env", "on_start",
                           "on_complete"))
FLOW_ONLY = frozenset(("params",))
PROFILE_KEYS = frozenset(("server", "apps", "screen", "capabilities", "pool", "timeouts"))
SITE_MODEL_ONLY = frozenset(("account", "pages", "forms"))
APP_MODEL_ONLY = frozenset(("state", "start", "dialogs", "deep_links", "faults", "android", "ios", "$schema"))
FOLDERS: dict[str, FileKind] = {
    "flows": "flow", "subflows": "flow", "screens": "screen_map", "screen_maps": "screen_map",
    "device_profiles": "device_profile",
}


def schema_hint(text: str) -> FileKind | None:
    """The kind named by the file's `$schema` comment, if it names one of ours."""
    match = _SCHEMA_LINE.search(text, 0, 4096)
    if match is None:
        return None
    return _BY_SCHEMA.get(match.group(1).rsplit("/", 1)[-1])


def top_level_keys(text: str) -> set[str]:
    """The keys of the top-level mapping, read line by line (block style); a flow-style `{...}` file is
    parsed instead."""
    keys = {next(g for g in match.groups() if g) for match in _TOP_KEY.finditer(text)}
    if keys or not text.lstrip().startswith("{"):
        return keys
    try:
        data = load_text(text, "").data
    except InvalidInputError:
        return set()
    return {str(k) for k in data} if isinstance(data, dict) else set()


def folder_kind(path: Path) -> FileKind | None:
    """The kind the nearest conventional folder above the file stands for."""
    for parent in path.parents:
        if parent.name in FOLDERS:
            return FOLDERS[parent.name]
    return None


def kind_of_text(text: str, path: Path) -> FileKind | None:
    hinted = schema_hint(text)
    if hinted is not None:
        return hinted
    keys = top_level_keys(text)
    folder = folder_kind(path)
    if "steps" in keys:
        if keys & FLOW_ONLY:
            return "flow"
        if keys & SCENARIO_ONLY:
            return "scenario"
        return "flow" if folder == "flow" else "scenario"
    if "platform" in keys and keys & PROFILE_KEYS:
        return "device_profile"
    if keys & SITE_MODEL_ONLY:
        return "site_model"
    if keys & APP_MODEL_ONLY:
        return "app_model"
    if "screens" in keys:
        return "screen_map"
    if keys & SCENARIO_ONLY:
        return "scenario"
    return folder


def classify(path: str | Path) -> FileKind | None:
    """The kind of the YAML file at `path`, or None when nothing says (or it cannot be read)."""
    path = Path(path)
    try:
        text = read_source(path)
    except InvalidInputError:
        return folder_kind(path)
    return kind_of_text(text, path)


YAML_SUFFIXES = frozenset((".yaml", ".yml"))
# tools' folders a walk passes over (and hidden ones)
SKIPPED_DIRS = frozenset(("node_modules", "venv", "__pycache__", "allure-results", "allure-report"))


def yaml_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The YAML files a command is given: a file as it is named, a folder's YAML files (sorted; tools'
    and hidden folders passed over)."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        yield from sorted(
            p for p in path.rglob("*")
            if p.suffix in YAML_SUFFIXES and p.is_file()
            and not any(part in SKIPPED_DIRS or part.startswith(".")
                        for part in p.relative_to(path).parts[:-1])
        )
