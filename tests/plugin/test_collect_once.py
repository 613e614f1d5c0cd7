"""Collect once: the xdist controller hands its workers the scenarios it loaded, and a worker uses only
what still matches the file on disk. And each worker's device starts while pytest collects."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.devices.profiles import load_profile
from harness.pytest_plugin import handover
from harness.runner.errors import NoSession
from harness.runner.session import SessionManager
from tests.helpers import run_pytest
from tests.plugin.conftest import FAILING, PASSING

BROKEN = "name: Broken\napp: netflix\nsteps:\n  - tapp: somewhere\n"


class Stash(dict):
    pass


def worker_config(path: Path) -> SimpleNamespace:
    return SimpleNamespace(workerinput={handover.WORKER_INPUT: str(path)}, stash=Stash())


def test_the_controller_loads_every_scenario_once_and_a_worker_takes_what_is_unchanged(
        tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    (folder / "data").mkdir(parents=True)
    (folder / "ok.yaml").write_text(PASSING)
    (folder / "broken.yaml").write_text(BROKEN)
    (folder / "data" / "skipped.yaml").write_text(PASSING)  # norecursedirs
    (folder / "flows").mkdir()
    (folder / "flows" / "f.yaml").write_text("name: f\nsteps:\n  - back\n")  # a flow, not a scenario
    config = SimpleNamespace(args=[str(folder)], rootpath=tmp_path, getini=lambda name: [".*", "data"])
    controller = handover.Controller(config)
    controller._write()
    worker = worker_config(controller.path)
    scenario, error = handover.handed_over(worker, folder / "ok.yaml")
    assert scenario.name == "Opens the app" and error is None
    scenario, error = handover.handed_over(worker, folder / "broken.yaml")
    assert scenario is None and "tapp" in str(error) and error.problems  # the file:line problems, as loaded
    assert handover.handed_over(worker, folder / "data" / "skipped.yaml") is None
    assert handover.handed_over(worker, folder / "flows" / "f.yaml") is None
    (folder / "ok.yaml").write_text(PASSING.replace("Opens", "Starts"))  # changed since: loaded again
    os.utime(folder / "ok.yaml", ns=(time.time_ns(), time.time_ns() + 10**9))
    assert handover.handed_over(worker, folder / "ok.yaml") is None
    controller.pytest_unconfigure(config)
    assert not controller.folder.exists()


def test_a_worker_without_the_controllers_file_loads_its_files_itself(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(handover, "WAIT", 0.05)
    (tmp_path / "ok.yaml").write_text(PASSING)
    assert handover.handed_over(worker_config(tmp_path / "never-written"), tmp_path / "ok.yaml") is None


def test_workers_collect_the_handed_over_scenarios_with_the_same_verdicts(tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "a_pass.yaml").write_text(PASSING)
    (folder / "b_fail.yaml").write_text(FAILING)
    (folder / "c_broken.yaml").write_text(BROKEN)
    (folder / "conftest.py").write_text(COUNT_LOADS.format(out=str(tmp_path / "loads.txt")))
    done = run_pytest([str(folder), "--device", "sim-android", "-n", "2", "-rA", "-p", "no:cacheprovider"],
                      None, cwd=tmp_path)
    assert done.code == 1, done.output[-3000:]
    assert "2 failed, 1 passed" in done.output, done.output[-2000:]
    assert 'scenarios/c_broken.yaml:4:5: unknown step or option "tapp"' in done.output, done.output[-3000:]
    assert (tmp_path / "loads.txt").exists(), done.output[-3000:]
    loads = dict(line.split() for line in (tmp_path / "loads.txt").read_text().splitlines())
    assert loads == {"gw0": "0", "gw1": "0", "main": "0"}  # no worker parsed a file: the controller did


COUNT_LOADS = """
import os

def pytest_configure(config):
    from harness.pytest_plugin import collection
    real = collection.load_scenario
    config._harness_loads = 0

    def counted(*args, **kwargs):
        config._harness_loads += 1
        return real(*args, **kwargs)

    collection.load_scenario = counted

def pytest_unconfigure(config):
    with open({out!r}, "a") as handle:
        handle.write(f"{{os.environ.get('PYTEST_XDIST_WORKER', 'main')}} {{config._harness_loads}}\\n")
"""


def test_the_early_start_gives_the_first_scenario_a_session_already_up(tmp_path: Path) -> None:
    profile = load_profile("sim-android")
    manager = SessionManager(tmp_path)
    manager.start_early([profile])
    first = manager.session_for(profile, "netflix")
    assert first.created == 1 and first.driver is not None  # the one the early start made
    assert manager.session_for(profile, None) is first  # None is the profile's first app
    manager.close_all()


def test_what_the_early_start_met_goes_to_the_first_scenario_then_fails_fast(tmp_path: Path) -> None:
    path = tmp_path / "keep.yaml"
    path.write_text("platform: android\nserver: {url: 'http://127.0.0.1:9'}\nsessions: keep\n"
                    "apps: {netflix: {id: com.netflix.mediaclient}}\nscreen: {width: 1080, height: 2400}\n")
    profile = load_profile(path, environ={})
    manager = SessionManager(tmp_path)
    manager.start_early([profile])
    with pytest.raises(NoSession, match=r"could not create a session on http://127\.0\.0\.1:9"):
        manager.session_for(profile, "netflix")
    with pytest.raises(NoSession, match="got no session earlier in this worker"):
        manager.session_for(profile, "netflix")


def test_a_released_pool_is_not_started_early(tmp_path: Path) -> None:
    path = tmp_path / "pool.yaml"
    path.write_text("platform: android\nserver: {url: 'http://127.0.0.1:9'}\n"
                    "apps: {netflix: {id: com.netflix.mediaclient}}\nscreen: {width: 1080, height: 2400}\n")
    manager = SessionManager(tmp_path)
    manager.start_early([load_profile(path, environ={})])
    assert manager._early is None and manager.sessions == {}
