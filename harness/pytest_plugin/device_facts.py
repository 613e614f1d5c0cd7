"""Device facts of the run: read once per session after its first scenario, shown on every result of that
device, and gathered (from xdist workers too) for the run's environment.

Workers hand theirs to the controller through xdist's `workeroutput`, the channel xdist provides for
data a worker reports at its end; the controller writes environment.properties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from harness.pytest_plugin.config import session_manager

if TYPE_CHECKING:
    from harness.devices.facts import DeviceFacts

RUN_FACTS = pytest.StashKey[dict[str, "DeviceFacts"]]()  # device profile name -> facts
SESSION_FACTS = pytest.StashKey[dict[str, "DeviceFacts"]]()  # session id -> facts
WORKER_OUTPUT = "harness_device_facts"


def run_facts(config: pytest.Config) -> dict[str, DeviceFacts]:
    return config.stash.setdefault(RUN_FACTS, {})


def facts_after_run(config: pytest.Config, profile: Any) -> DeviceFacts | None:
    """The facts of the session the scenario just used (read now if this session is new)."""
    manager = session_manager(config)
    session = manager.sessions.get(profile.name)
    if session is None or session.driver is None or session.lost or not session.session_id:
        return run_facts(config).get(profile.name)
    cache = config.stash.setdefault(SESSION_FACTS, {})
    if session.session_id not in cache:
        from harness.devices.facts import read_facts  # first used after a scenario: not at start-up

        app = profile.apps.get(session.app) if session.app else next(iter(profile.apps.values()), None)
        local_appium = profile.server.start == "appium" and not config.getoption("appium_url")
        cache[session.session_id] = read_facts(
            session.driver, profile, session.server.url, getattr(app, "id", None), local_appium=local_appium,
            credentials=getattr(session.server, "credentials", (None, None)))
        run_facts(config)[profile.name] = cache[session.session_id]
    return cache[session.session_id]


class WorkerFacts:
    """In an xdist worker: report the facts at the end. In the controller: collect them."""

    def __init__(self, config: pytest.Config):
        self.config = config

    def pytest_sessionfinish(self) -> None:
        output = getattr(self.config, "workeroutput", None)
        if output is not None:
            output[WORKER_OUTPUT] = {name: f.to_json() for name, f in run_facts(self.config).items()}

    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        from harness.devices.facts import DeviceFacts

        reported = (getattr(node, "workeroutput", None) or {}).get(WORKER_OUTPUT) or {}
        for name, text in reported.items():
            run_facts(self.config).setdefault(name, DeviceFacts.from_json(text))


def register(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist"):  # pytest_testnodedown is an xdist hook
        config.pluginmanager.register(WorkerFacts(config), "harness-device-facts")
