"""The web scenarios end to end in a real browser: headless Chromium through Appium 3 and the Chromium
driver, against the stand-in site the profile serves; what their Allure results hold."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from PIL import Image

from tests.helpers import all_attachments, all_steps
from tests.web.web_tier import FAILING, FAILING_STEP, REAL_ACCOUNT, WebRun

WEB_SCENARIOS = ("Sign out of all devices on the website",
                 "Cancel at the sign-out confirmation on the website stays signed in",
                 "A wrong password on the website shows an error")
APP_SCENARIO = "A wrong password shows an error"
LOGO_RED = (229, 9, 20)  # the site's logo, in the top bar of every page


def png(run: WebRun, attachment: dict[str, Any]) -> Image.Image:
    assert attachment["type"] == "image/png"
    return Image.open(io.BytesIO((run.run.results_dir / attachment["source"]).read_bytes())).convert("RGB")


def test_web_scenarios_run_on_the_web_profile_and_app_scenarios_on_the_phone(web_run: WebRun) -> None:
    statuses = {name: result["status"] for name, result in web_run.run.by_name().items()}
    assert statuses == {
        **{f"{name}[web-chromium]": "passed" for name in WEB_SCENARIOS},
        f"{FAILING}[web-chromium]": "failed",
        f"{APP_SCENARIO}[sim-android]": "passed",
    }, web_run.run.output[-3000:]


def test_a_web_scenario_shows_its_steps_and_its_screenshot_of_the_page(web_run: WebRun) -> None:
    result = web_run.result(WEB_SCENARIOS[0])
    titles = [step["name"] for step in all_steps(result)]
    assert titles[:2] == ["Start clean (no alert of the page open)", "Open url"]
    for title in ("Tap login.sign_in (css selector)", "Open the profile menu (profile icon, top right)",
                  "Scroll to account.security_and_privacy (xpath)",
                  "Tap sign_out_dialog.log_out (css selector)",
                  "Assert visible login.sign_in (css selector)"):
        assert title in titles
    assert all(step["status"] == "passed" for step in all_steps(result))
    [shot] = [a for a in all_attachments(result) if a["name"] == "confirmation dialog"]
    image = png(web_run, shot)
    assert image.size == (780, 1688)  # the emulated phone: 390 x 844 CSS pixels at a pixel ratio of 2
    assert image.getpixel((195 * 2, 500 * 2)) == (255, 255, 255)  # the confirmation dialog, open mid-page


def test_the_must_fail_scenario_has_the_page_on_its_failing_step(web_run: WebRun) -> None:
    result = web_run.result(FAILING)
    assert "no element matched 'Welcome back' within 1s" in result["statusDetails"]["message"]
    [failing] = [step for step in all_steps(result) if step["status"] == "failed"]
    assert failing["name"] == FAILING_STEP
    names = {a["name"]: a for a in failing["attachments"]}
    image = png(web_run, names["screenshot on failure"])
    assert image.size == (780, 1688)
    top_bar = [image.getpixel((x, y)) for x in range(0, 400, 4) for y in range(20, 90, 4)]
    assert LOGO_RED in top_bar  # the sign-in page the browser showed, not a blank or a stale one
    source = (web_run.run.results_dir / names["page source"]["source"]).read_text()
    assert 'id="sign-in"' in source and "<title>Sign In</title>" in source


def test_results_name_the_platform_the_browser_and_what_the_session_ran(web_run: WebRun) -> None:
    result = web_run.result(WEB_SCENARIOS[2])
    labels = {label["name"]: label["value"] for label in result["labels"]}
    assert (labels["platform"], labels["browser"], labels["driver"]) == ("web", "chromium", "Chromium")
    assert labels["suite"] == "web-chromium" and labels["parentSuite"] == "scenarios/netflix/web"
    parameters = {p["name"]: p["value"] for p in result["parameters"]}
    assert parameters["browser"].startswith("chrome 156."), parameters
    assert parameters["driver"].startswith("Chromium 3.1.1"), parameters


def test_no_secret_reaches_the_results_or_the_logs(web_run: WebRun) -> None:
    folders = [web_run.run.results_dir, web_run.artifacts]
    files = [path for folder in folders for path in folder.rglob("*") if path.is_file()]
    assert any(path.name.startswith("appium-web-chromium") for path in files)  # the server log is there
    for path in files:  # the stand-in's password, and the environment's (a secret the app scenario read)
        data = path.read_bytes()
        assert b"demo-password" not in data, path
        assert REAL_ACCOUNT["NETFLIX_PASSWORD"].encode() not in data, path


def test_the_site_and_its_cookies_are_the_browsers_own(web_run: WebRun) -> None:
    """The wrong password scenario ran after a sign-out of all devices: its clean start (cookies deleted)
    and the site's error text, from the one session the four web scenarios shared."""
    result = web_run.result(WEB_SCENARIOS[2])
    steps = {step["name"]: step for step in all_steps(result)}
    assert steps["Assert visible login.wrong_password (css selector)"]["status"] == "passed"
    log = next(Path(web_run.artifacts).glob("appium-web-chromium-*.log")).read_text()
    assert log.count("POST /session {") == 1  # one browser session for the whole run
    # Debian's chromedriver, never a download, on a port of this session's own (pkill goes by port)
    assert '"appium:executable":"/usr/bin/chromedriver"' in log
    assert '"appium:autodownloadEnabled":false' in log
    assert re.search(r'"appium:chromedriverPort":\d+', log)
