"""The one `${VAR}` grammar of every file kind: scenarios, flows and device profiles.

`${NAME}` is a variable, `${NAME:-default}` falls back to `default` when NAME is unset or empty (as in
the shell), `${NAME:secret}` marks the value secret (masked in plans, logs, reports), and `$$` is a
literal `$`. Anything else that starts with `${` is malformed and reported, never left to chance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

REFERENCE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*)|:(secret))?\}")
# a value that is one reference and nothing else (JSON Schema of typed fields that may hold one)
WHOLE_REFERENCE_PATTERN = r"^\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*|:secret)?\}$"
_CANDIDATE = re.compile(r"\$\$|\$\{[^}]*\}?")
FORMS = "${NAME}, ${NAME:-default} or ${NAME:secret} ($$ for a literal $)"


@dataclass(frozen=True)
class Value:
    text: str
    secret: bool = False


class UndefinedVariable(KeyError):
    def __init__(self, name: str, entry: str | None = None):
        super().__init__(name)
        self.name = name
        self.entry = entry  # the `env:` entry whose value needs it, when one does


def references(text: str) -> Iterator[tuple[str, str | None, bool]]:
    """(name, default, secret) for each `${...}` in text."""
    for match in REFERENCE.finditer(text):
        if match.group(0) != "$$":
            yield match.group(1), match.group(2), match.group(3) is not None


def reference_spans(text: str) -> Iterator[tuple[int, str, str | None, bool]]:
    """(offset, name, default, secret) of each reference: where in the text it is used."""
    for match in REFERENCE.finditer(text):
        if match.group(0) != "$$":
            yield match.start(), match.group(1), match.group(2), match.group(3) is not None


def malformed_spans(text: str) -> list[tuple[int, str]]:
    """(offset, piece) of each `${...}` that is not a reference (`${NAME`, `${1X}`, `${A B}`)."""
    return [(m.start(), m.group(0)) for m in _CANDIDATE.finditer(text)
            if m.group(0) != "$$" and not REFERENCE.fullmatch(m.group(0))]


def malformed(text: str) -> list[str]:
    return [piece for _, piece in malformed_spans(text)]


def malformed_message(piece: str) -> str:
    return f'malformed reference "{piece}": write {FORMS}'


def lookup(name: str, default: str | None, *sources: Mapping[str, str]) -> str:
    """NAME from the first source that has it set (non-empty, when there is a default), else the default."""
    for source in sources:
        if name in source and (source[name] != "" or default is None):
            return source[name]
    if default is not None:
        return default
    raise UndefinedVariable(name)


def env_value(text: str, environ: Mapping[str, str], fallback: Mapping[str, str] | None = None) -> Value:
    """Resolve a text against the process environment (then `fallback`, then the default)."""
    secret = False
    sources = (environ, fallback) if fallback else (environ,)

    def replace(match: re.Match[str]) -> str:
        nonlocal secret
        if match.group(0) == "$$":
            return "$"
        secret = secret or match.group(3) is not None
        return lookup(match.group(1), match.group(2), *sources)

    return Value(REFERENCE.sub(replace, text), secret)


def substitute(text: str, variables: Mapping[str, Value]) -> Value:
    """Replace `${NAME}` in a step text with the scenario's variables; the result is secret if any part is."""
    if "$" not in text:
        return Value(text)
    secret = False

    def replace(match: re.Match[str]) -> str:
        nonlocal secret
        if match.group(0) == "$$":
            return "$"
        name = match.group(1)
        if name not in variables:
            raise UndefinedVariable(name)
        value = variables[name]
        secret = secret or value.secret
        return value.text

    return Value(REFERENCE.sub(replace, text), secret)
