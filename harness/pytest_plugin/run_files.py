"""Run-level Allure files (environment, categories, executor), written once per run by the controller."""

from __future__ import annotations

from typing import Any

import pytest

from harness.pytest_plugin.config import devices_of, profile_for
from harness.pytest_plugin.device_facts import run_facts
from harness.report.allure_files import base_environment, write_run_files_once


def environment(config: pytest.Config) -> dict[str, str]:
    """The report's Environment: versions between a scenario and Appium, and each device of the run with
    what its session said it is (model, OS, app and server versions)."""
    props = base_environment()
    facts = run_facts(config)
    appium_url = config.getoption("appium_url")
    for device in devices_of(config):
        try:
            profile: Any = profile_for(config, device)
        except Exception:
            continue
        server = appium_url or profile.server.url or f"start {profile.server.start}"
        if profile.server.device == "sim":
            server += " (simulated device)"
        props[f"device.{profile.name}"] = f"{profile.platform} / {profile.automation_name} / {server}"
        found = facts.get(profile.name)
        for name, value in (found.shown() if found else {}).items():
            props[f"{profile.name}.{name}"] = value
    return props


def write_run_files(config: pytest.Config) -> None:
    results = config.getoption("allure_report_dir", None)
    if results:
        # a worker is known by its `workerinput`; PYTEST_XDIST_WORKER is also inherited by any pytest a
        # test starts, which is a controller of its own
        write_run_files_once(results, environment(config), worker=hasattr(config, "workerinput"))
