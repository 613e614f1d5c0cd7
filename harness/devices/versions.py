"""Just enough of npm's semver ranges to check `engines` (`>=20.19`, `^20.19.0 || >=24`, `>=10 <12`)."""

from __future__ import annotations

import re

_VERSION = re.compile(r"v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")
_COMPARATOR = re.compile(r"^(\^|~|>=|<=|>|<|=)?\s*(v?\d+(?:\.\d+){0,2}|\*|x)$")

Version = tuple[int, int, int]


def parse_version(text: str) -> Version | None:
    """The first `major.minor.patch` in text (`v20.19.1`, `openjdk 17.0.2`), missing parts as 0."""
    match = _VERSION.search(text)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 0), int(match.group(3) or 0)


def satisfies(version: Version, spec: str) -> bool:
    """True when `version` matches the npm range `spec`; an unparsable range is treated as satisfied."""
    alternatives = [part.strip() for part in spec.split("||")]
    return any(_all(version, alternative) for alternative in alternatives if alternative) or not spec.strip()


def _all(version: Version, conjunction: str) -> bool:
    tokens = re.findall(r"(?:\^|~|>=|<=|>|<|=)?\s*[^\s]+", conjunction)
    return all(_one(version, token.replace(" ", "")) for token in tokens)


def _one(version: Version, token: str) -> bool:
    match = _COMPARATOR.match(token)
    if not match:
        return True
    op, target_text = match.group(1) or "=", match.group(2)
    if target_text in ("*", "x"):
        return True
    parts = target_text.lstrip("v").split(".")
    target = parse_version(target_text)
    assert target is not None
    if op == ">=":
        return version >= target
    if op == ">":
        return version > target
    if op == "<=":
        return version <= target
    if op == "<":
        return version < target
    if op == "^":
        upper = (target[0] + 1, 0, 0) if target[0] else (0, target[1] + 1, 0)
        return target <= version < upper
    if op == "~":
        upper = (target[0], target[1] + 1, 0) if len(parts) > 1 else (target[0] + 1, 0, 0)
        return target <= version < upper
    return version[: len(parts)] == target[: len(parts)]  # "=20" matches any 20.x.y


def show(version: Version) -> str:
    return ".".join(map(str, version))
