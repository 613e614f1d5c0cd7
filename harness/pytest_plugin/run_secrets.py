"""The run's secrets: registered before the first scenario runs, masked in everything pytest and
allure-pytest write.

Registration happens as each scenario file is collected (every scenario, its flows' defaults, the device
profiles it runs on), so the registry is complete before anything runs; a secret that is too short makes
its file a collection error that names the variable, and the run stops before it starts. Masking wraps
allure-commons' file logger (results, containers, attachments are masked as they are written) and every
log record when it is made (see harness.secrets).
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from harness.scenario.variables import UndefinedVariable, scenario_variables
from harness.secrets import REGISTRY, SecretTooShort, install_log_masking, mask


def pytest_configure(config: pytest.Config) -> None:
    install_log_masking()


def pytest_sessionstart(session: pytest.Session) -> None:
    """allure-pytest has registered its file logger by now (in pytest_configure): wrap it."""
    from allure_commons import plugin_manager
    from allure_commons.logger import AllureFileLogger

    for plugin in list(plugin_manager.get_plugins()):
        if isinstance(plugin, AllureFileLogger) and not getattr(plugin, "_harness_masked", False):
            plugin_manager.unregister(plugin)  # pluggy keeps the methods it found at registration
            mask_file_logger(plugin)
            plugin_manager.register(plugin)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Any:
    report = yield
    from harness.pytest_plugin.collection import ScenarioFile

    if isinstance(collector, ScenarioFile) and report.passed:
        try:
            for item in report.result:
                register_item(item)
        except SecretTooShort as exc:
            report.outcome = "failed"
            report.longrepr = f"{collector.path}: {exc}"
            report.result = []
    return report


def register_item(item: Any) -> None:
    """The secrets of one collected scenario item: its variables on its profile, the profile's own."""
    profile = getattr(item, "profile", None)
    if profile is not None:
        register_profile(profile)
    scenario = getattr(item, "scenario", None)
    if scenario is None:
        return
    defaults = profile.env if profile is not None else {}
    try:
        variables = scenario_variables(scenario.file.env, os.environ, defaults, strict=False)
    except UndefinedVariable:
        return
    REGISTRY.add_variables({n: v for n, v in variables.items() if "${" not in v.text}, where=scenario.path)


def register_profile(profile: Any) -> None:
    where = str(profile.source or profile.name)
    _, password = profile.server.credentials
    if password:
        REGISTRY.add(password, name="server.password", where=where)
    # ${VAR:secret} in profiles (the language layer collects them as DeviceProfile.secret_values)
    for value in sorted(getattr(profile, "secret_values", frozenset())):
        REGISTRY.add(value, where=f"device profile {where}")


def mask_file_logger(logger: Any) -> None:
    """Every file allure-commons writes goes through the registry first (results and text attachments)."""
    logger._harness_masked = True
    report_item: Callable[[Any], None] = logger._report_item
    report_data: Callable[[Any, str], None] = logger.report_attached_data

    def masked_item(item: Any) -> None:
        _mask_fields(item)
        report_item(item)

    @functools.wraps(report_data)  # keeps allure-commons' hookimpl marker
    def masked_data(body: Any, file_name: str) -> None:
        report_data(_masked_body(body), file_name)

    @functools.wraps(logger.report_attached_file)
    def masked_file(source: Any, file_name: str) -> None:
        data = Path(source).read_bytes()
        masked = _masked_body(data)
        if masked is data:
            tmp = Path(logger._report_dir) / f"{file_name}.tmp"
            shutil.copy2(source, tmp)
            os.replace(tmp, Path(logger._report_dir) / file_name)
        else:
            report_data(masked, file_name)

    logger._report_item = masked_item
    logger.report_attached_data = masked_data
    logger.report_attached_file = masked_file


def _masked_body(body: Any) -> Any:
    if isinstance(body, str):
        return mask(body)
    if isinstance(body, bytes) and REGISTRY.values:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return body  # an image or a video
        masked = mask(text)
        return body if masked == text else masked.encode("utf-8")
    return body


def _mask_fields(value: Any, depth: int = 0) -> Any:
    """Mask every string inside an allure-commons model object (attrs classes, lists, in place)."""
    if depth > 50 or not REGISTRY.values:
        return value
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        for index, element in enumerate(value):
            value[index] = _mask_fields(element, depth + 1)
        return value
    fields = getattr(type(value), "__attrs_attrs__", None)
    if fields is not None:
        for attribute in fields:
            setattr(value, attribute.name, _mask_fields(getattr(value, attribute.name), depth + 1))
    return value
