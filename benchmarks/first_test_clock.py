"""A pytest plugin for benchmarks/parallel_throughput.py: each process (the run, every xdist worker)
appends to $HARNESS_BENCH_CLOCK when its first test started, when its last one ended and how many ran."""

from __future__ import annotations

import os
import time

_times: dict[str, float] = {}
_count = 0


def pytest_runtest_setup(item: object) -> None:
    _times.setdefault("first", time.time())


def pytest_runtest_teardown(item: object) -> None:
    global _count
    _count += 1
    _times["last"] = time.time()


def pytest_unconfigure(config: object) -> None:
    path = os.environ.get("HARNESS_BENCH_CLOCK")
    if path and _times:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {_times['first']:.3f} {_times['last']:.3f} {_count} "
                         f"{time.time():.3f}\n")
