"""Fixtures of the web tier: the web scenarios in a real browser (Debian's headless Chromium through
Appium 3 and appium-chromium-driver), run once for the whole tier, and one Appium server with one browser
session that the in-process tests share.

A missing tool (chromium, chromedriver, the Chromium driver in node_modules) fails the tier, naming it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.runner.conftest import ROOT, Run, run_pytest

WEB = ROOT / "scenarios" / "netflix" / "web"
SCREENS = ROOT / "scenarios" / "netflix" / "screens" / "netflix.yaml"
SITE = ROOT / "harness" / "sim" / "sites" / "netflix"
FAILING = "A web scenario that must fail"
# a real account's credentials in the environment: the stand-in site's own demo account must win there
REAL_ACCOUNT = {"NETFLIX_EMAIL": "someone@example.org", "NETFLIX_PASSWORD": "a-real-accounts-password"}
FAILING_STEP = "Assert visible 'Welcome back' (xpath)"


def need_browser() -> None:
    """The tier's tools, each named when it is missing."""
    tools = ("/usr/bin/chromium", "/usr/bin/chromedriver")  # the ones device_profiles/web-chromium.yaml names
    missing = [tool for tool in tools if not os.access(tool, os.X_OK)]
    if not (ROOT / "node_modules" / "appium-chromium-driver" / "package.json").is_file():
        missing.append("node_modules/appium-chromium-driver (make node-deps)")
    if missing:
        pytest.fail(f"the web tier needs {', '.join(missing)}: `make setup` installs them "
                    "(Debian's chromium and chromium-driver, the pinned Node tools)", pytrace=False)


def failing_scenario(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "must_fail.yaml"
    path.write_text(
        f"name: {FAILING}\nurl: ${{NETFLIX_WEB_URL}}\nscreens: {os.path.relpath(SCREENS, folder)}\n"
        "steps:\n  - open_url: {clear_state: true}\n  - assert_visible: {text: Welcome back}\n"
        "    timeout: 1\n"
    )
    return path


@dataclass(frozen=True)
class WebRun:
    run: Run
    artifacts: Path

    def result(self, name: str, device: str = "web-chromium") -> dict[str, Any]:
        return self.run.by_name()[f"{name}[{device}]"]


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


@dataclass
class Browser:
    """The tier's browser session (web-chromium), its executor and the site it serves."""

    profile: Any
    manager: Any
    site: Any

    @property
    def session(self) -> Any:
        return self.manager.session_for(self.profile, None)

    def executor(self) -> Any:
        from harness.runner.executor import Executor

        session = self.session
        return Executor(session.driver, session.log)

    def run(self, step: Any, executor: Any, ctx: Any | None = None, timeout: float = 5) -> None:
        """Translate a step for the web platform (the site's url as the scenario's) and run its commands."""
        from harness.translate.steps import translate

        for command in translate(step, ctx or self.context()):
            executor.run(command, timeout)

    def context(self) -> Any:
        from harness.devices.translation import translate_context
        from harness.scenario.variables import Value

        return translate_context(self.profile, url=Value(self.site.url + "/"))


@pytest.fixture(scope="session")
def browser(chromium_appium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    from harness.devices.profiles import load_profile
    from harness.devices.sites import served
    from harness.runner.session import SessionManager

    manager = SessionManager(tmp_path_factory.mktemp("web-artifacts"), appium_url=chromium_appium.url)
    yield Browser(load_profile("web-chromium"), manager, served(SITE))
    manager.close_all()
