"""Profiles of remote servers: no local per-worker capabilities unless the profile sets them, a server per
worker from the pool, vendor app references kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness.devices.capabilities import build_options, worker_overrides
from harness.devices.profiles import load_profile
from harness.errors import InvalidInputError
from harness.runner.session import SessionManager

BASE = """platform: {platform}
server:
  url: https://hub.example.test/wd/hub
apps:
  app: {{id: org.example.app{path}}}
screen: {{width: 390, height: 844}}
"""


def write(tmp_path: Path, text: str, name: str = "remote.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def remote(tmp_path: Path, platform: str = "android", extra: str = "", path: str = "") -> object:
    shown = f", path: '{path}'" if path else ""
    return load_profile(write(tmp_path, BASE.format(platform=platform, path=shown) + extra), environ={})


@pytest.mark.parametrize("platform", ["android", "ios"])
def test_a_remote_server_gets_no_local_ports_or_build_folder(tmp_path: Path, platform: str) -> None:
    profile = remote(tmp_path, platform)
    assert worker_overrides(profile, 0) == worker_overrides(profile, 3) == {}
    caps = build_options(profile, "app", worker_overrides(profile, 3)).to_w3c()["capabilities"]["alwaysMatch"]
    assert not {"appium:systemPort", "appium:mjpegServerPort", "appium:wdaLocalPort",
                "appium:derivedDataPath"} & set(caps)


def test_ports_the_remote_profile_sets_still_keep_workers_apart(tmp_path: Path) -> None:
    profile = remote(tmp_path, "ios", "capabilities:\n  wdaLocalPort: 8300\n  derivedDataPath: /srv/wda\n")
    assert worker_overrides(profile, 2) == {"wdaLocalPort": 8302, "derivedDataPath": "/srv/wda/worker-2"}


def test_an_appium_the_harness_does_not_start_is_remote_too(tmp_path: Path) -> None:
    profile = load_profile("ios-simulator", environ={})
    assert "derivedDataPath" in worker_overrides(profile, 1)  # started here: the harness gives them
    assert set(worker_overrides(profile, 1, local=False)) == {"wdaLocalPort", "mjpegServerPort"}  # set in it


@pytest.mark.parametrize("reference", ["storage:filename=Netflix.ipa", "storage:8c2d5b1e-7f", "bs://c700ce60cf",
                                       "lt://APP1016052178", "sauce-storage:app.zip", "https://cdn.test/app.apk"])
def test_vendor_app_references_are_kept_as_written(tmp_path: Path, reference: str) -> None:
    profile = remote(tmp_path, path=reference)
    assert profile.apps["app"].path == reference
    caps = build_options(profile, "app").to_w3c()["capabilities"]["alwaysMatch"]
    assert caps["appium:app"] == reference


def test_a_local_app_path_is_still_relative_to_the_profile(tmp_path: Path) -> None:
    assert remote(tmp_path, path="builds/app.apk").apps["app"].path == str(tmp_path / "builds" / "app.apk")


def test_pool_urls_give_each_worker_its_own_server(tmp_path: Path) -> None:
    profile = remote(tmp_path, extra="pool:\n  - http://10.0.0.5:4723\n"
                                      "  - {url: 'http://10.0.0.6:4723', udid: R58M123}\n")
    assert profile.pool_urls() == ["http://10.0.0.5:4723", "http://10.0.0.6:4723"]
    assert profile.session_policy == "release"
    assert worker_overrides(profile, 0) == {}
    assert worker_overrides(profile, 1) == {"udid": "R58M123"}  # the url is the server, not a capability
    servers = [SessionManager(tmp_path, worker_index=i)._start_server(profile) for i in (0, 1)]
    assert [s.url for s in servers] == ["http://10.0.0.5:4723", "http://10.0.0.6:4723"]


def test_pool_url_mistakes_are_reported_where_they_are(tmp_path: Path) -> None:
    text = BASE.format(platform="android", path="") + (
        "pool:\n  - ftp://10.0.0.5\n  - http://qa:Pw-77@10.0.0.6:4723\n")
    with pytest.raises(InvalidInputError) as info:
        load_profile(write(tmp_path, text), environ={})
    messages = [f"{p.line}:{p.column}: {p.message}" for p in info.value.problems]
    assert messages == [
        '8:5: url must start with http:// or https://, got "ftp://10.0.0.5"',
        "9:5: a pool url carries no user:key@: give them once as server.username and server.password "
        "(they go to every worker's server)",
    ]
    assert all("Pw-77" not in m for m in messages)
    local = "platform: android\nserver: {start: sim}\nscreen: {width: 1, height: 2}\npool:\n  - http://x:1\n"
    with pytest.raises(InvalidInputError, match=r"a pool url replaces server\.url"):
        load_profile(write(tmp_path, local, "local.yaml"), environ={})
