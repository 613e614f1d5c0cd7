"""How well a run scales with pytest-xdist workers when the device, not the harness, is the slow part.

Writes `--items` copies of the shipped Netflix sign-out scenario (launch, sign in, open the account page,
scroll, sign out of all devices, sign in again: about 50 commands) and runs them on the simulated Android
device with `--latency-ms` per command (HARNESS_SIM_LATENCY_MS; 30 ms is about a fast emulator), as a user
would:
`pytest <folder> --device sim-android -n N`, for each N of `--workers`, one after the other in one run.
Each worker has its own simulated device, so with latency-bound items the ideal speed-up is N; what is
lost is the harness's own overhead (start-up, collection, per-item work) on this machine's cores.

Prints, per N: the wall time of the whole command (interpreter start to exit), the CPU seconds it took
(all processes), when the first scenario started and the last ended, and the speed-up over -n 1; and the
machine's load average before and after (other work on the machine takes cores from the workers).
Goal: at least 3.8x at -n 4 and 6x at -n 8.

Python keeps compiled modules by default; a machine that sets PYTHONDONTWRITEBYTECODE (this one does) makes
every worker compile the harness from source, about 0.25 CPU-s each. By default the runs keep them, after a
one-item warm-up that writes them; `--bytecode as-set` measures with this environment's setting (compiled
modules an earlier run left in __pycache__ are still read: delete them first to measure without).

    .venv/bin/python benchmarks/parallel_throughput.py [--items 72] [--latency-ms 30] [--workers 1,2,4,8]
                                                       [--bytecode cached|as-set]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NETFLIX = ROOT / "scenarios" / "netflix"
ITEM = NETFLIX / "sign_out_all_devices.yaml"


def write_items(folder: Path, count: int) -> None:
    """`count` copies of the shipped sign-out scenario, beside copies of its screen map and flows."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in ("screens", "flows"):
        shutil.copytree(NETFLIX / part, folder / part, dirs_exist_ok=True)
    text = ITEM.read_text()
    for n in range(count):
        (folder / f"sign_out_{n:03d}.yaml").write_text(
            text.replace("name: Sign out of all devices", f"name: Sign out of all devices {n}", 1))


def clean_env(latency_ms: float, *, bytecode_cache: bool = False) -> dict[str, str]:
    """This environment less what an outer pytest put there. `bytecode_cache`: without
    PYTHONDONTWRITEBYTECODE, so that Python (and pytest's assertion rewriting of the plugin's modules)
    keeps compiled modules, as it does by default: a machine that sets it makes every worker compile the
    harness from source."""
    drop = {"PYTEST_XDIST_WORKER", "PYTEST_XDIST_TESTRUNUID", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_ADDOPTS",
            "PYTEST_CURRENT_TEST"}
    if bytecode_cache:
        drop.add("PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["HARNESS_SIM_LATENCY_MS"] = f"{latency_ms:g}"
    return env


def run(folder: Path, workers: int, latency_ms: float, out: Path, *,
        bytecode_cache: bool) -> dict[str, float]:
    command = [sys.executable, "-m", "pytest", str(folder), "--device", "sim-android", "-q",
               "-p", "no:randomly", "-p", "no:cacheprovider", "-o", "testpaths=",
               "--alluredir", str(out / "allure-results"),
               "--harness-artifacts", str(out / "artifacts"), "-p", "benchmarks.first_test_clock"]
    if workers > 1:
        command += ["-n", str(workers)]
    clock = out / "first-test.txt"
    out.mkdir(parents=True, exist_ok=True)
    env = {**clean_env(latency_ms, bytecode_cache=bytecode_cache), "HARNESS_BENCH_CLOCK": str(clock),
           "PYTHONPATH": str(ROOT)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=3600)
    wall = time.time() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.stdout.write(done.stdout.decode(errors="replace")[-3000:])
        raise SystemExit(f"-n {workers}: pytest exited {done.returncode}")
    rows = [line.split() for line in clock.read_text().splitlines()] if clock.exists() else []
    first = min(float(r[1]) for r in rows) - started if rows else float("nan")
    last = max(float(r[2]) for r in rows) - started if rows else float("nan")
    if os.environ.get("HARNESS_BENCH_VERBOSE"):
        for r in rows:
            print(f"  -n {workers} pid {r[0]}: first {float(r[1]) - started:.2f} "
                  f"last {float(r[2]) - started:.2f} items {r[3]} unconfigure {float(r[4]) - started:.2f}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "first": first, "last": last}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=72)
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--workers", default="1,2,4,8")
    parser.add_argument("--bytecode", choices=("cached", "as-set"), default="cached",
                        help="cached (default): the runs keep compiled modules, as Python does unless "
                             "PYTHONDONTWRITEBYTECODE is set, after a warm-up run that writes them; as-set: "
                             "this environment's setting, no warm-up")
    args = parser.parse_args()
    cached = args.bytecode == "cached"
    counts = [int(n) for n in args.workers.split(",")]
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="harness-throughput-") as tmp:
        folder = Path(tmp) / "scenarios"
        write_items(folder, args.items)
        if cached:  # one item, to write the compiled modules (pytest's rewritten ones included)
            write_items(Path(tmp) / "warm-up", 1)
            run(Path(tmp) / "warm-up", 1, args.latency_ms, Path(tmp) / "warm-up-out", bytecode_cache=True)
        results = {n: run(folder, n, args.latency_ms, Path(tmp) / f"n{n}", bytecode_cache=cached)
                   for n in counts}
    base = results[counts[0]]["wall"] * counts[0]
    print(f"{args.items} items, simulated device latency {args.latency_ms:g} ms/command, "
          f"{os.cpu_count()} CPU cores; load average before {load[0]:.1f}, after {os.getloadavg()[0]:.1f}")
    setting = os.environ.get("PYTHONDONTWRITEBYTECODE")
    print("compiled modules kept (PYTHONDONTWRITEBYTECODE unset for the runs" + (f"; this machine sets it to "
          f"{setting!r}, --bytecode as-set keeps that)" if setting else ")") if cached else
          f"bytecode as this environment sets it (PYTHONDONTWRITEBYTECODE={setting!r}), no warm-up")
    print(f"{'workers':>8}{'wall (s)':>10}{'CPU (s)':>10}{'1st test (s)':>14}{'last end (s)':>14}"
          f"{'speed-up':>10}")
    for n, result in results.items():
        print(f"{n:>8}{result['wall']:>10.2f}{result['cpu']:>10.2f}{result['first']:>14.2f}"
              f"{result['last']:>14.2f}{base / result['wall']:>9.2f}x")
    goals = {4: 3.8, 8: 6.0}
    for n, goal in goals.items():
        if n in results:
            print(f"goal at -n {n}: {goal:g}x, measured {base / results[n]['wall']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
