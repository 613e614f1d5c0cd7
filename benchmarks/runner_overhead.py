"""What the harness adds to raw Appium calls, measured side by side in one run.

Runs the sign-out scenario 20 times through the harness (one session, the scenario's own launch_app
resets the app) and the same Appium calls hand-written with Appium-Python-Client 20 times, alternating,
against one simulated Android device with 30 ms latency per command (about a fast emulator).
Prints the wall-time ratio (goal < 1.10), the harness's own CPU time per step (client thread only: the
simulated device runs in other threads), and the round trips per step kind (goal: a tap costs two).

    .venv/bin/python benchmarks/runner_overhead.py [--runs 20] [--latency-ms 30]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from appium import webdriver
from appium.webdriver.common.appiumby import AppiumBy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.devices.capabilities import build_options  # noqa: E402
from harness.devices.profiles import load_profile  # noqa: E402
from harness.devices.translation import translate_context  # noqa: E402
from harness.runner.engine import RunSettings, ScenarioRunner  # noqa: E402
from harness.runner.executor import Executor  # noqa: E402
from harness.scenario import steps as s  # noqa: E402
from harness.scenario.loader import load_scenario  # noqa: E402
from harness.scenario.variables import scenario_variables  # noqa: E402
from harness.secrets import REGISTRY  # noqa: E402
from harness.sim.server import SimServer  # noqa: E402

APP = "com.netflix.mediaclient"
SCROLL_INTO_VIEW = ("new UiScrollable(new UiSelector().scrollable(true).instance(0)).setMaxSearchSwipes(10)"
                    ".scrollIntoView({})")


class CountingRunner(ScenarioRunner):
    """The real runner, recording the device's command count of every leaf step by kind."""

    def __init__(self, *args, server: SimServer, session_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.server, self.session_id = server, session_id
        self.round_trips: dict[str, list[int]] = defaultdict(list)

    def _execute(self, step, ctx):
        if isinstance(step, s.RunFlow | s.Repeat | s.Retry):
            return super()._execute(step, ctx)
        before = self.server.command_counts(self.session_id).get("total", 0)
        super()._execute(step, ctx)
        self.round_trips[step.kind].append(self.server.command_counts(self.session_id)["total"] - before)


def visible(driver, by: str, value: str) -> bool:
    found = driver.find_elements(by, value)
    return bool(found) and found[0].is_displayed()


def raw_sign_out(driver, email: str, password: str) -> None:
    """The scenario written by hand: the same calls a careful engineer makes."""

    def login() -> None:
        driver.find_element(AppiumBy.ID, "login_email").click()
        driver.find_element(AppiumBy.ID, "login_email").send_keys(email)
        driver.find_element(AppiumBy.ID, "login_password").send_keys(password)
        driver.execute_script("mobile: hideKeyboard", {})
        driver.find_element(AppiumBy.ID, "login_sign_in").click()
        if visible(driver, AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Who\'s watching?")'):
            driver.find_elements(AppiumBy.ID, "profile_avatar")[0].click()

    driver.execute_script("mobile: terminateApp", {"appId": APP})
    driver.execute_script("mobile: activateApp", {"appId": APP})
    while driver.execute_script("mobile: queryAppState", {"appId": APP}) != 4:  # on screen yet?
        time.sleep(0.05)
    if visible(driver, AppiumBy.ID, "login_sign_in"):
        login()
    if visible(driver, AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Who\'s watching?")'):
        driver.find_elements(AppiumBy.ID, "profile_avatar")[0].click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "My Netflix").click()
    driver.find_element(AppiumBy.ACCESSIBILITY_ID, "Menu").click()
    driver.find_element(AppiumBy.ID, "menu_account").click()
    title = driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, 'new UiSelector().text("Account")')
    assert title.is_displayed()
    driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR,
                        SCROLL_INTO_VIEW.format('new UiSelector().text("Security and Privacy")'))
    driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR, SCROLL_INTO_VIEW.format(
        f'new UiSelector().resourceId("{APP}:id/sign_out_all_devices")'))
    driver.find_element(AppiumBy.ID, "sign_out_all_devices").click()
    assert driver.find_element(AppiumBy.ANDROID_UIAUTOMATOR,
                               'new UiSelector().text("Sign out of all devices?")').is_displayed()
    driver.get_screenshot_as_png()
    driver.find_element(AppiumBy.ID, "android:id/button1").click()
    assert driver.find_element(AppiumBy.ID, "login_sign_in").is_displayed()
    if visible(driver, AppiumBy.ID, "login_sign_in"):  # on_complete: sign in again
        login()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=30.0)
    args = parser.parse_args()

    profile = load_profile("sim-android")
    scenario = load_scenario(ROOT / "scenarios/netflix/sign_out_all_devices.yaml")
    variables = scenario_variables(scenario.file.env, {}, profile.env)
    email, password = variables["EMAIL"].text, variables["PASSWORD"].text
    ctx = translate_context(profile, scenario.file.app, screens=scenario.screens, variables=variables,
                            strict_variables=True)
    REGISTRY.add_variables(variables)

    with SimServer(platform="android", latency_ms=args.latency_ms) as server:
        driver = webdriver.Remote(command_executor=server.url, options=build_options(profile, "netflix"))
        runner = CountingRunner(Executor(driver), ctx, RunSettings(step_timeout=5),
                                server=server, session_id=driver.session_id)
        wall = {"harness": [], "raw": []}
        cpu = {"harness": 0.0, "raw": 0.0}
        raw_commands = harness_commands = 0
        for index in range(2 * args.runs):
            which = "harness" if index % 2 == 0 else "raw"
            before = server.command_counts(driver.session_id).get("total", 0)
            started, cpu_started = time.perf_counter(), time.thread_time()
            if which == "harness":
                runner.run(scenario)
            else:
                raw_sign_out(driver, email, password)
            cpu[which] += time.thread_time() - cpu_started
            wall[which].append(time.perf_counter() - started)
            sent = server.command_counts(driver.session_id)["total"] - before
            if which == "harness":
                harness_commands += sent
            else:
                raw_commands += sent
        driver.quit()

    steps = sum(len(v) for v in runner.round_trips.values())
    ratio = sum(wall["harness"]) / sum(wall["raw"])
    print(f"simulated device latency: {args.latency_ms:g} ms/command, {args.runs} runs each, alternating")
    print(f"{'':24}{'harness':>12}{'raw client':>12}")
    print(f"{'median wall per run (s)':24}{statistics.median(wall['harness']):>12.3f}"
          f"{statistics.median(wall['raw']):>12.3f}")
    print(f"{'commands per run':24}{harness_commands / args.runs:>12.1f}{raw_commands / args.runs:>12.1f}")
    print(f"{'client CPU per run (ms)':24}{1000 * cpu['harness'] / args.runs:>12.1f}"
          f"{1000 * cpu['raw'] / args.runs:>12.1f}")
    print(f"wall-time ratio harness/raw: {ratio:.3f}  (goal < 1.10)")
    own = max(cpu["harness"] - cpu["raw"], 0.0)
    print(f"harness's own CPU per step: {1000 * own / max(steps, 1):.2f} ms  "
          f"({steps} steps in {args.runs} runs)")
    print("round trips per step kind (min / median / max):")
    for kind, counts in sorted(runner.round_trips.items()):
        print(f"  {kind:<18} {min(counts)} / {statistics.median(counts):g} / {max(counts)}   "
              f"({len(counts)} steps)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
