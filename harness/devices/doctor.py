"""`harness doctor`: is this machine ready for a device profile, and if not, what exactly fixes it.

Each check says ok or missing and, when missing, the command that fixes it. A check is `needed` when the
profile cannot run without it (the exit code is 1 when one of those is missing); other findings are
shown as `warn` so that, say, a missing ffmpeg (iOS screen recording only) never fails a run.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from harness.devices import inventory
from harness.devices.appium_server import driver_for, get_status
from harness.devices.profiles import DeviceProfile
from harness.devices.tools import Host
from harness.devices.versions import parse_version, satisfies, show

PYTHON_MODULES = {
    "appium": "Appium-Python-Client",
    "selenium": "selenium",
    "yaml": "PyYAML",
    "pydantic": "pydantic",
    "lxml": "lxml",
    "PIL": "Pillow",
    "allure_pytest": "allure-pytest",
}
ANDROID_API = "34"  # system image suggested for a new AVD
IOS_RUNTIME_HINT = "xcodebuild -downloadPlatform iOS"


@dataclass
class Check:
    group: str
    name: str
    ok: bool
    detail: str
    fix: str | None = None
    needed: bool = True

    @property
    def status(self) -> str:
        return "ok" if self.ok else ("missing" if self.needed else "warn")


class Doctor:
    """Runs the checks that matter for one profile (or, without one, for the project's own tools)."""

    def __init__(self, host: Host, profile: DeviceProfile | None = None):
        self.host = host
        self.profile = profile
        self.checks: list[Check] = []
        self._group = ""
        self._needed = True

    # ------------------------------------------------------------------------------------------ plan
    def run(self) -> list[Check]:
        profile = self.profile
        start = profile.server.start if profile else None
        self._section("Python", needed=True, body=self.python_checks)
        if profile is None or start == "appium":
            self._section("Node tools (Appium 3)", needed=True, body=self.node_checks)
        if profile is not None and profile.server.url:
            self._section("Server", needed=True, body=self.url_checks)
        real = profile is None or not profile.server.simulated  # device: sim needs no SDK nor Xcode
        if real and (profile is None or profile.platform == "android"):
            self._section(
                "Android", needed=profile is not None and start == "appium", body=self.android_checks
            )
        if real and (profile is None or profile.platform == "ios"):
            self._section("iOS", needed=profile is not None and start == "appium", body=self.ios_checks)
        return self.checks

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

    def _mac(self, mac: str, linux: str) -> str:
        return mac if self.host.system == "Darwin" else linux

    # ---------------------------------------------------------------------------------------- python
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

    # ------------------------------------------------------------------------------------------ node
    def node_checks(self) -> None:
        root = self.host.root
        engines = _engines(root)
        npm_ci = f"cd {shlex.quote(str(root))} && npm ci"
        node = self.host.which("node")
        install_node = self._mac(
            "brew install node@22", "install Node.js 22 LTS from https://nodejs.org (or: nvm install 22)"
        )
        if node is None:
            self.add("node", False, "node is not on PATH", install_node)
        else:
            version = parse_version(self.host.run([node, "--version"], timeout=15).stdout)
            # the project's range and the installed Appium's own (Appium refuses Node 21 and 23)
            ranges = {
                "package.json": engines.get("node", ""),
                "appium": _engines(root / "node_modules" / "appium").get("node", ""),
            }
            wanted = " and ".join(f"{where} {spec}" for where, spec in ranges.items() if spec) or "any"
            good = version is not None and all(satisfies(version, spec) for spec in ranges.values())
            found = show(version) if version else "unknown version"
            self.add("node", good, f"{found} (wanted: {wanted})", install_node)
        npm = self.host.which("npm")
        if npm is None:
            self.add("npm", False, "npm is not on PATH (it comes with Node.js)", install_node)
        else:
            version = parse_version(self.host.run([npm, "--version"], timeout=30).stdout)
            wanted = engines.get("npm", ">=10")  # what Appium 3 itself requires
            good = version is not None and satisfies(version, wanted)
            self.add(
                "npm",
                good,
                f"{show(version) if version else 'unknown version'} (wanted: {wanted})",
                "npm install -g npm@10",
            )
        mismatches, pins = _node_modules_state(root)
        self.add(
            "node_modules",
            not mismatches,
            "matches package.json: " + ", ".join(f"{n} {v}" for n, v in pins.items())
            if not mismatches
            else "; ".join(mismatches),
            npm_ci,
        )
        self.appium_checks(npm_ci)

    def appium_checks(self, npm_ci: str) -> None:
        appium = self.host.node_tool("appium")
        if appium is None:
            self.add("appium", False, "no appium in node_modules/.bin nor on PATH", npm_ci)
            self._driver_unknown("appium is missing", npm_ci)
            return
        env = {"APPIUM_HOME": str(self.host.root)}
        result = self.host.run([appium, "--version"], timeout=60, extra_env=env)
        version = parse_version(result.stdout) if result.ok else None
        if version is None or version[0] != 3:
            detail = f"{appium} reports {show(version)}" if version else result.error()
            self.add("appium", False, f"Appium 3 is needed: {detail}", npm_ci)
            self._driver_unknown("appium does not run", npm_ci)
            return
        self.add("appium", True, f"{show(version)} ({appium})")
        listed = self.host.run(
            [appium, "driver", "list", "--installed", "--json"], timeout=120, extra_env=env
        )
        try:
            drivers = json.loads(listed.stdout) if listed.ok else None
        except ValueError:
            drivers = None
        if not isinstance(drivers, dict):
            self._driver_unknown(listed.error() if not listed.ok else "its output is not JSON", npm_ci)
            return
        for driver in self._wanted_drivers():
            info = drivers.get(driver) or {}
            installed = bool(info.get("installed", driver in drivers))
            pinned = driver in _pinned_driver_names(self.host.root)
            fix = (
                npm_ci
                if pinned
                else (
                    f"APPIUM_HOME={shlex.quote(str(self.host.root))} "
                    f"npx appium driver install {shlex.quote(driver)}"
                )
            )
            detail = (
                f"driver {driver} {info.get('version', '')} installed (APPIUM_HOME={self.host.root})"
                if installed
                else f"driver {driver} is not installed in APPIUM_HOME={self.host.root}"
            )
            self.add(f"appium driver {driver}", installed, detail, fix)

    def _wanted_drivers(self) -> list[str]:
        if self.profile is None:
            return ["uiautomator2"] + (["xcuitest"] if self.host.system == "Darwin" else [])
        driver = driver_for(self.profile.automation_name) or self.profile.automation_name.lower()
        return [driver]

    def _driver_unknown(self, why: str, fix: str) -> None:
        for driver in self._wanted_drivers():
            self.add(f"appium driver {driver}", False, f"cannot list drivers: {why}", fix)

    # ----------------------------------------------------------------------------------------- server
    def url_checks(self) -> None:
        assert self.profile is not None and self.profile.server.url
        url = self.profile.server.url
        status = get_status(url, timeout=5)
        start = (
            f"APPIUM_HOME={shlex.quote(str(self.host.root))} npx appium server "
            f"--address 127.0.0.1 --port {url.rsplit(':', 1)[-1].split('/')[0]}"
        )
        self.add(
            "server",
            status is not None,
            f"{url}/status answers" if status is not None else f"nothing answers GET {url}/status",
            start,
        )

    # ---------------------------------------------------------------------------------------- android
    def android_checks(self) -> None:
        host = self.host
        sdk = host.android_home
        sdk_fix = self._mac(
            "brew install --cask android-commandlinetools && "
            'export ANDROID_HOME="$(brew --prefix)/share/android-commandlinetools"',
            "download the Android command-line tools (https://developer.android.com/studio#command-tools), "
            "unzip them to $HOME/Android/Sdk/cmdline-tools/latest, "
            "then: export ANDROID_HOME=$HOME/Android/Sdk",
        )
        set_vars = [n for n in ("ANDROID_HOME", "ANDROID_SDK_ROOT") if host.environ.get(n)]
        if sdk is not None:
            self.add("ANDROID_HOME", True, f"Android SDK at {sdk}")
        elif set_vars:
            self.add(
                "ANDROID_HOME", False, f"{set_vars[0]}={host.environ[set_vars[0]]} is not a folder", sdk_fix
            )
        else:
            self.add("ANDROID_HOME", False, "neither ANDROID_HOME nor ANDROID_SDK_ROOT is set", sdk_fix)
        sdkmanager = self._sdk_tool("sdkmanager")
        for tool, package in (("adb", "platform-tools"), ("emulator", "emulator")):
            found = host.which(tool)
            self.add(
                tool,
                found is not None,
                str(found) if found else f"{tool} not found in the SDK nor on PATH",
                f'{sdkmanager} "{package}"',
            )
        self.avd_checks(sdkmanager)
        self.java_check()

    def _sdk_tool(self, name: str) -> str:
        found = self.host.which(name)
        if found:
            return shlex.quote(str(found))
        return f'"$ANDROID_HOME/cmdline-tools/latest/bin/{name}"'

    def avd_checks(self, sdkmanager: str) -> None:
        assert self.profile is None or self.profile.platform == "android"
        avds = _wanted(self.profile, "avd")
        udids = _wanted(self.profile, "udid")
        if not avds and not udids:
            if self.profile is not None:
                self.add(
                    "device",
                    False,
                    "the profile names neither an avd nor a udid",
                    "add capabilities: {avd: <name from `harness devices`>} to the profile",
                )
            return
        if avds:
            listed = inventory.list_avds(self.host)
            image = f"system-images;android-{ANDROID_API};google_apis;" + self._mac("arm64-v8a", "x86_64")
            avdmanager = self._sdk_tool("avdmanager")
            for avd in avds:
                create = (
                    f'{sdkmanager} "{image}" && {avdmanager} create avd -n {shlex.quote(avd)} '
                    f'-k "{image}" -d pixel_7'
                )
                if listed.items is None:
                    self.add(f"AVD {avd}", False, f"cannot list AVDs: {listed.problem}", create)
                else:
                    have = ", ".join(listed.items) or "none"
                    self.add(
                        f"AVD {avd}",
                        avd in listed.items,
                        f"AVD {avd} exists" if avd in listed.items else f"no AVD named {avd} (AVDs: {have})",
                        create,
                    )
        if udids:
            attached = inventory.adb_devices(self.host)
            for udid in udids:
                serials = [d.serial for d in attached.items or []]
                self.add(
                    f"device {udid}",
                    udid in serials,
                    f"{udid} is attached"
                    if udid in serials
                    else attached.problem
                    or f"{udid} is not in `adb devices` ({', '.join(serials) or 'none'})",
                    f"{self._sdk_tool('emulator')} -avd <name>   "
                    "(or connect the device and accept USB debugging)",
                )

    def java_check(self) -> None:
        """UiAutomator2 signs and inspects APKs with the JDK it finds through JAVA_HOME."""
        host = self.host
        java_home = host.environ.get("JAVA_HOME")
        install = self._mac(
            'brew install openjdk@17 && export JAVA_HOME="$(/usr/libexec/java_home -v 17)"',
            "sudo apt-get install -y openjdk-17-jdk-headless && "
            "export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64",
        )
        if java_home and (Path(java_home) / "bin" / "java").is_file():
            result = host.run([Path(java_home) / "bin" / "java", "-version"], timeout=30)
            version = parse_version(result.output)
            self.add("java", True, f"JAVA_HOME={java_home} (java {show(version) if version else '?'})")
            return
        java = host.which("java")
        if java is not None:
            home = Path(os.path.realpath(java)).parents[1]
            why = f"JAVA_HOME={java_home} has no bin/java" if java_home else "JAVA_HOME is not set"
            self.add(
                "java",
                False,
                f"{why}; the UiAutomator2 driver needs it (java found at {java})",
                f"export JAVA_HOME={shlex.quote(str(home))}",
            )
        else:
            self.add("java", False, "no JDK: JAVA_HOME is not set and java is not on PATH", install)

    # -------------------------------------------------------------------------------------------- ios
    def ios_checks(self) -> None:
        host = self.host
        xcode_fix = (
            "install Xcode from the App Store, then: sudo xcode-select -s "
            "/Applications/Xcode.app/Contents/Developer && sudo xcodebuild -runFirstLaunch"
        )
        if host.system != "Darwin":
            self.add(
                "macOS",
                False,
                f"iOS simulators run only on macOS with Xcode; this machine runs {host.system}",
                "run this profile on a Mac, or in CI with .github/workflows/ios-simulator.yml",
            )
            return
        xcodebuild = host.which("xcodebuild")
        result = host.run([xcodebuild, "-version"], timeout=60) if xcodebuild else None
        if result is not None and result.ok:
            self.add("Xcode", True, result.stdout.strip().splitlines()[0])
        else:
            self.add("Xcode", False, result.error() if result else "xcodebuild is not on PATH", xcode_fix)
        sims = inventory.ios_simulators(host)
        self.add(
            "simctl",
            sims.items is not None,
            "xcrun simctl lists simulators" if sims.items is not None else str(sims.problem),
            xcode_fix,
        )
        self.simulator_checks(sims)
        ffmpeg = host.which("ffmpeg")
        self.add(
            "ffmpeg",
            ffmpeg is not None,
            str(ffmpeg) if ffmpeg else "ffmpeg not found: needed only to record the screen of iOS sessions",
            "brew install ffmpeg",
            needed=False,
        )

    def simulator_checks(self, sims: inventory.Found) -> None:
        if self.profile is None:
            return
        udids = _wanted(self.profile, "udid")
        name = self.profile.capability("deviceName")
        version = self.profile.capability("platformVersion")
        wanted = [("udid", u) for u in udids] or ([("name", str(name))] if name else [])
        if not wanted:
            self.add(
                "simulator",
                False,
                "the profile names neither a udid nor a deviceName",
                'add capabilities: {deviceName: iPhone 15, platformVersion: "17.5"} to the profile',
            )
            return
        runtime = f"com.apple.CoreSimulator.SimRuntime.iOS-{str(version or '17.5').replace('.', '-')}"
        for kind, value in wanted:
            create = (
                (
                    f"{IOS_RUNTIME_HINT} && xcrun simctl create {shlex.quote(value)} "
                    f"{shlex.quote(value)} {runtime}"
                )
                if kind == "name"
                else "xcrun simctl list devices available"
            )
            label = f"simulator {value}" + (f" (iOS {version})" if kind == "name" and version else "")
            if sims.items is None:
                self.add(label, False, f"cannot list simulators: {sims.problem}", create)
                continue
            matches = [
                s
                for s in sims.items
                if s.available
                and (
                    s.udid == value
                    if kind == "udid"
                    else s.name == value and (not version or s.os_version == str(version))
                )
            ]
            self.add(
                label,
                bool(matches),
                f"{matches[0].name} {matches[0].runtime} {matches[0].udid}"
                if matches
                else "no such available simulator",
                create,
            )


def _wanted(profile: DeviceProfile | None, name: str) -> list[str]:
    """The values of a capability in the profile and in its pool entries (one per parallel worker)."""
    if profile is None:
        return []
    values = [profile.capability(name)] + [
        entry.get(name, entry.get(f"appium:{name}")) for entry in profile.pool
    ]
    unique: list[str] = []
    for value in values:
        if value and str(value) not in unique:
            unique.append(str(value))
    return unique


def _engines(root: Path) -> dict[str, str]:
    try:
        data = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    engines = data.get("engines")
    return {str(k): str(v) for k, v in engines.items()} if isinstance(engines, dict) else {}


def _package_pins(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    try:
        data = json.loads((root / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, {}
    return dict(data.get("dependencies") or {}), dict(data.get("optionalDependencies") or {})


def _pinned_driver_names(root: Path) -> set[str]:
    names = set()
    required, optional = _package_pins(root)
    for package in [*required, *optional]:
        if package.startswith("appium-") and package.endswith("-driver"):
            names.add(package[len("appium-") : -len("-driver")])
    return names


def _node_modules_state(root: Path) -> tuple[list[str], dict[str, str]]:
    """Problems (missing / other version than pinned) and the pins that are satisfied."""
    required, optional = _package_pins(root)
    problems: list[str] = []
    pins: dict[str, str] = {}
    if not required and not optional:
        return [f"no package.json with dependencies in {root}"], pins
    for package, wanted in [*required.items(), *optional.items()]:
        manifest = root / "node_modules" / package / "package.json"
        try:
            installed = str(json.loads(manifest.read_text(encoding="utf-8")).get("version"))
        except (OSError, ValueError):
            if package in required:
                problems.append(f"{package} is not installed in node_modules")
            continue
        version = parse_version(installed)
        if version is None or not satisfies(version, wanted):
            problems.append(f"{package} {installed} is installed, package.json pins {wanted}")
        else:
            pins[package] = installed
    return problems, pins


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
