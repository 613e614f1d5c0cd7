"""What an adb command answers: its output, exit code, and for a long-running one, when it ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Output:
    out: str = ""
    err: str = ""
    code: int = 0
    # a long-running command (`am instrument -w`): the adb process keeps running until `until` is set;
    # `on_hangup` runs when the driver kills it first
    until: threading.Event | None = None
    on_hangup: Callable[[], None] | None = None

    def then(self, other: Output) -> Output:
        """Two commands of one shell line (`a; b`): outputs joined, the last exit code."""
        return Output(self.out + other.out, self.err + other.err, other.code, other.until or self.until,
                      other.on_hangup or self.on_hangup)


def text(out: str) -> Output:
    return Output(out if not out or out.endswith("\n") else out + "\n")
