"""Doctor checks of a browser on this machine (a web profile with `browser: chromium`): the browser and
the chromedriver the profile names exist, and are of one major version (chromedriver refuses another).
"""

from __future__ import annotations

import re
from pathlib import Path

from harness.devices.doctor_checks import CheckRun

VERSION = re.compile(r"(\d+)\.\d+\.\d+")
INSTALL = "sudo apt-get install chromium chromium-driver   (or: make system-deps)"


def browser_checks(d: CheckRun) -> None:
    assert d.profile is not None
    options = d.profile.capability("goog:chromeOptions") or {}
    binary = options.get("binary") if isinstance(options, dict) else None
    driver = d.profile.capability("executable")
    majors = []
    for name, given, fallback in (("browser", binary, "chromium"), ("chromedriver", driver, "chromedriver")):
        path = Path(given) if given else d.host.which(fallback)
        if path is None or not path.is_file():
            where = f"{given} (the profile's)" if given else f"no {fallback} on PATH"
            d.add(name, False, f"not found: {where}", INSTALL)
            continue
        done = d.host.run([path, "--version"], timeout=20)
        found = VERSION.search(done.output) if done.ok else None
        if found is None:
            d.add(name, False, f"{path} does not say its version: {done.error()}", INSTALL)
            continue
        majors.append(found.group(1))
        d.add(name, True, f"{done.output.splitlines()[0].strip()} ({path})")
    if not driver:
        d.add("no download", False, "the profile names no chromedriver (capability executable): the driver "
              "would download one", "add `executable: /usr/bin/chromedriver` under capabilities")
    if len(majors) == 2:
        d.add("versions", majors[0] == majors[1], f"browser {majors[0]}, chromedriver {majors[1]}",
              "install the chromedriver of the browser's major version (Debian: chromium-driver)")
