"""The web platform in the scenario language, without a browser: lint knows the selector keys a browser
accepts and the steps it has no form for, `harness plan --platform web` prints the commands, profiles
and capabilities of the three browsers, and collection pairs web scenarios with web profiles only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness.cli.lint import lint_paths
from harness.devices.capabilities import build_options, worker_overrides
from harness.devices.profiles import load_profile
from harness.errors import InvalidInputError
from tests.helpers import ROOT, clean_env, run_harness, write_file

SIGN_OUT = "scenarios/netflix/web/sign_out_all_devices.yaml"


def located(problems: list) -> list[tuple[str, int, int, str, bool]]:
    return [(Path(p.path).name, p.line, p.column, p.message, p.warning) for p in problems]


def test_a_native_key_in_a_web_block_is_an_error_at_its_line(tmp_path: Path) -> None:
    write_file(tmp_path, "screens/m.yaml",
          "screens:\n  login:\n    go:\n      android: {text: Go}\n      web:\n        - {css: '#go'}\n"
          "        - {accessibility_id: Go}\n")
    _, problems = lint_paths([str(tmp_path / "screens/m.yaml")])
    assert located(problems) == [("m.yaml", 7, 30, "accessibility_id has no web form (it selects native "
                                  "elements only): in a web: block use css, xpath, id, text, text_contains",
                                  False)]


def test_web_scenarios_are_checked_for_the_web_and_app_scenarios_for_the_phones(tmp_path: Path) -> None:
    write_file(tmp_path, "screens/m.yaml",
          "screens:\n  login:\n    go: {android: {id: go}, ios: {accessibility_id: Go}}\n"
          "    help: {accessibility_id: Help, web: {css: a.help}}\n")
    web = write_file(tmp_path, "web.yaml", "name: web\nurl: https://example.org/\nscreens: screens/m.yaml\n"
                "steps:\n  - tap: login.help\n  - tap: {text_regex: 'G.'}\n  - tap: login.go\n"
                "  - tap: {android_uiautomator: x, web: {id: x}}\n")
    app = write_file(tmp_path, "app.yaml", "name: app\nscreens: screens/m.yaml\nsteps:\n  - tap: login.go\n"
                "  - tap: {css: a.help}\n  - open_url: https://example.org/\n")
    _, problems = lint_paths([str(web), str(app)])
    css = "css selects web content only: use it after `switch_context: webview`"
    assert located(problems) == [
        ("app.yaml", 5, 5, f"{css} (on android)", False),
        ("app.yaml", 5, 5, f"{css} (on ios)", False),
        ("app.yaml", 6, 5, "open_url opens a page in a browser: it is a step of web scenarios (with url: "
         "instead of app:); in an app, open_link opens a URL (on android)", False),
        ("app.yaml", 6, 5, "open_url opens a page in a browser: it is a step of web scenarios (with url: "
         "instead of app:); in an app, open_link opens a URL (on ios)", False),
        # a web scenario runs nowhere else: an element without a web locator is an error, not a warning
        ("web.yaml", 6, 5, "text_regex in this selector has no web form (it selects native elements only): "
         "add a `web:` block with one of css, xpath, id, text, text_contains (on web)", False),
        ("web.yaml", 7, 5, f"screen element login.go has no web locator: add `web:` locators to it in "
         f"{tmp_path}/screens/m.yaml (on web)", False),
    ]


def test_a_scenario_names_an_app_or_a_page_not_both(tmp_path: Path) -> None:
    path = write_file(tmp_path, "s.yaml", "name: s\napp: shop\nurl: https://example.org/\nsteps:\n  - back\n")
    _, problems = lint_paths([str(path)])
    assert [p.message for p in problems] == [
        "a scenario runs an app (app:) or a page in a browser (url:), not both"]


def test_plan_for_the_web_prints_the_browser_commands() -> None:
    done = run_harness("plan", SIGN_OUT, "--platform", "web", unset=("NETFLIX_WEB_URL", "NETFLIX_EMAIL"))
    assert done.code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[1] == ("Platform: web (a browser: Chrome on Android, Safari on iOS, or Chromium here), "
                        "url: ${NETFLIX_WEB_URL}")
    text = done.stdout
    assert '       navigate              url="${NETFLIX_WEB_URL}"' in text
    assert "find_element          css selector: #sign-out-all | xpath: //body//*[text()[normalize-space(.)=" \
           "'Sign out of all devices']]" in text
    assert "run_script            arguments[0].scrollIntoView" in text
    assert "mobile:" not in text
    # a web scenario's only platform is the default; an app scenario is not planned for a browser
    assert run_harness("plan", SIGN_OUT).stdout == done.stdout
    wrong = run_harness("plan", "scenarios/netflix/sign_out_all_devices.yaml", "--platform", "web")
    assert wrong.code == 1
    assert "runs an app (no url:): plan it for android or ios, not web" in wrong.stderr


def test_plan_with_a_web_profile_shows_its_capabilities() -> None:
    done = run_harness("plan", SIGN_OUT, "--device", "web-chromium", "--json",
                       env={"NETFLIX_WEB_URL": "https://www.example.com"})
    assert done.code == 0, done.stderr
    navigations = [c["url"] for c in json.loads(done.stdout) if c["op"] == "navigate"]
    assert navigations == ["https://www.example.com"]
    text = run_harness("plan", SIGN_OUT, "--device", "web-chromium").stdout
    assert "Platform: web (Chromium, chromium)" in text
    assert '  browserName: "chrome"' in text and '  appium:executable: "/usr/bin/chromedriver"' in text


def test_the_three_browsers_get_their_drivers_capabilities() -> None:
    profile = load_profile("web-chromium")
    caps = build_options(profile, None, worker_overrides(profile, 0)).to_w3c()["capabilities"]["alwaysMatch"]
    assert (caps["platformName"], caps["appium:automationName"], caps["browserName"]) == (
        "linux", "Chromium", "chrome")
    assert caps["appium:executable"] == "/usr/bin/chromedriver"
    assert caps["appium:autodownloadEnabled"] is False  # Debian's chromedriver, never a downloaded one
    ports = {worker_overrides(profile, 0)["chromedriverPort"] for _ in range(5)}
    assert len(ports) == 5  # a free port for each session: appium-chromedriver pkills by port
    chrome = load_profile("android-chrome", environ={})
    caps = build_options(chrome, None, worker_overrides(chrome, 1)).to_w3c()["capabilities"]["alwaysMatch"]
    assert (caps["platformName"], caps["appium:automationName"].lower(), caps["browserName"]) == (
        "Android", "uiautomator2", "Chrome")
    assert (caps["appium:chromedriverPort"], caps["appium:systemPort"]) == (9516, 8201)  # base + worker
    assert "appium:appPackage" not in caps
    safari = load_profile("ios-safari", environ={})
    caps = build_options(safari, None, worker_overrides(safari, 0)).to_w3c()["capabilities"]["alwaysMatch"]
    assert (caps["platformName"], caps["appium:automationName"], caps["browserName"]) == (
        "iOS", "XCUITest", "Safari")
    assert "appium:chromedriverPort" not in caps and caps["appium:wdaLocalPort"] == 8100


@pytest.mark.parametrize(("text", "message"), [
    ("platform: web\n", 'a web profile names its browser: browser: chrome | safari | chromium'),
    ("platform: android\nbrowser: chrome\n", "browser is for web profiles (platform: web): remove it for "
     "android"),
    ("platform: web\nbrowser: chromium\napps: {shop: {id: a.b}}\n", "a web profile opens pages, it has no "
     "apps: remove apps (scenarios give their url:)"),
])
def test_web_profiles_are_checked(tmp_path: Path, text: str, message: str) -> None:
    path = write_file(tmp_path, "p.yaml",
                      text + "server: {start: appium}\nscreen: {width: 390, height: 844}\n")
    with pytest.raises(InvalidInputError) as caught:
        load_profile(path)
    assert [p.message for p in caught.value.problems] == [message]


def test_a_web_profile_cannot_be_the_simulated_device(tmp_path: Path) -> None:
    path = write_file(tmp_path, "p.yaml", "platform: web\nbrowser: chromium\nserver: {start: sim}\n"
                 "screen: {width: 390, height: 844}\n")
    with pytest.raises(InvalidInputError, match="the simulated device runs apps, not a browser"):
        load_profile(path)


def pytest_run(*args: str) -> str:
    import subprocess
    import sys

    command = [sys.executable, "-m", "pytest", *args, "-p", "no:cacheprovider", "-o", "testpaths="]
    done = subprocess.run(command, cwd=ROOT, env=clean_env(), capture_output=True, text=True, timeout=120,
                          check=False)
    return done.stdout + done.stderr


def test_collection_pairs_web_scenarios_with_web_profiles_only() -> None:
    out = pytest_run("scenarios/netflix", "--device", "sim-android", "--device", "web-chromium",
                     "--collect-only", "-q")
    ids = [line for line in out.splitlines() if "::" in line]
    web = [i for i in ids if i.startswith("scenarios/netflix/web/")]
    app = [i for i in ids if not i.startswith("scenarios/netflix/web/")]
    assert len(web) == 3 and all(i.endswith("[web-chromium]") for i in web), ids
    assert len(app) == 4 and all(i.endswith("[sim-android]") for i in app), ids


def test_a_run_with_no_device_for_its_scenarios_says_which_profile_they_need() -> None:
    out = pytest_run("scenarios/netflix/web", "--device", "sim-android")
    assert ("harness: 3 scenario(s) here run in a browser (url:): add a web device profile, e.g. --device "
            "web-chromium") in out
