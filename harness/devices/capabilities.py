"""Profile -> Appium-Python-Client options: the capabilities a session is created with.

Order of precedence, lowest first: the option class defaults (platformName, automationName), the profile's
timeouts and app entry, the profile's `capabilities`, then `overrides` (worker ports, a test's own needs).
A capability set to null in a later layer removes it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from appium.options.android import UiAutomator2Options
from appium.options.common.base import AppiumOptions
from appium.options.ios import XCUITestOptions

from harness.devices.profiles import DeviceProfile
from harness.devices.project import project_root
from harness.errors import HarnessError, suggest
from harness.ports import free_port

# Base ports of parallel workers; worker N adds N. UiAutomator2 picks systemPort from 8200..8299 by itself
# when unset, which races between parallel sessions; WDA listens on 8100 by default.
ANDROID_SYSTEM_PORT = 8200
ANDROID_MJPEG_PORT = 7810
IOS_WDA_PORT = 8100
IOS_MJPEG_PORT = 9100
# appium-chromedriver ends any chromedriver on the port it is about to use (`pkill -f ...--port=N`): a
# session gets a port nobody listens on, unless the profile sets a base (then worker N uses base + N)
CHROMEDRIVER_PORT = "chromedriverPort"
HOST_PLATFORM_NAMES = {"linux": "linux", "darwin": "mac", "win32": "windows"}
WDA_DERIVED_DATA = Path(".appium") / "wda"


class UnknownAppError(HarnessError):
    """A scenario names an app the device profile does not define."""


class PoolTooSmallError(HarnessError):
    """More parallel workers than devices listed in the profile's pool."""


def build_options(
    profile: DeviceProfile, app: str | None = None, overrides: Mapping[str, Any] | None = None
) -> AppiumOptions:
    """UiAutomator2Options or XCUITestOptions for a session of `profile` running `app` (an `apps:` key)."""
    options = _options_class(profile)
    options.new_command_timeout = profile.timeouts.new_command
    if app is not None:
        for name, value in app_capabilities(profile, app).items():
            options.set_capability(name, value)
    options.load_capabilities(dict(profile.capabilities))
    options.load_capabilities(dict(overrides or {}))
    _drop_shadowed_defaults(options)
    return options


def _options_class(profile: DeviceProfile) -> AppiumOptions:
    """The option class of the profile's driver; a web profile's with its browser's name and platform."""
    browser = profile.browser_info
    device = profile.platform if browser is None else browser.device
    if device == "android":
        options: AppiumOptions = UiAutomator2Options()
    elif device == "ios":
        options = XCUITestOptions()
    else:  # a browser on this machine (the client has no option class for Appium's Chromium driver)
        assert browser is not None
        options = AppiumOptions()
        options.set_capability("platformName", browser.platform_name or host_platform_name())
        options.set_capability("appium:automationName", browser.automation_name)
    if browser is not None:
        options.set_capability("browserName", browser.browser_name)
    return options


def host_platform_name() -> str:
    """The W3C platformName of this machine, as a driver for its browsers expects it."""
    return HOST_PLATFORM_NAMES.get(sys.platform, sys.platform)


def _drop_shadowed_defaults(options: AppiumOptions) -> None:
    """Keep one spelling per capability.

    The option classes store their defaults unprefixed (`automationName`) while set_capability writes
    `appium:automationName`; both would be sent and the server would see whichever came last. A profile
    that overrides a default (the fake driver's automationName) must send only its own value.
    """
    caps = options._caps  # the client keeps no public way to remove an unprefixed default
    for key in list(caps):
        if ":" not in key and key not in options.W3C_CAPABILITY_NAMES and f"appium:{key}" in caps:
            del caps[key]


def app_capabilities(profile: DeviceProfile, app: str) -> dict[str, Any]:
    """appPackage/appActivity (Android) or bundleId (iOS) of the app entry, plus `app` when it has a build."""
    entry = profile.apps.get(app)
    if entry is None:
        names = ", ".join(sorted(profile.apps)) or "none"
        raise UnknownAppError(
            f'device profile "{profile.name}" has no app "{app}"{suggest(app, profile.apps)}; '
            f"its apps: {names}"
        )
    caps: dict[str, Any] = {}
    if profile.platform == "android":
        caps["appPackage"] = entry.id
        if entry.activity:
            caps["appActivity"] = entry.activity
    else:
        caps["bundleId"] = entry.id
    if entry.path:
        caps["app"] = entry.path
    return caps


def worker_overrides(
    profile: DeviceProfile, worker_index: int, *, local: bool | None = None
) -> dict[str, Any]:
    """Capabilities that keep parallel sessions apart: worker N gets base port + N and its pool entry.

    Ports and a local derivedDataPath are for a server on this machine that the harness starts (`local`;
    by default: the profile says `start: appium`); a remote one (a Grid, a device cloud) gets only those the
    profile sets itself, base + N as well. The simulated device needs none of this (each worker starts its
    own, and behind a real driver it gives its own udid and ports), so simulated profiles get only their
    pool entry, if any. A pool entry's `url` is the worker's server, not a capability.
    """
    if worker_index < 0:
        raise ValueError("worker_index must be >= 0")
    started_here = profile.server.start == "appium" if local is None else local
    overrides: dict[str, Any] = {}
    browser = profile.browser_info
    device = profile.platform if browser is None else browser.device
    if not profile.server.simulated:
        ports: dict[str, int] = {}
        if device == "android":
            ports = {"systemPort": ANDROID_SYSTEM_PORT, "mjpegServerPort": ANDROID_MJPEG_PORT}
        elif device == "ios":
            ports = {"wdaLocalPort": IOS_WDA_PORT, "mjpegServerPort": IOS_MJPEG_PORT}
        for name, default in ports.items():
            if started_here or profile.capability(name) is not None:
                overrides[name] = _base(profile, name, default) + worker_index
        if browser is not None and browser.chromedriver:
            base = profile.capability(CHROMEDRIVER_PORT)
            if base is not None:
                overrides[CHROMEDRIVER_PORT] = int(base) + worker_index
            elif started_here:
                overrides[CHROMEDRIVER_PORT] = free_port()
        derived = profile.capability("derivedDataPath")
        if device == "ios" and (started_here or derived):
            base_dir = derived or project_root() / WDA_DERIVED_DATA
            overrides["derivedDataPath"] = str(Path(base_dir) / f"worker-{worker_index}")
    if profile.pool:
        overrides.update({k: v for k, v in pool_entry(profile, worker_index).items() if k != "url"})
    return overrides


def pool_entry(profile: DeviceProfile, worker_index: int) -> dict[str, Any]:
    """The pool entry of worker N ({} without a pool); too few entries for the workers is an error."""
    if not profile.pool:
        return {}
    if worker_index >= len(profile.pool):
        raise PoolTooSmallError(
            f'device profile "{profile.name}" lists {len(profile.pool)} device(s) under pool:, '
            f"but worker {worker_index} needs one: add entries (a distinct avd / udid / url each) "
            f"or run with at most -n {len(profile.pool)}"
        )
    return dict(profile.pool[worker_index])


def _base(profile: DeviceProfile, name: str, default: int) -> int:
    value = profile.capability(name)
    return int(value) if value is not None else default
