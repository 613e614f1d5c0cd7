"""Fixtures of the web tier: the web scenarios in a real browser (Debian's headless Chromium through
Appium 3 and appium-chromium-driver), run once for the whole tier, and one Appium server with one browser
session that the in-process tests share.

A missing tool (chromium, chromedriver, the Chromium driver in node_modules) fails the tier, naming it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import ROOT, run_pytest
from tests.web.web_tier import (
    REAL_ACCOUNT,
    SITE,
    WEB,
    WebBrowser,
    WebRun,
    failing_scenario,
    need_browser,
)


@pytest.fixture(scope="session")
def web_run(tmp_path_factory: pytest.TempPathFactory) -> WebRun:
    """The shipped web scenarios and a must-fail one in headless Chromium, and the app's wrong-password
    scenario on the simulated Android device, in one run through pytest and allure-pytest (as `make run`
    runs them: one Appium server and one browser session for the four web scenarios)."""
    need_browser()
    tmp = tmp_path_factory.mktemp("web-run")
    failing = failing_scenario(tmp / "failing")
    run = run_pytest([str(WEB), str(failing), str(ROOT / "scenarios" / "netflix" / "wrong_password.yaml"),
                      "--device", "web-chromium", "--device", "sim-android"], tmp,
                     env={**REAL_ACCOUNT, "NETFLIX_WEB_URL": ""})  # empty: the stand-in is served
    assert run.code == 1, f"the must-fail scenario fails, the others pass:\n{run.output[-4000:]}"
    return WebRun(run, tmp / "artifacts")


@pytest.fixture(scope="session")
def chromium_appium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Appium 3 server with the Chromium driver for the in-process tests of the tier."""
    from harness.devices.appium_server import AppiumServer

    need_browser()
    server = AppiumServer(tmp_path_factory.mktemp("appium") / "appium.log", use_drivers=["chromium"]).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def web_browser(chromium_appium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebBrowser]:
    from harness.devices.profiles import load_profile
    from harness.devices.sites import served
    from harness.runner.session import SessionManager

    manager = SessionManager(tmp_path_factory.mktemp("web-artifacts"), appium_url=chromium_appium.url)
    yield WebBrowser(load_profile("web-chromium"), manager, served(SITE))
    manager.close_all()
