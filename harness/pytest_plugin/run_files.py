"""Run-level Allure files (environment, categories, executor), written once per run by the controller."""

from __future__ import annotations

from typing import Any

import pytest

from harness.pytest_plugin.config import devices_of, profile_for
from harness.report.allure_files import base_environment, write_run_files_once


def environment(config: pytest.Config) -> dict[str, str]:
    """The report's Environment: versions between a scenario and Appium, and each device of the run."""
    props = base_environment()
    for device in devices_of(config):
        try:
            profile: Any = profile_for(config, device)
        except Exception:
            continue
        server = profile.server.url or f"start {profile.server.start}"
        if profile.server.device == "sim":
            server += " (simulated device)"
        props[f"device.{device}"] = f"{profile.platform} / {profile.automation_name} / {server}"
    return props


def write_run_files(config: pytest.Config) -> None:
    results = config.getoption("allure_report_dir", None)
    if results:
        write_run_files_once(results, environment(config))
