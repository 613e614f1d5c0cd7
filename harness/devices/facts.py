"""What the device under test really is, read from its live session: model, OS version, the app's id and
version, the server and the driver with their versions.

A profile only names a device ("android-emulator"); the report must say which phone, which OS build and
which app build a result comes from. Every source is asked once per session and may be missing (a fake
driver has no `mobile: deviceInfo`, a remote Grid has no local driver package): a fact that cannot be
read is left out, it never fails the run.

Sources, in order of trust:
- the capabilities the session returned (UiAutomator2: deviceModel, deviceManufacturer, platformVersion;
  XCUITest: platformVersion, deviceName);
- `mobile: deviceInfo` (both drivers: model, manufacturer, platformVersion / name);
- `mobile: listApps` for the app's version (UiAutomator2: versionCode; XCUITest: CFBundleShortVersionString
  and CFBundleVersion);
- `GET /status` of the server (Appium: build.version; Selenium Grid: its nodes' version);
- for an Appium server started from this project: the driver package's version in node_modules.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from harness.devices.appium_server import driver_for, get_status
from harness.devices.project import project_root
from harness.devices.remote import basic_auth, vendor_name

DRIVER_PACKAGES = ("appium-{}-driver", "@appium/{}-driver")  # where node_modules keeps a driver


@dataclass(frozen=True)
class DeviceFacts:
    platform: str
    driver: str  # the automationName the session runs (Fake, UiAutomator2, XCUITest)
    model: str | None = None
    manufacturer: str | None = None
    os_version: str | None = None
    device_name: str | None = None
    app_id: str | None = None
    app_version: str | None = None
    server: str | None = None  # "Appium 3.8.0", "Selenium Grid 4.48.0", "simulated device 0.1.0"
    driver_version: str | None = None
    browser: str | None = None  # a web profile's: "chrome 156.0.8078.114", as the session says

    def shown(self) -> dict[str, str]:
        """Name -> value of the facts known, in the order a person reads them."""
        os_name = {"android": "Android", "ios": "iOS"}.get(self.platform, self.platform)
        model = " ".join(part for part in (self.manufacturer, self.model) if part) or self.device_name
        out = {
            "model": model,
            "OS": f"{os_name} {self.os_version}" if self.os_version else None,
            "app": " ".join(p for p in (self.app_id, self.app_version) if p) or None,
            "browser": self.browser,
            "server": self.server,
            "driver": " ".join(p for p in (self.driver, self.driver_version) if p),
        }
        return {name: value for name, value in out.items() if value}

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> DeviceFacts:
        return cls(**json.loads(text))


def read_facts(driver: Any, profile: Any, server_url: str | None, app_id: str | None, *,
               local_appium: bool, root: Path | None = None,
               credentials: tuple[str | None, str | None] = (None, None)) -> DeviceFacts:
    """The facts of the session `driver` on `profile` (best effort: what cannot be read stays None).

    `local_appium`: the server is an Appium this project started from its node_modules (so the driver's
    version is that of the installed package)."""
    caps = _capabilities(driver)
    info = _execute(driver, "mobile: deviceInfo", {})
    info = info if isinstance(info, dict) else {}
    app = app_id or _cap(caps, "appPackage") or _cap(caps, "bundleId")
    automation = profile.automation_name  # what the session asked for (the reply echoes it, in any case)
    return DeviceFacts(
        platform=_device_platform(profile),
        driver=str(automation),
        model=_text(_cap(caps, "deviceModel") or info.get("model")),
        manufacturer=_text(_cap(caps, "deviceManufacturer") or info.get("manufacturer")),
        os_version=_text(_cap(caps, "platformVersion") or info.get("platformVersion")),
        device_name=_text(_cap(caps, "deviceName") or info.get("name")),
        app_id=_text(app),
        app_version=_app_version(driver, app) if app else None,
        server=_server(profile, server_url, credentials),
        driver_version=_driver_version(automation, root) if local_appium else None,
        browser=_browser(caps) if getattr(profile, "browser", None) else None,
    )


def _device_platform(profile: Any) -> str:
    """The OS of the device: a web profile's browser runs on a phone (android, ios) or on this machine."""
    browser = getattr(profile, "browser_info", None)
    return str(browser.device) if browser is not None and browser.device else str(profile.platform)


def _browser(caps: dict[str, Any]) -> str | None:
    name, version = caps.get("browserName"), caps.get("browserVersion")
    return " ".join(str(p) for p in (name, version) if p) or None


def _capabilities(driver: Any) -> dict[str, Any]:
    with contextlib.suppress(Exception):
        caps = driver.capabilities
        if isinstance(caps, dict):
            return caps
    return {}


def _cap(caps: dict[str, Any], name: str) -> Any:
    value = caps.get(f"appium:{name}", caps.get(name))
    return value if value not in ("", None) else None


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _execute(driver: Any, script: str, args: dict[str, Any]) -> Any:
    try:
        return driver.execute_script(script, args)
    except Exception:  # unsupported by this driver, or the device cannot say: not a failure of the run
        return None


def _app_version(driver: Any, app_id: str) -> str | None:
    apps = _execute(driver, "mobile: listApps", {})
    entry = apps.get(app_id) if isinstance(apps, dict) else None
    if not isinstance(entry, dict):
        return None
    short = entry.get("CFBundleShortVersionString") or entry.get("versionName")
    build = entry.get("CFBundleVersion") or entry.get("versionCode")
    if short and build and str(build) != str(short):
        return f"{short} ({build})"
    return _text(short or build)


def _server(profile: Any, url: str | None, credentials: tuple[str | None, str | None]) -> str | None:
    vendor = vendor_name(url) if url else None
    if vendor:
        return vendor
    status = get_status(url, timeout=5, headers=basic_auth(credentials)) if url else None
    if status is None:
        return None
    if isinstance(status.get("nodes"), list):  # Selenium Grid
        versions = sorted({str(n.get("version", "")).split(" ")[0] for n in status["nodes"]} - {""})
        return "Selenium Grid" + (f" {versions[0]}" if versions else "")
    version = (status.get("build") or {}).get("version")
    kind = "simulated device" if getattr(profile.server, "start", None) == "sim" else "Appium"
    return f"{kind} {version}" if version else kind


def _driver_version(automation: str, root: Path | None) -> str | None:
    """The version of the driver package in the project's node_modules (APPIUM_HOME)."""
    name = driver_for(automation)
    if name is None:
        return None
    base = (root or project_root()) / "node_modules"
    for pattern in DRIVER_PACKAGES:
        manifest = base / pattern.format(name) / "package.json"
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    return None
