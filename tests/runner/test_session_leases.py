"""Sessions as leases, on the simulated device: kept for local servers, released for remote pools when the
worker moves on, checked before reuse after an idle spell, and a profile that gets none fails fast."""

from __future__ import annotations

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from harness.devices.profiles import load_profile
from harness.runner import session as session_module
from harness.runner.errors import NoSession, SessionLost
from harness.runner.session import SessionManager
from harness.sim.server import SimServer

REMOTE = """platform: android
server:
  url: {url}
{server_extra}apps:
  netflix: {{id: com.netflix.mediaclient, activity: .ui.launch.UIWebViewActivity}}
screen: {{width: 1080, height: 2400}}
{extra}"""


def remote_profile(tmp_path: Path, url: str, *, server_extra: str = "", extra: str = "",
                   name: str = "remote"):
    path = tmp_path / f"{name}.yaml"
    path.write_text(REMOTE.format(url=url, server_extra=server_extra, extra=extra))
    return load_profile(path, environ={})


def sessions_on(server: SimServer) -> set[str]:
    return set(server.sessions)


def test_a_remote_pool_is_released_when_the_worker_moves_on(tmp_path: Path) -> None:
    with SimServer(platform="android") as server:
        profile = remote_profile(tmp_path, server.url)
        assert profile.session_policy == "release"
        manager = SessionManager(tmp_path)
        first = manager.session_for(profile, "netflix")
        manager.scenario_done(profile.name, profile.name)  # the next scenario is on this profile: kept
        assert manager.session_for(profile, "netflix") is first and first.created == 1
        held = first.session_id
        assert sessions_on(server) == {held}
        manager.scenario_done(profile.name, "another-profile")
        assert first.driver is None and sessions_on(server) == set()  # the pool has its device back
        again = manager.session_for(profile, "netflix")
        assert again.session_id != held and again.created == 2
        manager.scenario_done(profile.name, None)  # no more work for it in this worker
        assert sessions_on(server) == set()
        manager.close_all()


def test_a_local_server_keeps_its_session_for_the_worker(tmp_path: Path) -> None:
    profile = load_profile("sim-android")
    assert profile.session_policy == "keep"
    manager = SessionManager(tmp_path)
    first = manager.session_for(profile, "netflix")
    manager.scenario_done(profile.name, "another-profile")
    manager.scenario_done(profile.name, None)
    assert manager.session_for(profile, "netflix") is first and first.created == 1
    manager.close_all()


def test_sessions_keep_overrides_the_remote_default(tmp_path: Path) -> None:
    with SimServer(platform="android") as server:
        profile = remote_profile(tmp_path, server.url, extra="sessions: keep\n")
        manager = SessionManager(tmp_path)
        first = manager.session_for(profile, "netflix")
        manager.scenario_done(profile.name, "another-profile")
        assert first.driver is not None and sessions_on(server) == {first.session_id}
        manager.close_all()


def test_a_held_session_gone_while_idle_is_recreated_and_said_so(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "CHECK_AFTER_IDLE", 0.2)
    with SimServer(platform="android") as server:
        profile = remote_profile(tmp_path, server.url, extra="sessions: keep\n")
        manager = SessionManager(tmp_path)
        first = manager.session_for(profile, "netflix")
        gone = first.session_id
        manager.scenario_done(profile.name, "another-profile")
        # the server ends the idle session (a Grid node's session-timeout, Appium's newCommandTimeout)
        delete = urllib.request.Request(f"{server.url}/session/{gone}", method="DELETE")
        urllib.request.urlopen(delete).close()
        assert manager.session_for(profile, "netflix").session_id == gone  # not idle long enough to ask
        time.sleep(0.25)
        again = manager.session_for(profile, "netflix")
        assert again.session_id != gone and again.created == 2
        [note] = again.take_notes()
        assert note.startswith("the session held for device profile 'remote' was gone after 0 s idle (")
        assert note.endswith("a new one was created")
        assert again.take_notes() == []
        manager.close_all()


def test_an_idle_session_still_there_costs_one_cheap_request(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_module, "CHECK_AFTER_IDLE", 0.0)
    with SimServer(platform="android") as server:
        profile = remote_profile(tmp_path, server.url, extra="sessions: keep\n")
        manager = SessionManager(tmp_path)
        first = manager.session_for(profile, "netflix")
        before = server.command_counts(first.session_id)
        assert manager.session_for(profile, "netflix") is first
        after = server.command_counts(first.session_id)
        assert after["total"] - before["total"] == 1, (before, after)
        assert {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)} == {
            "getTimeouts": 1, "total": 1}
        manager.close_all()


def test_a_profile_that_gets_no_session_fails_fast(tmp_path: Path) -> None:
    profile = remote_profile(tmp_path, "http://127.0.0.1:9")  # the discard port: nothing listens
    manager = SessionManager(tmp_path)
    with pytest.raises(NoSession, match=r"could not create a session on http://127\.0\.0\.1:9") as first:
        manager.session_for(profile, "netflix")
    began = time.monotonic()
    with pytest.raises(NoSession) as later:
        manager.session_for(profile, "netflix")
    assert time.monotonic() - began < 0.1
    assert str(later.value).startswith(
        "device profile 'remote' got no session earlier in this worker, so its remaining scenarios are "
        "not tried: could not create a session on")
    assert str(first.value) in str(later.value)
    assert isinstance(later.value, SessionLost)  # broken, like every infrastructure failure


class _NeverAnswers(BaseHTTPRequestHandler):
    """A hub whose queue never yields a device: POST /session hangs."""

    requests: list[str] = []

    def do_POST(self) -> None:
        self.requests.append(self.path)
        time.sleep(30)

    def log_message(self, *args: object) -> None:
        pass


def test_new_session_timeout_bounds_the_wait_for_a_device(tmp_path: Path) -> None:
    hub = ThreadingHTTPServer(("127.0.0.1", 0), _NeverAnswers)
    hub.daemon_threads = True
    threading.Thread(target=hub.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{hub.server_address[1]}/wd/hub"
        profile = remote_profile(tmp_path, url, server_extra="  new_session_timeout: 1.5\n")
        manager = SessionManager(tmp_path)
        began = time.monotonic()
        with pytest.raises(NoSession, match=r"within 1\.5 s \(server\.new_session_timeout\)"):
            manager.session_for(profile, "netflix")
        assert 1.4 < time.monotonic() - began < 5
        with pytest.raises(NoSession, match="got no session earlier"):
            manager.session_for(profile, "netflix")
        assert _NeverAnswers.requests == ["/wd/hub/session"]  # asked once, not once per scenario
    finally:
        hub.shutdown()
        hub.server_close()
