"""A guard that ends a server's process group when the harness process that started it dies, however it
dies (SIGKILL included: no handler of the harness runs then).

Run as a script (`python -I -S watchdog.py PGID GRACE`, no import of the harness) with its stdin the read
end of a pipe whose only write end the harness holds. The harness writes one byte when it stops the
server itself (the guard leaves); end of file means the harness is gone: the group gets SIGTERM, then
SIGKILL after GRACE seconds. The guard also leaves when the group is gone on its own.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

CHECK_EVERY = 1.0  # seconds between checks that the guarded group still exists


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def end_group(pgid: int, grace: float) -> None:
    try:
        os.killpg(pgid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if not group_alive(pgid):
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def guard(pgid: int, grace: float) -> int:
    stdin = sys.stdin.buffer
    while True:
        ready, _, _ = select.select([stdin], [], [], CHECK_EVERY)
        if ready:
            if stdin.read(1):  # the harness stopped the server itself
                return 0
            end_group(pgid, grace)  # end of file: the harness is gone
            return 0
        if not group_alive(pgid):
            return 0


class Watchdog:
    """The harness's side: start a guard for a process group; `disarm` when the group was stopped."""

    def __init__(self, pgid: int, grace: float = 5.0):
        read_end, self._write_end = os.pipe()  # both non-inheritable: no child but the guard gets one
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-S", str(Path(__file__)), str(pgid), str(grace)],
                stdin=read_end, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,  # a Ctrl-C of the terminal must not end the guard first
            )
        finally:
            os.close(read_end)

    def disarm(self) -> None:
        if self._write_end < 0:
            return
        with contextlib.suppress(OSError):
            os.write(self._write_end, b"x")
        os.close(self._write_end)
        self._write_end = -1
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()


if __name__ == "__main__":
    sys.exit(guard(int(sys.argv[1]), float(sys.argv[2])))
