"""A secret typed through the real Appium 3 server never stays in its log file (the fake driver)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FAKE_PROFILE, require_node_tools, run_pytest

pytestmark = pytest.mark.appium
SECRET = "Fake-Secret-4711"


def test_server_log_is_masked(tmp_path: Path) -> None:
    require_node_tools()
    scenario = tmp_path / "scenarios" / "typed_secret.yaml"
    scenario.parent.mkdir()
    scenario.write_text(
        "name: Typed secret\napp: fake\nenv:\n  PASSWORD: ${FAKE_PASSWORD:secret}\n"
        'steps:\n  - type_text: {text: "${PASSWORD}", into: {id: email}}\n'
        '  - assert_text: {element: {id: email}, equals: "${PASSWORD}"}\n'
    )
    run = run_pytest([str(scenario.parent), "--device", str(FAKE_PROFILE)], tmp_path,
                     env={"FAKE_PASSWORD": SECRET})
    assert run.code == 0, run.output[-3000:]
    logs = list((tmp_path / "artifacts").glob("appium-*.log"))
    assert logs, "the Appium server log was written"
    text = "".join(log.read_text(errors="replace") for log in logs)
    assert "/value" in text and "***" in text, "the typing request is logged, masked"
    assert SECRET not in text
    for path in (tmp_path / "allure-results").iterdir():
        assert SECRET.encode() not in path.read_bytes(), path.name
