"""`harness doctor`: is this machine ready for a device profile, and if not, what exactly fixes it.

Each check says ok or missing and, when missing, the command that fixes it. A check is `needed` when the
profile cannot run without it (the exit code is 1 when one of those is missing); other findings are
shown as `warn` so that, say, a missing ffmpeg (screen recording only) never fails a run.

What is checked follows from the profile, and nothing else is:
- the server: `start: sim` needs Python only; `url:` needs that server to answer `/status` (and, for a
  Selenium Grid, a node that can take the profile's capabilities), nothing local; `start: appium` needs
  Node, the pinned Appium and the profile's driver;
- the driver of an Appium started here: UiAutomator2 the Android SDK, a JDK and the device (an AVD, with
  /dev/kvm, or an attached udid), XCUITest macOS with Xcode and a simulator, Chromium the browser and the
  chromedriver the profile names (one major version), Fake nothing more; plus what
  `appium driver doctor <driver>` reports (Chromium's driver has no such checks);
- the variables the given scenarios read (never their values).
Without a profile it checks the project's own tools.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from harness.devices.appium_server import driver_for
from harness.devices.doctor_checks import Check, VariableNeed
from harness.devices.profiles import DeviceProfile
from harness.devices.tools import Host

PYTHON_MODULES = {
    "appium": "Appium-Python-Client",
    "selenium": "selenium",
    "yaml": "PyYAML",
    "pydantic": "pydantic",
    "lxml": "lxml",
    "PIL": "Pillow",
    "allure_pytest": "allure-pytest",
}


@dataclass
class Doctor:
    """Runs the checks that matter for one profile (or, without one, for the project's own tools)."""

    host: Host
    profile: DeviceProfile | None = None
    needs: list[VariableNeed] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    _group: str = ""
    _needed: bool = True

    # ------------------------------------------------------------------------------------------ plan
    def run(self) -> list[Check]:
        from harness.devices import doctor_server, doctor_variables

        profile = self.profile
        self._section("Python", True, self.python_checks)
        if profile is None:
            self._section("Node tools (Appium 3)", True, self.node_checks)
            self._section("Android", False, self.android_checks)
            self._section("iOS", False, self.ios_checks)
        elif profile.server.url:
            self._section("Server", True, lambda: doctor_server.url_checks(self))
        elif profile.server.start == "appium":
            self._section("Node tools (Appium 3)", True, self.node_checks)
            platform_checks = {"uiautomator2": ("Android", self.android_checks),
                               "xcuitest": ("iOS", self.ios_checks),
                               "chromium": ("Browser", self.browser_checks)}.get(self.driver or "")
            # a simulated device (device: sim) brings its own fake SDK / WebDriverAgent: no SDK nor Xcode
            if not profile.server.simulated:
                if platform_checks:
                    self._section(platform_checks[0], True, platform_checks[1])
                if self.driver != "chromium":  # it exports no doctor checks of its own
                    self._section(f"appium driver doctor {self.driver}", True, self.driver_doctor_checks)
        if self.needs:
            self._section("Scenario variables", True, lambda: doctor_variables.variable_checks(self))
        return self.checks

    @property
    def driver(self) -> str | None:
        """The Appium driver of the profile (uiautomator2, xcuitest, fake...), None without a profile."""
        if self.profile is None:
            return None
        return driver_for(self.profile.automation_name) or self.profile.automation_name.lower()

    def _section(self, group: str, needed: bool, body: Callable[[], None]) -> None:
        self._group, self._needed = group, needed
        body()

    def add(
        self, name: str, ok: bool, detail: str, fix: str | None = None, *, needed: bool | None = None
    ) -> bool:
        self.checks.append(
            Check(
                self._group, name, ok, detail, None if ok else fix, self._needed if needed is None else needed
            )
        )
        return ok

    def mac(self, mac: str, linux: str) -> str:
        return mac if self.host.system == "Darwin" else linux

    # ------------------------------------------------------------------------------------- sections
    def python_checks(self) -> None:
        absent = [
            package for module, package in PYTHON_MODULES.items() if importlib.util.find_spec(module) is None
        ]
        self.add(
            "python packages",
            not absent,
            "installed: " + ", ".join(PYTHON_MODULES.values())
            if not absent
            else "missing: " + ", ".join(absent),
            ".venv/bin/pip install -e '.[dev]'   (or: make python-deps)",
        )

    def node_checks(self) -> None:
        from harness.devices.doctor_node import node_checks

        node_checks(self)

    def android_checks(self) -> None:
        from harness.devices.doctor_android import android_checks

        android_checks(self)

    def ios_checks(self) -> None:
        from harness.devices.doctor_ios import ios_checks

        ios_checks(self)

    def browser_checks(self) -> None:
        from harness.devices.doctor_browser import browser_checks

        browser_checks(self)

    def driver_doctor_checks(self) -> None:
        from harness.devices.doctor_node import driver_doctor_checks

        driver_doctor_checks(self)


def render(checks: list[Check], profile: DeviceProfile | None) -> str:
    """The report a person reads: one line per check, the fix under each missing one, a verdict."""
    lines = []
    if profile is None:
        lines.append(
            "harness doctor: project tools, Android and iOS (give --device PROFILE to check one profile)"
        )
    else:
        server = f"start {profile.server.start}" if profile.server.start else profile.server.url
        lines.append(
            f"harness doctor: device profile {profile.name} ({profile.platform}, "
            f"{profile.automation_name}; server: {server})"
        )
        if profile.server.start == "sim":
            lines.append(
                "  the simulated device runs inside the harness: no Node, Appium, SDK or Xcode needed"
            )
        elif profile.server.device == "sim":
            lines.append(
                "  the simulated device plays the device behind the real Appium driver: Node tools needed, "
                "no SDK or Xcode"
            )
        elif profile.server.url:
            lines.append("  a running server: nothing on this machine but Python and the network to it")
    group = None
    for check in checks:
        if check.group != group:
            group = check.group
            lines.append(group)
        lines.append(f"  {check.status:<8} {check.name}: {check.detail}")
        if check.fix:
            lines.append(f"  {'':<8} fix: {check.fix}")
    missing = [c.name for c in checks if c.status == "missing"]
    warned = [c.name for c in checks if c.status == "warn"]
    target = profile.name if profile else "the project"
    if missing:
        lines.append(f"{len(missing)} missing for {target}: {', '.join(missing)}")
    else:
        lines.append(
            f"ready: everything {target} needs is here"
            + (f" ({len(warned)} optional missing: {', '.join(warned)})" if warned else "")
        )
    return "\n".join(lines)


def exit_code(checks: list[Check]) -> int:
    return 1 if any(c.status == "missing" for c in checks) else 0
