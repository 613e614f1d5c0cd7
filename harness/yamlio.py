"""Safe YAML loading that remembers where every key and value came from.

PyYAML's safe composer builds the node graph (with marks); we construct plain Python values ourselves
so that: no tag can build a Python object, aliases cannot blow up memory, duplicate keys and YAML 1.1
booleans (`yes`/`no`/`on`/`off`) are reported instead of silently changing meaning, and every value
can be traced back to `path:line:col` through a `Locations` map keyed by its path of keys and indexes.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from harness.errors import InvalidInputError, Problem

try:  # libyaml is several times faster; same node graph and marks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_NODES = 50_000  # a real scenario has a few hundred; an alias bomb expands to millions
MAX_BYTES = 2_000_000
MAX_INT_DIGITS = 18  # every count, timeout, port and coordinate fits; Python's int() refuses 4,301+ digits
MAX_DEPTH = 100  # levels of nesting; a real file has fewer than 20, and each level is a Python frame here

YAML11_BOOLEANS = frozenset(["yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"])
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])
_TRUE = frozenset(["true", "True", "TRUE"])
_FALSE = frozenset(["false", "False", "FALSE"])
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$|^0x[0-9a-fA-F_]+$|^0o[0-7_]+$")
_FLOAT = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"
    r"|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
)
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

PathKey = tuple[Any, ...]


@dataclass
class Locations:
    """Where each value (and each mapping key) starts in the source file."""

    path: str
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    quoted: set[PathKey] = field(default_factory=set)

    def of(self, loc: PathKey, *, key: bool = False) -> tuple[int, int]:
        """The position of `loc`, or of its nearest located ancestor."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))

    def problem(self, loc: PathKey, message: str, *, key: bool = False) -> Problem:
        line, col = self.of(loc, key=key)
        return Problem(self.path, line, col, message)


@dataclass
class Document:
    """A loaded YAML file: plain data plus where it came from."""

    data: Any
    locations: Locations
    source: str
    problems: list[Problem] = field(default_factory=list)  # soft: data is still usable
    # (line, col) of values refused and read as null (tags, huge numbers): nothing more to say about them
    refused: set[tuple[int, int]] = field(default_factory=set)

    @property
    def path(self) -> str:
        return self.locations.path


def read_source(path: str | Path, *, display_path: str | None = None) -> str:
    """The text of a regular, UTF-8 file of at most MAX_BYTES; a FIFO, device or folder is refused
    before it is opened (opening a FIFO blocks until a writer comes)."""
    shown = display_path or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InvalidInputError([Problem(shown, 1, 1, "file not found")]) from None
    except OSError as exc:
        raise InvalidInputError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise InvalidInputError([Problem(shown, 1, 1, f"{what}: only regular files are read")])
    if info.st_size > MAX_BYTES:
        raise InvalidInputError([Problem(shown, 1, 1, f"file is larger than {MAX_BYTES} bytes")])
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInputError([Problem(shown, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    if len(raw) > MAX_BYTES:  # it grew after the stat
        raise InvalidInputError([Problem(shown, 1, 1, f"file is larger than {MAX_BYTES} bytes")])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError([Problem(shown, 1, 1, f"file is not UTF-8 ({exc.reason})")]) from None


def load_document(path: str | Path, *, display_path: str | None = None) -> Document:
    """Load one YAML file; problems that leave usable data (duplicate keys, YAML 1.1 booleans, tags)
    are returned in `Document.problems` so a caller can report them with its own schema problems."""
    shown = display_path or str(path)
    return load_text(read_source(path, display_path=shown), shown)


def load_text(text: str, path: str) -> Document:
    tab_problems = _tab_indentation(text, path)
    if tab_problems:
        raise InvalidInputError(tab_problems)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        raise InvalidInputError([Problem(path, line, col, f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (NUL, other controls)
        before = text[: exc.position]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"YAML error: {exc.reason} (U+{code:04X})"
        raise InvalidInputError([Problem(path, line, col, message)]) from None
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InvalidInputError([Problem(path, 1, 1, f"YAML error: {first}")]) from None
    if node is None:
        raise InvalidInputError([Problem(path, 1, 1, "file is empty: expected a YAML mapping")])
    builder = _Builder(path)
    data = builder.build(node, ())
    if builder.too_big:
        raise InvalidInputError(builder.problems)
    return Document(data, builder.locations, text, builder.problems, builder.refused)


def load_file(path: str | Path, *, display_path: str | None = None) -> Document:
    """Load one YAML file; raise InvalidInputError listing every problem found while reading it."""
    doc = load_document(path, display_path=display_path)
    if doc.problems:
        raise InvalidInputError(doc.problems)
    return doc


def _tab_indentation(text: str, path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            col = len(line) - len(stripped) + 1
            problems.append(Problem(path, number, col, "tab used for indentation: YAML allows only spaces"))
    return problems


class _Builder:
    def __init__(self, path: str):
        self.locations = Locations(path)
        self.problems: list[Problem] = []
        self.count = 0
        self.too_big = False
        self.refused: set[tuple[int, int]] = set()

    def _pos(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def _problem(self, node: yaml.Node, message: str) -> None:
        line, col = self._pos(node)
        self.problems.append(Problem(self.locations.path, line, col, message))

    def build(self, node: yaml.Node, loc: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            if not self.too_big:
                self.too_big = True
                self._problem(node, f"document expands to more than {MAX_NODES} nodes (alias bomb?); refused")
            return None
        if len(loc) > MAX_DEPTH:
            if not self.too_big:
                self.too_big = True
                self._problem(node, f"nested more than {MAX_DEPTH} levels deep; refused")
            return None
        if loc not in self.locations.values:
            self.locations.values[loc] = self._pos(node)
        if node.tag not in _STANDARD_TAGS and not (
            isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:timestamp"
        ):
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self._problem(node, f"tag {tag} is not allowed: only plain YAML data is accepted")
            self.refused.add(self._pos(node))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            out = []
            for index, item in enumerate(node.value):
                out.append(self.build(item, (*loc, index)))
                if self.too_big:
                    break
            return out
        return self._scalar(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: PathKey) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in _merged_pairs(node):
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, "mapping keys must be plain strings")
                continue
            key = self._scalar(key_node, None)
            if not isinstance(key, str | int | float | bool) or key is None:
                self._problem(key_node, "mapping keys must be plain strings")
                continue
            key = str(key) if not isinstance(key, str) else key
            child = (*loc, key)
            if key in out and key_node is not None:
                line, _ = self.locations.keys[child]
                self._problem(key_node, f'duplicate key "{key}" (first defined on line {line})')
                continue
            self.locations.keys[child] = self._pos(key_node)
            out[key] = self.build(value_node, child)
            if self.too_big:
                break
        return out

    def _scalar(self, node: yaml.ScalarNode, loc: PathKey | None) -> Any:
        value: str = node.value
        if node.style in ("'", '"', "|", ">"):
            if loc is not None:
                self.locations.quoted.add(loc)
            return value
        if node.tag == "tag:yaml.org,2002:str" and node.style is None and node.implicit[0] is False:
            return value  # explicit !!str
        if value in YAML11_BOOLEANS:
            self._problem(
                node,
                f'unquoted {value} is a boolean in YAML 1.1 and a string in YAML 1.2: '
                f'write "{value}" (quoted) for text, or true/false',
            )
            return value
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            digits = len(value.lstrip("+-").replace("_", ""))
            if digits > MAX_INT_DIGITS + (2 if value.lstrip("+-")[:2] in ("0x", "0o") else 0):
                self._problem(node, f"number with {digits} digits refused: at most {MAX_INT_DIGITS} "
                                    "(quote it if it is text)")
                self.refused.add(self._pos(node))
                return 10**MAX_INT_DIGITS  # out of every range: only that place is complained about
            return int(value, 0)
        if _FLOAT.match(value):
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value


def _merged_pairs(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """Key/value node pairs with `<<: *anchor` merges applied (explicit keys win)."""
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(_merged_pairs(source))
            continue
        pairs.append((key_node, value_node))
    seen = {k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
    kept = []
    for key_node, value_node in merged:  # the first source that names a key wins
        name = getattr(key_node, "value", None)
        if name not in seen:
            seen.add(name)
            kept.append((key_node, value_node))
    return kept + pairs
