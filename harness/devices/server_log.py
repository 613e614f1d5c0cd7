"""A server's output written to its log file through a mask, as it comes: no raw line ever reaches disk.

Appium logs request bodies, typed text included (`"value":["P","a","5"…]`). Rewriting the file after the
server stopped leaves the secret on disk while the run lasts (a later scenario's "log tail" attachment) and
for good when the harness is killed. So the server writes to a pipe, and this pump masks and writes.
What arrives in one burst is masked as a whole before it is written (a log entry spread over several
lines, as Node prints objects, is one write of the server), so the file lags the server by QUIET at most;
`sync` waits for that.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

HOLD_LINES = 400  # lines of one burst masked together, at most; more are written in parts
QUIET = 0.03  # seconds without output after which everything held is written


class LogPump:
    def __init__(self, source: BinaryIO, path: Path, mask: Callable[[str], str]):
        self.source = source
        self.path = path
        self.mask = mask
        self._thread = threading.Thread(target=self._run, name=f"log-pump {path.name}", daemon=True)
        self._idle = threading.Event()  # set when all that came so far is on disk

    def start(self) -> LogPump:
        self._thread.start()
        return self

    def join(self, timeout: float = 5.0) -> None:
        self._thread.join(timeout)

    def sync(self, timeout: float = 2.0) -> None:
        """Wait until what the server wrote so far is in the file (a quiet moment of the pump)."""
        if self._thread.is_alive():
            self._idle.clear()
            self._idle.wait(timeout)

    def _run(self) -> None:
        held: list[str] = []
        partial = b""
        fd = self.source.fileno()
        with self.path.open("a", encoding="utf-8") as out:
            while True:
                chunk = _read(fd, QUIET)
                if chunk is None:  # quiet: write all that is held
                    self._write(out, held)
                    held = []
                    self._idle.set()
                    continue
                if not chunk:
                    break
                lines = (partial + chunk).split(b"\n")
                partial = lines.pop()
                held += [line.decode("utf-8", errors="replace") + "\n" for line in lines]
                if len(held) > HOLD_LINES:
                    text = self.mask("".join(held)).splitlines(keepends=True)
                    self._write(out, text[:-HOLD_LINES], masked=True)
                    held = text[-HOLD_LINES:]
            if partial:
                held.append(partial.decode("utf-8", errors="replace"))
            self._write(out, held)
        self.source.close()
        self._idle.set()

    def _write(self, out: TextIO, lines: list[str], *, masked: bool = False) -> None:
        if not lines:
            return
        text = "".join(lines)
        out.write(text if masked else self.mask(text))
        out.flush()


def _read(fd: int, timeout: float) -> bytes | None:
    """Up to 64 KiB from fd; None when nothing came within `timeout`; b"" at end of file."""
    import select

    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return None
    return os.read(fd, 65536)
