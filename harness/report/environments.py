"""Allure 3 environments of a run: one per device the results ran on, with that device's facts.

A run on several devices (`--device sim-android --device sim-ios`) is really one run per device: Allure 3
can show it that way when its config names the environments. `harness report` reads the device of each
result (its `device` label) and the device facts the pytest plugin put on it (parameters left out of the
history id), and hands them to allurerc.mjs as HARNESS_ALLURE_ENVIRONMENTS.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

DEVICE_LABEL = "device"
ENV_VAR = "HARNESS_ALLURE_ENVIRONMENTS"
_ID = re.compile(r"[^A-Za-z0-9._-]+")


def _results(results_dir: Path) -> list[dict[str, Any]]:
    out = []
    for path in sorted(results_dir.glob("*-result.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            out.append(data)
    return out


def environments(results_dir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """id -> {name, variables, label}: one entry per device label, when the results have two or more."""
    found: dict[str, dict[str, str]] = {}
    for result in _results(Path(results_dir)):
        device = next((str(label.get("value")) for label in result.get("labels") or []
                       if label.get("name") == DEVICE_LABEL and label.get("value")), None)
        if device is None:
            continue
        variables = found.setdefault(device, {})
        for param in result.get("parameters") or []:
            if param.get("excluded") and param.get("name") and param.get("value") is not None:
                variables.setdefault(str(param["name"]), str(param["value"]))
    if len(found) < 2:  # one device: the run's own environment says it all
        return {}
    return {
        _ID.sub("-", device).strip("-") or "device": {
            "name": device, "variables": variables, "label": [DEVICE_LABEL, device],
        }
        for device, variables in sorted(found.items())
    }


def environments_variable(results_dir: str | os.PathLike[str]) -> str:
    return json.dumps(environments(results_dir), ensure_ascii=False)
