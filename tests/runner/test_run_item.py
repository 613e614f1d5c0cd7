"""run_scenario before any session: what a scenario needs from the environment is named at its line."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.runner.errors import StepFailure
from harness.runner.run_item import run_scenario
from harness.scenario.loader import load_scenario


class NoSessions:
    def session_for(self, profile: object, app: object) -> object:
        raise AssertionError("no session may start for a scenario whose variables are not set")


def test_an_unset_variable_is_reported_at_the_env_entry_that_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RUN_ITEM_TEST_PASSWORD", raising=False)
    path = tmp_path / "s.yaml"
    path.write_text("name: Needs a password\nenv:\n  USER: qa\n  PASSWORD: ${RUN_ITEM_TEST_PASSWORD:secret}\n"
                    "steps:\n  - back\n")
    profile = SimpleNamespace(name="phone", env={}, timeouts=SimpleNamespace(step=1.0), apps={})
    with pytest.raises(StepFailure) as caught:
        run_scenario(load_scenario(path), profile, NoSessions())
    assert str(caught.value).startswith(
        f"{path}:4:13: variable RUN_ITEM_TEST_PASSWORD is not set: export it, or give it under env: in the "
        "device profile 'phone'")
    assert caught.value.source == f"{path}:4:13"
