"""A lost session is reported as infrastructure trouble and recreated for the next scenario."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from harness.devices.profiles import load_profile
from harness.runner.errors import SessionLost
from harness.runner.executor import Executor
from harness.runner.session import SessionManager
from harness.sim.server import SimServer
from harness.translate.commands import Command


def test_lost_session_is_recreated(tmp_path: Path) -> None:
    profile = load_profile("sim-android")
    with SimServer(platform="android") as server:
        manager = SessionManager(tmp_path, appium_url=server.url)
        first = manager.session_for(profile, "netflix")
        lost_id = first.session_id
        # the server forgets the session (an Appium restart, a device reboot...)
        request = urllib.request.Request(f"{server.url}/session/{lost_id}", method="DELETE")
        urllib.request.urlopen(request, timeout=5).close()
        executor = Executor(first.driver)
        find = Command("find_element", {"locators": [{"using": "id", "value": "login_sign_in"}],
                                         "target": "login.sign_in"})
        with pytest.raises(SessionLost, match=r"the Appium session was lost .* check that the server"):
            executor.run(find, timeout=1)
        manager.mark_lost(profile.name)
        second = manager.session_for(profile, "netflix")
        assert second.session_id != lost_id and second.created == 2
        Executor(second.driver).run(find, timeout=2)  # the new session works
        manager.close_all()


def test_unreachable_server_says_what_to_check(tmp_path: Path) -> None:
    profile = load_profile("sim-android")
    manager = SessionManager(tmp_path, appium_url="http://127.0.0.1:9")  # discard port: nothing listens
    expected = r"could not create a session on http://127\.0\.0\.1:9 .*harness doctor"
    with pytest.raises(SessionLost, match=expected):
        manager.session_for(profile, "netflix")
