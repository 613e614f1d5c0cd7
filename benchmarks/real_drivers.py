"""Cost of the real drivers in front of the simulated device, against the direct mode, in one run.

    .venv/bin/python benchmarks/real_drivers.py [--rounds 30] [--sessions 3] [--platform android|ios|both]

For each platform, the same commands on the same screen (the login screen, which they leave as it is)
through the direct mode (`sim-*`: the simulated device answers W3C itself) and through Appium 3 with the
real UiAutomator2 / XCUITest driver in front of the simulated device (`appium-sim-*`): server start,
session start (median of --sessions), and per command the median of --rounds. The ratio is what the
real driver's routing, checks, proxying and (Android) adb processes add.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy

from harness.devices.capabilities import build_options, worker_overrides
from harness.devices.profiles import load_profile
from harness.devices.servers import device_capabilities, start_server_for

LINK = {  # clicking it changes nothing: every round sees the same screen
    "android": (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Recover Password")'),
    "ios": (AppiumBy.IOS_PREDICATE, 'label == "Recover Password" OR name == "Recover Password"'),
}
GESTURE = {  # a swipe on a screen with nothing to scroll
    "android": ("mobile: swipeGesture", {"left": 0, "top": 300, "width": 1080, "height": 1800,
                                         "direction": "up", "percent": 0.75}),
    "ios": ("mobile: swipe", {"direction": "up"}),
}
APP_STATE = {"android": {"appId": "com.netflix.mediaclient"}, "ios": {"bundleId": "com.netflix.Netflix"}}


def median_ms(action: Callable[[], Any], rounds: int, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure(profile_name: str, rounds: int, sessions: int, logs: Path) -> dict[str, float]:
    profile = load_profile(profile_name)
    platform = profile.platform
    started = time.perf_counter()
    server = start_server_for(profile, logs, worker="bench")
    figures = {"server start": (time.perf_counter() - started) * 1000}
    overrides = {**worker_overrides(profile, 0), **device_capabilities(server)}
    options = build_options(profile, "netflix", overrides=overrides)
    try:
        starts = []
        for _ in range(sessions):
            started = time.perf_counter()
            driver = webdriver.Remote(server.url, options=options)
            starts.append((time.perf_counter() - started) * 1000)
            driver.quit()
        figures["session start"] = statistics.median(starts)
        driver = webdriver.Remote(server.url, options=options)
        try:
            driver.execute_script("mobile: terminateApp", APP_STATE[platform])
            launch = "mobile: activateApp" if platform == "android" else "mobile: launchApp"
            driver.execute_script(launch, APP_STATE[platform])
            script, args = GESTURE[platform]
            figures["find + click"] = median_ms(lambda: driver.find_element(*LINK[platform]).click(), rounds)
            figures["page source"] = median_ms(lambda: driver.page_source, rounds)
            figures["screenshot"] = median_ms(driver.get_screenshot_as_png, rounds)
            figures[script] = median_ms(lambda: driver.execute_script(script, args), rounds)
            figures["mobile: queryAppState"] = median_ms(
                lambda: driver.execute_script("mobile: queryAppState", APP_STATE[platform]), rounds)
        finally:
            driver.quit()
    finally:
        server.stop()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--platform", choices=("android", "ios", "both"), default="both")
    args = parser.parse_args(argv)
    platforms = ("android", "ios") if args.platform == "both" else (args.platform,)
    logs = Path(tempfile.mkdtemp(prefix="bench-real-drivers-"))
    print(f"direct mode vs real Appium 3 drivers, simulated device ({args.rounds} rounds, "
          f"{args.sessions} sessions; ms, median)")
    print(f"  {'platform':8s} {'what':24s} {'direct':>9s} {'real driver':>12s} {'ratio':>7s}")
    for platform in platforms:
        direct = measure(f"sim-{platform}", args.rounds, args.sessions, logs)
        real = measure(f"appium-sim-{platform}", args.rounds, args.sessions, logs)
        for what, value in direct.items():
            ratio = real[what] / value if value else float("inf")
            print(f"  {platform:8s} {what:24s} {value:9.1f} {real[what]:12.1f} {ratio:6.1f}x")
    print(f"(server and driver logs: {logs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
