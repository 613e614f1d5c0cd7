"""Doctor checks of the Node side: Node and npm, node_modules as package.json pins it, Appium 3, the
profile's driver installed in APPIUM_HOME, and what that driver's own `appium driver doctor` finds."""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from harness.devices.doctor_checks import CheckRun
from harness.devices.versions import parse_version, satisfies, show


def node_checks(d: CheckRun) -> None:
    """Node and npm in the wanted ranges, node_modules as pinned, Appium 3 and the profile's driver."""
    root = d.host.root
    engines = _engines(root)
    npm_ci = f"cd {shlex.quote(str(root))} && npm ci"
    node = d.host.which("node")
    install_node = d.mac(
        "brew install node@22", "install Node.js 22 LTS from https://nodejs.org (or: nvm install 22)"
    )
    if node is None:
        d.add("node", False, "node is not on PATH", install_node)
    else:
        version = parse_version(d.host.run([node, "--version"], timeout=15).stdout)
        # the project's range and the installed Appium's own (Appium refuses Node 21 and 23)
        ranges = {
            "package.json": engines.get("node", ""),
            "appium": _engines(root / "node_modules" / "appium").get("node", ""),
        }
        wanted = " and ".join(f"{where} {spec}" for where, spec in ranges.items() if spec) or "any"
        good = version is not None and all(satisfies(version, spec) for spec in ranges.values())
        found = show(version) if version else "unknown version"
        d.add("node", good, f"{found} (wanted: {wanted})", install_node)
    npm = d.host.which("npm")
    if npm is None:
        d.add("npm", False, "npm is not on PATH (it comes with Node.js)", install_node)
    else:
        version = parse_version(d.host.run([npm, "--version"], timeout=30).stdout)
        wanted = engines.get("npm", ">=10")  # what Appium 3 itself requires
        good = version is not None and satisfies(version, wanted)
        d.add(
            "npm",
            good,
            f"{show(version) if version else 'unknown version'} (wanted: {wanted})",
            "npm install -g npm@10",
        )
    mismatches, pins = _node_modules_state(root)
    d.add(
        "node_modules",
        not mismatches,
        "matches package.json: " + ", ".join(f"{n} {v}" for n, v in pins.items())
        if not mismatches
        else "; ".join(mismatches),
        npm_ci,
    )
    appium_checks(d, npm_ci)

def appium_checks(d: CheckRun, npm_ci: str) -> None:
    appium = d.host.node_tool("appium")
    if appium is None:
        d.add("appium", False, "no appium in node_modules/.bin nor on PATH", npm_ci)
        _driver_unknown(d, "appium is missing", npm_ci)
        return
    env = {"APPIUM_HOME": str(d.host.root)}
    result = d.host.run([appium, "--version"], timeout=60, extra_env=env)
    version = parse_version(result.stdout) if result.ok else None
    if version is None or version[0] != 3:
        detail = f"{appium} reports {show(version)}" if version else result.error()
        d.add("appium", False, f"Appium 3 is needed: {detail}", npm_ci)
        _driver_unknown(d, "appium does not run", npm_ci)
        return
    d.add("appium", True, f"{show(version)} ({appium})")
    listed = d.host.run(
        [appium, "driver", "list", "--installed", "--json"], timeout=120, extra_env=env
    )
    try:
        drivers = json.loads(listed.stdout) if listed.ok else None
    except ValueError:
        drivers = None
    if not isinstance(drivers, dict):
        _driver_unknown(d, listed.error() if not listed.ok else "its output is not JSON", npm_ci)
        return
    for driver in _wanted_drivers(d):
        info = drivers.get(driver) or {}
        installed = bool(info.get("installed", driver in drivers))
        pinned = driver in _pinned_driver_names(d.host.root)
        fix = (
            npm_ci
            if pinned
            else (
                f"APPIUM_HOME={shlex.quote(str(d.host.root))} "
                f"npx appium driver install {shlex.quote(driver)}"
            )
        )
        detail = (
            f"driver {driver} {info.get('version', '')} installed (APPIUM_HOME={d.host.root})"
            if installed
            else f"driver {driver} is not installed in APPIUM_HOME={d.host.root}"
        )
        d.add(f"appium driver {driver}", installed, detail, fix)

def _wanted_drivers(d: CheckRun) -> list[str]:
    if d.driver is None:
        return ["uiautomator2"] + (["xcuitest"] if d.host.system == "Darwin" else [])
    return [d.driver]


def _driver_unknown(d: CheckRun, why: str, fix: str) -> None:
    for driver in _wanted_drivers(d):
        d.add(f"appium driver {driver}", False, f"cannot list drivers: {why}", fix)


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


# ------------------------------------------------------------------------------ appium driver doctor
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Appium's doctor draws the ✖ of a required issue red and of an optional one yellow (with FORCE_COLOR)
_YELLOW = "\x1b[33m"
OK_MARK, ISSUE_MARK, FIX_MARK = "\u2714", "\u2716", "\u279c"
OPTIONAL_FIXES = "### Optional Manual Fixes ###"
SAME_AS = {"JAVA_HOME": "java"}  # what the driver's doctor calls a finding -> the name of our own check


@dataclass
class DriverDoctor:
    """What `appium driver doctor <driver>` printed: passed checks, issues (required or optional), fixes."""

    passed: list[str] = field(default_factory=list)
    issues: list[tuple[str, bool]] = field(default_factory=list)  # (message, required)
    required_fixes: list[str] = field(default_factory=list)
    optional_fixes: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, output: str) -> DriverDoctor:
        found = cls()
        optional_section = False
        for raw in output.splitlines():
            plain = _ANSI.sub("", raw).strip()
            if OPTIONAL_FIXES in plain:
                optional_section = True
            if " Doctor " not in f" {plain} ":  # only the doctor's own log lines, not the CLI's "Error: ..."
                continue
            for mark in (OK_MARK, ISSUE_MARK, FIX_MARK):
                if mark in plain:
                    text = plain.split(mark, 1)[1].strip()
                    break
            else:
                continue
            if mark == OK_MARK:
                found.passed.append(text)
            elif mark == ISSUE_MARK:
                found.issues.append((text, _YELLOW + ISSUE_MARK not in raw))
            else:
                (found.optional_fixes if optional_section else found.required_fixes).append(_short(text))
        return found

    def fix_for(self, index: int, required: bool) -> str | None:
        """The fix printed for the index-th issue of its kind (Appium lists them in the same order)."""
        kind = [i for i, (_, req) in enumerate(self.issues) if req == required]
        fixes = self.required_fixes if required else self.optional_fixes
        position = kind.index(index)
        return fixes[position] if position < len(fixes) else None


def _short(fix: str) -> str:
    """A fix without the list of PATH folders some fixes append."""
    return fix.split(" Folders that are currently present in PATH")[0].strip()


def _subject(message: str) -> str:
    """`bundletool.jar cannot be found` -> `bundletool.jar`: the thing an issue is about."""
    first = message.split()[0] if message.split() else message
    return first.strip(",.!:;$")


def driver_doctor_checks(d: CheckRun) -> None:
    """Run the driver's own doctor from node_modules (APPIUM_HOME = the project) and report its findings,
    required issues as missing and optional ones (bundletool, ffmpeg, gstreamer...) as warnings."""
    appium = d.host.node_tool("appium")
    driver = d.driver
    installed = any(c.name == f"appium driver {driver}" and c.ok for c in d.checks)
    if appium is None or driver is None or not installed:
        return  # the Node group already says what is missing
    result = d.host.run([appium, "driver", "doctor", driver], timeout=180,
                        extra_env={"APPIUM_HOME": str(d.host.root), "FORCE_COLOR": "1"})
    found = DriverDoctor.parse(result.output)
    if not found.passed and not found.issues:
        d.add("doctor", False, f"`appium driver doctor {driver}` gave no checks: {result.error()}",
              f"APPIUM_HOME={shlex.quote(str(d.host.root))} npx appium driver doctor {shlex.quote(driver)}",
              needed=False)
        return
    ours = {c.name for c in d.checks}
    repeated = []
    for index, (message, required) in enumerate(found.issues):
        subject = _subject(message)
        if required and SAME_AS.get(subject, subject) in ours:  # a check above says it, with its fix
            repeated.append(subject)
            continue
        d.add(subject, False, message, found.fix_for(index, required), needed=required)
    required = sum(1 for _, req in found.issues if req)
    optional = len(found.issues) - required
    also = f" ({', '.join(dict.fromkeys(repeated))}: see above)" if repeated else ""
    d.add("checks", not required, f"{len(found.passed)} passed, {required} to fix{also}, {optional} optional",
          needed=False)


def main() -> int:
    """`python -m harness.devices.doctor_node`: exit 0 when node_modules holds what package.json pins
    (the Makefile then skips `npm ci`: a node_modules shared through a symlink is never reinstalled)."""
    import sys

    from harness.devices.project import project_root

    problems, _ = _node_modules_state(project_root())
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
