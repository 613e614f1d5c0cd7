"""Tier 6: secrets with a quote, a backslash, &, / and non-ASCII letters, typed, asserted and failed on,
with DEBUG logs of selenium and urllib3 on: no file the run writes and nothing it prints holds one, in any
encoding. On the simulated device and on the real Appium 3 server (its log file, a later scenario's tail)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.helpers import FAKE_PROFILE, require_node_tools
from tests.reliability.helpers import (
    harness_run,
    leaks,
    scenario,
    written_files,
)

EMAIL = 'qa"lead\\dé&Ünï/x@example.com'
PASSWORD = 'Pa"5\\w&r/dé-Ünï'
SECRETS = {"HOSTILE_EMAIL": EMAIL, "HOSTILE_PASSWORD": PASSWORD}
ENV_BLOCK = "env:\n  EMAIL: ${HOSTILE_EMAIL:secret}\n  PASSWORD: ${HOSTILE_PASSWORD:secret}\n"


def assert_nothing_leaked(child, *folders: Path) -> int:
    checked = 0
    texts = {"output": child.text()}
    for path in written_files(*folders):
        data = path.read_bytes()
        if data.startswith((b"\x89PNG", b"\x00\x00\x00")):  # pixels and video frames
            continue
        texts[str(path)] = data.decode("utf-8", errors="replace")
    for where, text in texts.items():
        for secret in SECRETS.values():
            found = leaks(text, secret)
            assert not found, f"{where} holds the secret as {found}"
        checked += 1
    return checked


def test_sim_run_with_debug_logs_leaks_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    typed = ("  - launch_app\n"
             "  - type_text: {text: '${EMAIL}', into: {id: login_email}}\n"
             "  - type_text: {text: '${PASSWORD}', into: {id: login_password}}\n"
             "  - assert_text: {element: {id: login_email}, equals: '${EMAIL}'}\n")
    scenario(folder, "types_and_passes", typed, extra=ENV_BLOCK)
    scenario(folder, "types_and_fails", typed + "  - assert_text: {element: {id: login_email}, "
             "matches: 'nope ${PASSWORD}'}\n    timeout: 0.5\n", extra=ENV_BLOCK)
    scenario(folder, "unexpected_error", "  - launch_app\n  - open_link: 'nope://nowhere/${PASSWORD}'\n",
             extra=ENV_BLOCK)
    scenario(folder, "later_fails_without_secrets", "  - launch_app\n  - tap: {id: not_here}\n"
             "    timeout: 0.3\n")
    junit = tmp_path / "junit.xml"
    child = harness_run(tmp_path, [str(folder), "--device", "sim-android", "--", "-l", "--log-level=DEBUG",
                                   "-o", "log_cli=true", "--log-cli-level=DEBUG", f"--junitxml={junit}"],
                        env=SECRETS)
    code = child.wait(timeout=120)
    output = child.text()
    assert code == 1, output[-3000:]
    results = child.results_by_name()
    assert results["types_and_passes"]["status"] == "passed"
    failed = results["types_and_fails"]
    assert failed["status"] == "failed"
    assert "to match 'nope ***', got '***'" in failed["statusDetails"]["message"]
    unexpected = results["unexpected_error"]
    assert unexpected["status"] == "broken"
    assert unexpected["statusDetails"]["message"].startswith(
        f"harness.runner.errors.UnexpectedError: unexpected WebDriverException at step {folder}/"
        "unexpected_error.yaml:8:5: Message: no activity of com.netflix.mediaclient handles nope://nowhere/***")
    trace = next(a for a in unexpected["attachments"] if a["name"] == "traceback")
    assert "Traceback (most recent call last)" in (child.results / trace["source"]).read_text()
    assert "remote_connection" in output and "/value" in output, "selenium's DEBUG lines were printed"
    assert "***" in junit.read_text()
    assert assert_nothing_leaked(child, child.results, tmp_path / "artifacts", junit) > 10


def test_appium_log_and_a_later_tail_leak_nothing_even_after_sigterm(tmp_path: Path) -> None:
    require_node_tools()
    folder = tmp_path / "scenarios"
    scenario(folder, "a_types_a_secret", "  - type_text: {text: '${PASSWORD}', into: {id: email}}\n"
             "  - assert_text: {element: {id: email}, equals: '${PASSWORD}'}\n", app="fake", extra=ENV_BLOCK)
    scenario(folder, "b_fails_later", "  - tap: {id: not_here}\n    timeout: 0.3\n", app="fake")
    scenario(folder, "c_types_then_blocks", "  - type_text: {text: '${EMAIL}', into: {id: email}}\n"
             "  - wait_for: {id: never_there}\n    timeout: 60\n", app="fake", extra=ENV_BLOCK)
    child = harness_run(tmp_path, [str(folder), "--device", str(FAKE_PROFILE), "--", "--log-level=DEBUG"],
                        env=SECRETS)
    child.wait_for_server_log(tmp_path / "artifacts", "never_there", timeout=90)
    child.signal(signal.SIGTERM)
    code = child.wait(timeout=60)
    assert code == 2, child.text()[-3000:]
    results = child.results_by_name()
    assert results["a_types_a_secret"]["status"] == "passed"
    assert results["b_fails_later"]["status"] == "failed"
    logs = list((tmp_path / "artifacts").glob("appium-*.log"))
    log = "".join(p.read_text() for p in logs)
    assert "/value" in log and '"value":[***]' in log.replace(" ", ""), "the typing was logged, masked"
    tails = [p for p in child.results.glob("*-attachment.txt") if "POST /session" in p.read_text()]
    assert tails, "the later failure carries the server log tail"
    assert assert_nothing_leaked(child, child.results, tmp_path / "artifacts") > 5


@pytest.mark.parametrize("value", ["abc", "e"])
def test_a_short_secret_stops_the_run_before_it_starts(tmp_path: Path, value: str) -> None:
    folder = tmp_path / "scenarios"
    scenario(folder, "short", "  - launch_app\n", extra="env:\n  PIN: ${SHORT_PIN:secret}\n")
    child = harness_run(tmp_path, [str(folder), "--device", "sim-android"], env={"SHORT_PIN": value})
    code = child.wait(timeout=60)
    output = child.text()
    assert code == 2, output[-3000:]
    assert f"${{PIN:secret}} ({folder / 'short.yaml'}) has {len(value)} character" in output
    assert "a secret needs at least 4" in output
    assert not list(child.results.glob("*-result.json")), "nothing ran"
