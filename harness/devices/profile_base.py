"""What every part of a device profile shares: unknown keys refused, paths relative to the profile file."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationInfo


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# `scheme:rest` with a scheme of two letters or more: a URL (https://), or a device cloud's reference to an
# app it stores (BrowserStack bs://…, LambdaTest lt://…, Sauce Labs storage:filename=… / storage:<id>).
# One letter is a Windows drive (C:\…): a path.
REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")


def resolve_relative(value: str | None, info: ValidationInfo) -> str | None:
    """Local relative paths are relative to the profile file; URLs, vendor app references (`bs://…`,
    `storage:filename=…`) and absolute paths are kept as written."""
    if not value or REFERENCE.match(value):
        return value
    base = (info.context or {}).get("base_dir")
    path = Path(value).expanduser()
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    return str(path)
