"""SIGINT and SIGTERM end a run the same clean way, in the controller and in every xdist worker.

The scenario that runs when the signal comes ends at once, broken: the runner turns the interrupt into
`Interrupted` ("interrupted (SIGTERM) at step file:line"). Scenarios not reached do not run and are not
reported; the session still finishes, so the run files are written and every server is stopped, and pytest
exits with its "interrupted" status (2). A signal that comes while pytest itself is busy between two
scenarios (writing a result) only asks for the stop; a second one, later than DEDUPE seconds, stops at once.

A controller forwards the signal to its workers (a `kill` reaches the controller only), and a worker whose
controller died (SIGKILL) interrupts itself, so no worker runs on after the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from harness.runner import cancel

SIGNALS = (signal.SIGINT, signal.SIGTERM)
DEDUPE = 1.0  # seconds: Ctrl-C reaches a worker from the terminal and again from the controller
ORPHAN_CHECK = 0.5  # seconds between a worker's checks that its controller lives


@dataclass
class RunState:
    signal_name: str | None = None
    last: float = 0.0
    phase: str = "collect"  # collect | loop | scenario
    session: Any = None
    config: Any = None
    workers: dict[str, int] = field(default_factory=dict)  # xdist worker id -> pid
    previous: dict[int, Any] = field(default_factory=dict)
    ran: int = 0
    stop_watch: threading.Event = field(default_factory=threading.Event)


STATE = RunState()


def interrupted() -> str | None:
    """The signal that interrupted this run (`SIGTERM`), or None."""
    return STATE.signal_name


def pytest_configure(config: pytest.Config) -> None:
    global STATE
    STATE = RunState(config=config)  # one run per configure (pytest can run more than once in a process)
    cancel.clear()
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in SIGNALS:
        STATE.previous[sig] = signal.signal(sig, _on_signal)
    if hasattr(config, "workerinput"):
        threading.Thread(target=_watch_controller, args=(os.getppid(),), daemon=True,
                         name="harness-orphan-watch").start()


def pytest_unconfigure(config: pytest.Config) -> None:
    STATE.stop_watch.set()
    for sig, handler in STATE.previous.items():
        with contextlib.suppress(ValueError, TypeError):
            signal.signal(sig, handler)
    STATE.previous.clear()


def pytest_sessionstart(session: pytest.Session) -> None:
    STATE.session = session


@pytest.hookimpl(wrapper=True)
def pytest_runtestloop(session: pytest.Session) -> Any:
    STATE.phase = "loop"
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    STATE.phase = "scenario"
    try:
        return (yield)
    finally:
        STATE.phase = "loop"


def pytest_testnodeready(node: Any) -> None:
    """The controller learns each worker's pid, to pass a signal on (execnet's popen gateway)."""
    popen = getattr(getattr(getattr(node, "gateway", None), "_io", None), "popen", None)
    pid = getattr(popen, "pid", None)
    if isinstance(pid, int):
        STATE.workers[str(node.gateway.id)] = pid


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" or (report.when == "setup" and not report.passed) or report.when == "???":
        STATE.ran += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if STATE.signal_name is None:
        return
    total = getattr(STATE.session, "testscollected", 0) or 0
    not_run = max(0, total - STATE.ran)
    terminalreporter.write_sep(
        "!", f"interrupted ({STATE.signal_name}): {STATE.ran} of {total} scenarios ran, {not_run} not run",
        red=True,
    )


def _on_signal(signum: int, frame: Any) -> None:
    name = signal.Signals(signum).name
    now = time.monotonic()
    repeated = STATE.signal_name is not None
    if repeated and now - STATE.last < DEDUPE:
        return  # the same interrupt arriving twice
    STATE.last = now
    STATE.signal_name = STATE.signal_name or name
    reason = f"interrupted ({STATE.signal_name})"
    cancel.request(STATE.signal_name)
    for pid in STATE.workers.values():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signum)
    if STATE.session is not None:
        STATE.session.shouldstop = reason
    dsession = STATE.config.pluginmanager.getplugin("dsession") if STATE.config is not None else None
    if dsession is not None and not getattr(dsession, "shouldstop", False):
        dsession.shouldstop = reason  # the controller stops handing out scenarios, waits for the workers
    if repeated or STATE.phase in ("scenario", "collect"):
        raise KeyboardInterrupt(STATE.signal_name)


def _watch_controller(parent: int) -> None:
    """A worker whose controller is gone (killed) interrupts itself instead of running on alone."""
    while not STATE.stop_watch.wait(ORPHAN_CHECK):
        if os.getppid() != parent:
            os.kill(os.getpid(), signal.SIGTERM)
            return
