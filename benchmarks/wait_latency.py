"""How fast a wait notices a late element, and what it costs the device, side by side in one run.

On the simulated device (`--latency-ms` per command, 30 ms by default: about a fast emulator), the app
model's late-element fault makes the password field of the login screen appear 0.5 to 3 s after the
screen opens. The element has two fallback locators, as a screen map lists them (Android: its id, then its
accessibility id; iOS: its accessibility id, then a predicate on its type). Each trial opens the screen
and waits for the element:

- harness: `wait_for` translated and run by the harness's executor (its poll schedule in
  harness/waiting.py; the fallbacks polled as one query where the driver combines them);
- WebDriverWait 0.1 s: the loop an engineer writes to notice fast, Selenium's WebDriverWait with
  poll_frequency=0.1, trying the fallbacks in turn;
- WebDriverWait 0.5 s: the same with Selenium's default poll_frequency.

Prints, per platform and way of waiting: the finds sent, finds per second of waiting, and how late the
element was noticed (median and max over the trials: the time the wait returned minus the time the
element appeared on the device). Goal: the harness notices within 100 ms and sends no more finds per
second of waiting than the hand-written loop that polls every 0.1 s.

    .venv/bin/python benchmarks/wait_latency.py [--latency-ms 30] [--trials 8] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy
from selenium.webdriver.support.wait import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.devices.capabilities import build_options  # noqa: E402
from harness.devices.profiles import load_profile  # noqa: E402
from harness.devices.translation import translate_context  # noqa: E402
from harness.runner.executor import Executor  # noqa: E402
from harness.scenario.loader import load_scenario  # noqa: E402
from harness.sim.server import SimServer  # noqa: E402
from harness.translate.steps import translate  # noqa: E402

SCREENS = """screens:
  login:
    password:
      android: [{id: login_password}, {accessibility_id: Password}]
      ios: [{accessibility_id: Password}, {ios_predicate: 'type == "XCUIElementTypeSecureTextField"'}]
"""
SCENARIO = "name: wait\napp: netflix\nscreens: screens.yaml\nsteps:\n  - wait_for: login.password\n"
HAND = {  # the same two fallbacks, as a person writes them for the client
    "android": [(AppiumBy.ID, "login_password"), (AppiumBy.ACCESSIBILITY_ID, "Password")],
    "ios": [(AppiumBy.ACCESSIBILITY_ID, "Password"),
            (AppiumBy.IOS_PREDICATE, 'type == "XCUIElementTypeSecureTextField"')],
}
APP = {"android": "com.netflix.mediaclient", "ios": "com.netflix.Netflix"}
WAYS = ("harness", "WebDriverWait 0.1 s", "WebDriverWait 0.5 s")
FINDS = ("findElement", "findElements")


def find_command(platform: str, folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "screens.yaml").write_text(SCREENS)
    (folder / "wait.yaml").write_text(SCENARIO)
    scenario = load_scenario(folder / "wait.yaml")
    profile = load_profile(f"sim-{platform}")
    ctx = translate_context(profile, "netflix", screens=scenario.screens, variables={})
    commands = translate(scenario.steps[0], ctx)  # the find, then the check that it is displayed
    return profile, commands[0]


def trial(server: SimServer, profile, platform: str, way: str, command,
          delay: float) -> tuple[int, float, float]:
    """(finds sent, seconds waited, seconds late) of one wait for an element that appears `delay` s late."""
    options = build_options(profile, "netflix")
    options.set_capability("harness:faults", {"late_elements": [
        {"screen": "login", "element": "password", "after_ms": int(delay * 1000)}]})
    driver = webdriver.Remote(command_executor=server.url, options=options)
    try:
        app = {"appId" if platform == "android" else "bundleId": APP[platform]}
        driver.execute_script("mobile: activateApp", app)
        runtime = server.sessions[driver.session_id].runtime
        appears = runtime.entered_at + delay
        before = server.command_counts(driver.session_id)
        started = time.monotonic()
        if way == "harness":
            Executor(driver).run(command, timeout=10)
        else:
            poll = 0.1 if "0.1" in way else 0.5
            locators = HAND[platform]
            WebDriverWait(driver, 10, poll_frequency=poll).until(
                lambda d: next((f for by, value in locators if (f := d.find_elements(by, value))), None))
        noticed = time.monotonic()
        after = server.command_counts(driver.session_id)
        finds = sum(after.get(n, 0) - before.get(n, 0) for n in FINDS)
        return finds, noticed - started, noticed - appears
    finally:
        driver.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--trials", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    delays = [rng.uniform(0.5, 3.0) for _ in range(args.trials)]
    print(f"simulated device latency {args.latency_ms:g} ms/command; {args.trials} trials per way, "
          f"element {min(delays):.2f}-{max(delays):.2f} s late; two fallback locators")
    print(f"{'platform':<9}{'way':<22}{'finds':>7}{'finds/s':>9}{'late median (ms)':>18}"
          f"{'late max (ms)':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        for platform in ("android", "ios"):
            profile, command = find_command(platform, Path(tmp) / platform)
            with SimServer(platform=platform, latency_ms=args.latency_ms) as server:
                results: dict[str, list[tuple[int, float, float]]] = {way: [] for way in WAYS}
                for delay in delays:
                    for way in WAYS:  # interleaved: the machine's load falls on every way alike
                        results[way].append(trial(server, profile, platform, way, command, delay))
            for way in WAYS:
                finds = sum(r[0] for r in results[way])
                waited = sum(r[1] for r in results[way])
                late = [1000 * r[2] for r in results[way]]
                print(f"{platform:<9}{way:<22}{finds:>7}{finds / waited:>9.1f}"
                      f"{statistics.median(late):>18.0f}{max(late):>15.0f}")
            if "combined" in command.fields:
                query = command.fields["combined"]
                print(f"{'':<9}harness polls one query: {query['using']}: {query['value']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
