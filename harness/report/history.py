"""One history entry per run of results, however many reports are made from them.

Allure 3 appends a data point to its history file at every `allure generate`, so `make run` followed by
`harness report --open` or `--single-file` counted one run twice: two bars in the trend, the run listed
as its own predecessor. Here each entry is tagged with a fingerprint of the results it was made from
(the result files' names: allure-pytest gives every result a new uuid, so a new run has new names);
Allure is handed a copy of the history that stops before this run's entry, and its new entry replaces
the old one. Reports of the same results therefore show the same trend, and a new run adds one entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from harness.report.allure_files import atomic_write

RUN_KEY = "harnessResults"  # the field of a history entry naming the results it was made from


def results_fingerprint(results_dir: Path) -> str:
    names = sorted(p.name for p in results_dir.glob("*-result.json"))
    return hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:32]


def _fingerprint_of(line: bytes) -> str | None:
    with contextlib.suppress(ValueError):
        entry = json.loads(line)
        if isinstance(entry, dict):
            value = entry.get(RUN_KEY)
            return value if isinstance(value, str) else None
    return None


@dataclass
class HistoryUpdate:
    """The history Allure reads and extends for one report (`working`), and how it goes back."""

    history: Path
    fingerprint: str
    working: Path
    later: list[bytes] = field(default_factory=list)  # entries of runs after this one (kept after it)
    tail_before: bytes = b""

    @classmethod
    def prepare(cls, history: Path, fingerprint: str) -> HistoryUpdate:
        lines = history.read_bytes().splitlines() if history.is_file() else []
        lines = [line for line in lines if line.strip()]
        index = next((i for i, line in enumerate(lines) if _fingerprint_of(line) == fingerprint), None)
        earlier, later = (lines, []) if index is None else (lines[:index], lines[index + 1:])
        history.parent.mkdir(parents=True, exist_ok=True)
        working = history.with_name(f".{history.name}.{os.getpid()}.working")
        working.write_bytes(b"".join(line + b"\n" for line in earlier))
        return cls(history, fingerprint, working, later, earlier[-1] if earlier else b"")

    def extended(self) -> bool:
        """Allure added an entry to the working copy (it honoured the history path it was given)."""
        lines = [line for line in self.working.read_bytes().splitlines() if line.strip()]
        return bool(lines) and lines[-1] != self.tail_before

    def commit(self, limit: int | None = None) -> None:
        """Tag Allure's new entry with this run's fingerprint and put the history back in place."""
        lines = [line for line in self.working.read_bytes().splitlines() if line.strip()]
        if lines:
            entry = json.loads(lines[-1])
            entry[RUN_KEY] = self.fingerprint
            lines[-1] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        merged = lines + self.later
        if limit is not None and limit > 0:
            merged = merged[-limit:]
        atomic_write(self.history, b"".join(line + b"\n" for line in merged))
        self.discard()

    def discard(self) -> None:
        self.working.unlink(missing_ok=True)
