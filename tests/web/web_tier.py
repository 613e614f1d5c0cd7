"""What the web tier's tests share: where the web scenarios and the stand-in site are, the must-fail
scenario, the one run of them all, and the tier's browser session (the fixtures are in conftest.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ROOT, Run

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


@dataclass
class WebBrowser:
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
