"""The shipped device-cloud profiles (BrowserStack, Sauce Labs, LambdaTest), run against loopback stand-ins
of their hubs: the new-session request carries exactly the capabilities their docs ask for (no local
ports, the vendor's app reference as written), every request authenticates with HTTP basic auth, a
session link in the answer becomes an Allure link, and no file the run writes holds the access key."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from harness.devices.remote import SessionLink, vendor_link, vendor_name
from harness.sim.server import SimServer
from tests.grid.cloud_stand_in import CloudStandIn
from tests.helpers import ROOT, run_pytest, write_scenario
from tests.reliability.helpers import leaks, written_files

USER, KEY = "qa-team", 'Acc3ss-"K&y/é-9d1f'  # a key with characters every encoding treats differently
BS_APP, LT_APP = "bs://c700ce60cf13ae8ed97705a55b8e022f13c5827c", "lt://APP10160521781684925437771"
CLOUD_ENV = {
    "BROWSERSTACK_USERNAME": USER, "BROWSERSTACK_ACCESS_KEY": KEY, "BROWSERSTACK_APP": BS_APP,
    "SAUCE_USERNAME": USER, "SAUCE_ACCESS_KEY": KEY,
    "LT_USERNAME": USER, "LT_ACCESS_KEY": KEY, "LT_APP": LT_APP,
    "NETFLIX_EMAIL": "demo@example.com", "NETFLIX_PASSWORD": "demo-password",  # the simulated account
}
EXPECTED = {
    "browserstack-android": {
        "platformName": "Android", "appium:automationName": "UIAutomator2", "appium:newCommandTimeout": 300,
        "appium:appPackage": "com.netflix.mediaclient", "appium:appActivity": ".ui.launch.UIWebViewActivity",
        "appium:app": BS_APP, "appium:deviceName": "Google Pixel 7", "appium:platformVersion": "13.0",
        "appium:noReset": True,
        "bstack:options": {"projectName": "harness", "buildName": "local", "sessionName": "harness scenarios",
                           "deviceLogs": True},
    },
    "saucelabs-ios": {
        "platformName": "iOS", "appium:automationName": "XCUITest", "appium:newCommandTimeout": 300,
        "appium:bundleId": "com.netflix.Netflix", "appium:app": "storage:filename=Netflix.ipa",
        "appium:deviceName": "iPhone.*", "appium:platformVersion": "17",
        "sauce:options": {"appiumVersion": "latest", "build": "harness", "name": "harness scenarios"},
    },
    "lambdatest-android": {
        "platformName": "Android", "appium:automationName": "UIAutomator2", "appium:newCommandTimeout": 300,
        "appium:appPackage": "com.netflix.mediaclient", "appium:appActivity": ".ui.launch.UIWebViewActivity",
        "lt:options": {"platformName": "android", "deviceName": "Galaxy S21", "platformVersion": "11",
                       "app": LT_APP, "isRealMobile": True, "w3c": True, "build": "harness",
                       "name": "harness scenarios", "devicelog": True},
    },
}
PLATFORM = {"browserstack-android": "android", "saucelabs-ios": "ios", "lambdatest-android": "android"}
SAUCE_REPORT = "https://app.saucelabs.com/tests/{session}"
EXAMPLES = ROOT / "examples" / "device_profiles"


def pointed_at(name: str, url: str, folder: Path) -> Path:
    """The shipped profile `name` with only its hub URL replaced by `url`."""
    source = (EXAMPLES / f"{name}.yaml").read_text()
    text, count = re.subn(r"(?m)^  url: .*$", f"  url: {url}", source)
    assert count == 1
    path = folder / f"{name}.yaml"
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def cloud_run(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("clouds")
    sims = {name: SimServer(platform=platform).start() for name, platform in PLATFORM.items()}
    stand_ins = {name: CloudStandIn(sims[name].url,
                                    report_url=SAUCE_REPORT if name == "saucelabs-ios" else None)
                 for name in PLATFORM}
    for stand_in in stand_ins.values():
        stand_in.start()
    try:
        for n in ("first", "second"):
            write_scenario(tmp / "scenarios", n, "  - assert_visible: tab_bar.my_netflix\n")
        args = [str(tmp / "scenarios"), "--log-level=DEBUG", "-p", "no:randomly"]
        for name, stand_in in stand_ins.items():
            args += ["--device", str(pointed_at(name, stand_in.url, tmp))]
        run = run_pytest(args, tmp, env=CLOUD_ENV, timeout=300)
        yield run, stand_ins, tmp
    finally:
        for stand_in in stand_ins.values():
            stand_in.stop()
        for sim in sims.values():
            sim.stop()


def test_every_cloud_profile_runs_its_scenarios(cloud_run) -> None:
    run, _, _ = cloud_run
    assert run.code == 0, run.output[-4000:]
    assert {k: v["status"] for k, v in run.by_name().items()} == {
        f"{n}[{p}]": "passed" for n in ("first", "second") for p in PLATFORM}


@pytest.mark.parametrize("name", list(PLATFORM))
def test_the_new_session_request_is_what_the_vendor_documents(cloud_run, name: str) -> None:
    _, stand_ins, _ = cloud_run
    requests = stand_ins[name].new_session_requests()
    assert len(requests) == 2  # released between the profiles: one session per scenario here
    for request in requests:
        assert request.body["capabilities"]["alwaysMatch"] == EXPECTED[name]
        assert request.body["capabilities"].get("firstMatch", [{}]) == [{}]


def test_every_request_authenticates_with_basic_auth(cloud_run) -> None:
    _, stand_ins, _ = cloud_run
    expected = "Basic " + base64.b64encode(f"{USER}:{KEY}".encode()).decode()
    for name, stand_in in stand_ins.items():
        assert stand_in.seen, name
        assert {seen.authorization for seen in stand_in.seen} == {expected}, name
        assert all(USER not in seen.path and "Acc3ss" not in seen.path for seen in stand_in.seen)


def test_a_session_link_in_the_answer_is_an_allure_link(cloud_run) -> None:
    run, _, _ = cloud_run
    result = run.by_name()["first[saucelabs-ios]"]
    links = [link for link in result.get("links", []) if link.get("name") == "Sauce Labs session"]
    assert len(links) == 1 and re.fullmatch(r"https://app\.saucelabs\.com/tests/[\w-]+", links[0]["url"])
    assert not run.by_name()["first[browserstack-android]"].get("links")  # a stand-in is no browserstack.com


def test_no_file_the_run_writes_holds_the_access_key(cloud_run) -> None:
    run, _, tmp = cloud_run
    texts = {"output": run.output}
    for path in written_files(tmp / "allure-results", tmp / "artifacts"):
        texts[str(path)] = path.read_bytes().decode("utf-8", errors="replace")
    assert len(texts) > 10
    for where, text in texts.items():
        assert not leaks(text, KEY), f"{where} holds the access key as {leaks(text, KEY)}"
        assert base64.b64encode(f"{USER}:{KEY}".encode()).decode() not in text, where


def test_the_cloud_profiles_lint_clean_once_their_credentials_are_exported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from harness.cli.lint import lint_paths

    for name in ("BROWSERSTACK_ACCESS_KEY", "SAUCE_ACCESS_KEY", "LT_ACCESS_KEY"):
        monkeypatch.setenv(name, KEY)
    count, problems = lint_paths([str(EXAMPLES)])
    assert count == 3 and problems == []
    monkeypatch.delenv("SAUCE_ACCESS_KEY")
    _, problems = lint_paths([str(EXAMPLES / "saucelabs-ios.yaml")])
    assert [p.message for p in problems] == [
        "environment variable SAUCE_ACCESS_KEY is not set and ${SAUCE_ACCESS_KEY} has no default: "
        "export SAUCE_ACCESS_KEY=... or write ${SAUCE_ACCESS_KEY:-default}"]


def test_vendor_links_and_names_by_hub() -> None:
    sid = "8a1e2b"
    assert vendor_link("https://hub-cloud.browserstack.com/wd/hub", sid, {}) == SessionLink(
        "BrowserStack session", f"https://app-automate.browserstack.com/dashboard/v2/sessions/{sid}")
    assert vendor_link("https://ondemand.eu-central-1.saucelabs.com/wd/hub", sid, {}) == SessionLink(
        "Sauce Labs session", f"https://app.eu-central-1.saucelabs.com/tests/{sid}")
    assert vendor_link("https://ondemand.us-west-1.saucelabs.com/wd/hub", sid, {}).url == (
        f"https://app.saucelabs.com/tests/{sid}")
    assert vendor_link("https://mobile-hub.lambdatest.com/wd/hub", sid, {}) is None
    assert vendor_link("http://127.0.0.1:4444", sid, {}) is None
    assert vendor_link("http://evil.example/browserstack.com", sid, {}) is None
    hubs = ("https://hub.browserstack.com/wd/hub", "https://mobile-hub.lambdatest.com",
            "https://ondemand.us-west-1.saucelabs.com", "http://127.0.0.1:4444")
    assert [vendor_name(u) for u in hubs] == [
        "BrowserStack App Automate", "LambdaTest", "Sauce Labs", None]
