"""Capability names each driver is known to accept, taken from Appium-Python-Client's option classes.

A misspelt capability is silently ignored by the drivers (`noRest: true` and the app's data is wiped), so
profiles reject a name that is not known but is very close to one that is. Names far from every known one
pass through: the client can lag behind the drivers, and vendors add their own (`vendor:name`).
"""

from __future__ import annotations

import difflib
import re
import sys
from functools import cache

from appium.options.android import UiAutomator2Options
from appium.options.common.base import AppiumOptions
from appium.options.ios import XCUITestOptions

from harness.drivers import AUTOMATION_NAMES

W3C_NAMES = AppiumOptions.W3C_CAPABILITY_NAMES
# appium-chromium-driver 3.1.1 has no option class in the client: its desired-caps.js, plus the common
# ones every Appium driver reads
CHROMIUM_NAMES = frozenset({
    "chromedriverPort", "useSystemExecutable", "executable", "executableDir", "verbose", "logPath",
    "autodownloadEnabled", "disableBuildCheck", "browserName", "automationName", "newCommandTimeout",
})
_CAMEL = re.compile(r"^[a-z][A-Za-z0-9]*$")
CLOSE = 0.85  # difflib ratio: catches one or two wrong letters, not different words


@cache
def known_names(platform: str) -> frozenset[str]:
    """Capability names (without `appium:`) defined by the option class of the platform's driver
    (`platform`: android, ios, or chromium for a browser on this machine)."""
    if platform == "chromium":
        return CHROMIUM_NAMES | W3C_NAMES
    cls = UiAutomator2Options if platform == "android" else XCUITestOptions
    names: set[str] = set()
    for base in cls.__mro__:
        module = sys.modules.get(base.__module__)
        for attr, value in vars(module).items() if module else ():
            if attr.isupper() and isinstance(value, str) and _CAMEL.match(value):
                names.add(value)
    return frozenset(names | W3C_NAMES)


def bare(name: str) -> str:
    """`appium:avd` -> `avd`; other vendor prefixes are kept."""
    return name[len("appium:") :] if name.startswith("appium:") else name


def check_name(name: str, platform: str, *, check_platform: bool = True) -> str | None:
    """A message when `name` looks like a typo or belongs to the other platform's driver, else None."""
    plain = bare(name)
    if ":" in plain:
        return None  # another vendor's capability
    mine = known_names(platform)
    if plain in mine:
        return None
    other_platform = {"android": "ios", "ios": "android"}.get(platform)
    if check_platform and other_platform and plain in known_names(other_platform):
        driver = AUTOMATION_NAMES[other_platform]  # type: ignore[index]
        return f'capability "{plain}" belongs to the {driver} driver, not to a {platform} profile'
    close = difflib.get_close_matches(plain, sorted(mine), n=1, cutoff=CLOSE)
    if close:
        return f'unknown capability "{plain}" (did you mean "{close[0]}"?)'
    return None
