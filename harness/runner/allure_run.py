"""Run-level Allure files (environment, categories, executor), written once per run by the controller."""

from __future__ import annotations

import platform
import sys
from typing import Any

import pytest


def environment(config: pytest.Config) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    from harness.pytest_plugin import devices_of, profile_for

    props: dict[str, str] = {"python": sys.version.split()[0], "os": platform.platform(terse=True)}
    for package in ("Appium-Python-Client", "allure-pytest", "pytest", "harness"):
        try:
            props[package] = version(package)
        except PackageNotFoundError:
            continue
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
    if not results:
        return
    from harness.report.allure_files import write_run_files_once

    write_run_files_once(results, environment(config))
