"""Round trip cost of find + click on the simulated device, through Appium-Python-Client.

    .venv/bin/python benchmarks/sim_roundtrip.py [--rounds 300] [--platform android|ios|both]
                                                 [--latency-ms 30]

Each round finds an element and clicks it (2 HTTP round trips) on a screen that does not change, so
the figure is the harness's own cost per step: client + HTTP + locator + hit test. Goal (issue 3):
under 5 ms per find + click with no latency. With `--latency-ms` the same loop shows how per-command
latency (the benchmarks' model of a real device, 30 ms) multiplies by the round trips of a step.
Also prints the cost of a page source and a screenshot, which reports take after failures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from appium import webdriver
from appium.options.android import UiAutomator2Options
from appium.options.ios import XCUITestOptions
from appium.webdriver.common.appiumby import AppiumBy

from harness.sim.server import SimServer

GOAL_MS = 5.0


def connect(platform: str, url: str) -> webdriver.Remote:
    if platform == "android":
        options = UiAutomator2Options().set_capability("appPackage", "com.netflix.mediaclient")
    else:
        options = XCUITestOptions().set_capability("bundleId", "com.netflix.Netflix")
    return webdriver.Remote(url, options=options)


def measure(platform: str, rounds: int, latency_ms: float | None) -> dict[str, float]:
    # the "Recover Password" link: clicking it changes nothing, so every round sees the same screen
    locator = (
        (AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Recover Password")')
        if platform == "android"
        else (AppiumBy.IOS_PREDICATE, 'label == "Recover Password" OR name == "Recover Password"')
    )
    with SimServer(platform=platform, latency_ms=latency_ms) as server:
        driver = connect(platform, server.url)
        try:
            for _ in range(min(20, rounds)):  # warm up: connection pool, caches, first tree
                driver.find_element(*locator).click()
            samples = []
            for _ in range(rounds):
                started = time.perf_counter()
                driver.find_element(*locator).click()
                samples.append((time.perf_counter() - started) * 1000)
            source = _timed(lambda: driver.page_source, 5)
            field = driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Password")

            def new_screenshot() -> None:  # change the screen first: an unchanged one is served from cache
                if driver.execute_script("mobile: isKeyboardShown"):
                    driver.execute_script("mobile: hideKeyboard", {})
                else:
                    field.click()
                driver.get_screenshot_as_png()

            shot = _timed(new_screenshot, 3)
            counts = server.command_counts(driver.session_id)
        finally:
            driver.quit()
    samples.sort()
    return {
        "median": statistics.median(samples),
        "p95": samples[int(len(samples) * 0.95) - 1],
        "mean": statistics.fmean(samples),
        "source": source,
        "screenshot": shot,
        "commands": counts["findElement"] + counts["click"],
    }


def _timed(action, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--platform", choices=("android", "ios", "both"), default="both")
    parser.add_argument("--latency-ms", type=float, default=None, help="also run with this delay")
    args = parser.parse_args(argv)
    platforms = ("android", "ios") if args.platform == "both" else (args.platform,)
    worst = 0.0
    print(f"find + click round trip on the simulated device ({args.rounds} rounds, goal < {GOAL_MS:.0f} ms)")
    for platform in platforms:
        r = measure(platform, args.rounds, None)
        worst = max(worst, r["median"])
        print(
            f"  {platform:8s} median {r['median']:.2f} ms  p95 {r['p95']:.2f} ms  mean {r['mean']:.2f} ms"
            f"  | page source {r['source']:.1f} ms  screenshot {r['screenshot']:.1f} ms"
        )
        if args.latency_ms is not None:
            slow = measure(platform, max(10, args.rounds // 10), args.latency_ms)
            print(
                f"  {platform:8s} with {args.latency_ms:g} ms latency per command: "
                f"median {slow['median']:.1f} ms ({slow['median'] / r['median']:.0f}x): "
                "2 round trips per find + click"
            )
    verdict = "OK" if worst < GOAL_MS else "SLOWER THAN GOAL"
    print(f"worst median {worst:.2f} ms: {verdict}")
    return 0 if worst < GOAL_MS else 1


if __name__ == "__main__":
    sys.exit(main())
