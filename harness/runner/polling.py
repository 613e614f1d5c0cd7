"""The record of what the harness sent in a session (the waits of a step poll with harness/waiting.py)."""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field


@dataclass
class ExecutionLog:
    """What the harness sent: counts per op (benchmarks) and the last commands (failure reports)."""

    counts: Counter[str] = field(default_factory=Counter)
    recent: deque[str] = field(default_factory=lambda: deque(maxlen=40))
    context: str | None = None  # the context the harness last set in this session; None: not known

    def record(self, op: str, detail: str) -> None:
        self.counts[op] += 1
        self.recent.append(f"{time.strftime('%H:%M:%S')} {op} {detail}".rstrip())
