"""Start each worker's devices while pytest still collects.

A worker's first scenario used to wait for its device: the simulated device or Appium (1-3 s) starting,
then the first session. Profiles whose sessions the worker keeps (harness/runner/session.py) start in a
background thread as soon as the session starts, so that wait overlaps collection (with pytest-xdist:
the controller handing the scenarios over, the other workers starting). Their secrets are registered
first, so the server's log is masked from its first line. Not in the xdist controller (it runs no
scenarios), not with --collect-only.
"""

from __future__ import annotations

import pytest

from harness.errors import HarnessError
from harness.pytest_plugin.config import devices_of, profile_for, session_manager


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    controller = getattr(config.option, "dist", "no") != "no" and not hasattr(config, "workerinput")
    if controller or config.option.collectonly or not devices_of(config):
        return
    from harness.pytest_plugin.run_secrets import register_profile
    from harness.secrets import SecretTooShort

    profiles = []
    for device in devices_of(config):
        try:
            profile = profile_for(config, device)
            register_profile(profile)
        except (HarnessError, SecretTooShort):
            continue  # reported by the items of this profile
        profiles.append(profile)
    session_manager(config).start_early(profiles)
