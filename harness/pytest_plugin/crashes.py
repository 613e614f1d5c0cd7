"""A scenario whose xdist worker died (SIGKILL, out of memory) gets a broken result from the controller.

The worker never wrote one: without this, the report would count the run as passed. The result goes
through allure-commons' own file logger (so it is masked like every other result), named and labelled
as the worker would have: scenario name, device parameter, suite = device.
"""

from __future__ import annotations

import time
import uuid
import warnings
from types import SimpleNamespace
from typing import Any

import pytest

CONFIG: dict[str, Any] = {}


def pytest_configure(config: pytest.Config) -> None:
    CONFIG["config"] = config


def pytest_handlecrashitem(crashitem: str, report: pytest.TestReport, sched: Any) -> None:
    worker = getattr(getattr(getattr(report, "node", None), "gateway", None), "id", "a worker")
    message = (f"the worker {worker} that ran this scenario died before it reported a result (killed, or "
               "out of memory); the scenario did not finish, and the servers of that worker were stopped")
    report.longrepr = message
    report.harness_outcome = "broken"  # type: ignore[attr-defined]
    config = CONFIG.get("config")
    if config is not None and config.getoption("allure_report_dir", None):
        try:
            write_broken_result(crashitem, message)
        except Exception as exc:  # the run goes on; the terminal still shows the crash
            warnings.warn(f"could not write the Allure result of {crashitem}: {exc}", stacklevel=1)


def write_broken_result(nodeid: str, message: str) -> None:
    """An Allure result for a scenario that has none, through allure-commons' plugin manager."""
    from allure_commons import plugin_manager
    from allure_commons.model2 import Label, Parameter, Status, StatusDetails, TestResult
    from allure_commons.utils import md5
    from allure_pytest.utils import allure_full_name

    path, _, test = nodeid.partition("::")
    name, _, device = test.rpartition("[")
    device = device.rstrip("]")
    full_name = allure_full_name(SimpleNamespace(nodeid=nodeid, originalname=test, stash={}))
    now = int(time.time() * 1000)
    parameters = [Parameter(name="device", value=repr(device))] if device else []
    result = TestResult(
        uuid=str(uuid.uuid4()), name=name or test, fullName=full_name, status=Status.BROKEN,
        statusDetails=StatusDetails(message=message), stage="finished", start=now, stop=now,
        historyId=md5(full_name, *(p.value for p in parameters)), testCaseId=md5(full_name),
        parameters=parameters,
        labels=[Label(name="parentSuite", value=path.rpartition("/")[0] or "."),
                Label(name="suite", value=device or "-"), Label(name="device", value=device or "-"),
                Label(name="framework", value="pytest")],
    )
    plugin_manager.hook.report_result(result=result)
