"""Exit code, time to refuse and peak memory of `harness lint` on each hostile file (issue 10).

    .venv/bin/python benchmarks/hostile_files.py

Uses GNU time (/usr/bin/time -v) for the peak resident memory of the whole `harness lint` process. The
files are tests/data/hostile/*.yaml, plus the ones git cannot hold (a FIFO, a symlink out of the
project, a file over the size limit), made in a temporary folder. A plain `harness lint` of a valid
one-step scenario is the baseline the others are compared with.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HARNESS = Path(sys.executable).with_name("harness")
TIME = "/usr/bin/time"


def measure(path: Path, cwd: Path) -> tuple[int, float, float]:
    done = subprocess.run([TIME, "-v", str(HARNESS), "lint", "-q", str(path)], cwd=cwd, capture_output=True,
                          text=True, timeout=120, check=False)
    elapsed = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+(?:\.\d+)?)$", done.stderr, re.M)
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    assert elapsed and peak, done.stderr
    seconds = float(elapsed.group(2)) + 60 * float(elapsed.group(1) or 0)
    return done.returncode, seconds, int(peak.group(1)) / 1024


def extra_cases(folder: Path) -> dict[str, Path]:
    (folder / "pyproject.toml").write_text("[project]\nname = 'hostile'\n")
    (folder / "valid.yaml").write_text("name: valid\nsteps: [back]\n")
    os.mkfifo(folder / "fifo.yaml")
    outside = Path(tempfile.mkdtemp(prefix="outside_"))
    (outside / "secret.yaml").write_text("params: {}\nsteps: [back]\n")
    (folder / "link.yaml").symlink_to(outside / "secret.yaml")
    (folder / "symlink_out.yaml").write_text("name: symlink\nsteps:\n  - run_flow: link.yaml\n")
    (folder / "over_2mb.yaml").write_text("name: big\nsteps: [back]\n# " + "x" * 2_100_000 + "\n")
    return {name: folder / f"{name}.yaml" for name in ("valid", "fifo", "symlink_out", "over_2mb")}


def main() -> int:
    if not Path(TIME).is_file():
        print(f"{TIME} (GNU time) is needed: apt-get install time", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        cases = extra_cases(Path(tmp))
        rows = [(name, *measure(path, Path(tmp))) for name, path in cases.items()]
        hostile = sorted((ROOT / "tests/data/hostile").glob("*.yaml"))
        corpus = [*hostile, ROOT / "tests/data/bad/alias_bomb.yaml"]
        rows += [(p.stem, *measure(p, ROOT)) for p in corpus]
    base = rows[0]
    print(f"{'case':<20} {'exit':>4} {'seconds':>8} {'x valid':>8} {'peak MB':>8} {'x valid':>8}")
    for name, code, seconds, peak in rows:
        ratios = f"{seconds / base[2]:>8.2f} {peak:>8.1f} {peak / base[3]:>8.2f}"
        print(f"{name:<20} {code:>4} {seconds:>8.2f} {ratios}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
