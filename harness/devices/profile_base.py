"""What every part of a device profile shares: unknown keys refused, paths relative to the profile file."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationInfo


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


def resolve_relative(value: str | None, info: ValidationInfo) -> str | None:
    """Local relative paths are relative to the profile file; URLs and absolute paths are kept."""
    if not value or "://" in value:
        return value
    base = (info.context or {}).get("base_dir")
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    return str(path)
