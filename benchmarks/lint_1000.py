"""Lint 1,000 generated scenario files: `harness lint DIR` end to end, and `lint_paths` in-process.

    .venv/bin/python benchmarks/lint_1000.py [--files 1000] [--repeat 3] [--keep DIR]

The scenarios vary (every step kind, screen-map references, bare text and selector mappings, per-platform
overrides, secrets, nested repeat/retry, conditions) and share three flows and one screen map, as a real
suite does. Goal (issue 2): under 2 s for the 1,000 files, interpreter start included.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_SECONDS = 2.0

SCREEN_MAP = """\
# yaml-language-server: $schema=../../harness/schema/screen-map.schema.json
screens:
  login:
    email:
      android: [{id: email}, {class_name: android.widget.EditText, index: 0}]
      ios: [{accessibility_id: Email}, {class_name: XCUIElementTypeTextField}]
    password:
      android: [{id: password}]
      ios: [{class_name: XCUIElementTypeSecureTextField}]
    sign_in:
      android: [{id: sign_in}, {text: Sign in}]
      ios: [{accessibility_id: Sign in}]
  home:
    title: {text: Home}
    search: {accessibility_id: Search}
    banner: {accessibility_id: Promo banner}
    carousel:
      android: {android_uiautomator: 'new UiSelector().className("android.widget.HorizontalScrollView")'}
      ios: {ios_class_chain: "**/XCUIElementTypeCollectionView[1]"}
    spinner: {id: progress}
  settings:
    title: Settings
    legal: Legal notices
    version: {xpath: '//*[@text="Version" or @label="Version"]'}
    sign_out:
      android: [{id: sign_out}, {text: Sign out}]
      ios: [{accessibility_id: Sign out}]
"""

FLOWS = {
    "login.yaml": """\
# yaml-language-server: $schema=../../../harness/schema/flow.schema.json
name: Log in
params:
  EMAIL:
  PASSWORD:
steps:
  - tap: login.email
  - type_text: {text: "${EMAIL}", into: login.email}
  - type_text: {text: "${PASSWORD}", into: login.password}
  - hide_keyboard:
    optional: true
  - tap: login.sign_in
  - run_flow: wait_home.yaml
""",
    "wait_home.yaml": """\
# yaml-language-server: $schema=../../../harness/schema/flow.schema.json
name: Wait for home
steps:
  - wait_for: {element: home.spinner, gone: true}
  - assert_visible: home.title
""",
    "open_settings.yaml": """\
# yaml-language-server: $schema=../../../harness/schema/flow.schema.json
name: Open settings
params:
  SECTION: Legal notices
steps:
  - tap: {accessibility_id: Menu}
  - tap: settings.title
  - scroll_to: "${SECTION}"
""",
}

HEADER = """\
# yaml-language-server: $schema=../../harness/schema/scenario.schema.json
name: Generated scenario {n}
description: Benchmark scenario {n} ({kinds} steps)
app: netflix
tags: [bench, group_{group}]
feature: Feature {group}
story: Story {n}
severity: {severity}
screens: ../screens/app.yaml
env:
  EMAIL: ${{BENCH_EMAIL:-qa{n}@example.com}}
  PASSWORD: ${{BENCH_PASSWORD:secret}}
  QUERY: item {n}
"""

STEPS = [
    "  - launch_app",
    "  - launch_app: {{clear_state: true}}",
    "  - stop_app",
    "  - tap: home.search",
    "  - tap: Item {n}",
    "  - tap: {{x: {x}, y: {y}}}",
    "  - tap: {{text: 'Row {n}', index: {i}}}",
    "  - tap: {{id: row_{n}, ios: {{accessibility_id: Row {n}}}}}",
    "  - long_press: {{element: home.banner, duration: 1.5}}",
    '  - type_text: {{text: "${{QUERY}}", into: home.search}}',
    '  - type_text: "${{PASSWORD}}"',
    "  - clear_text: home.search",
    "  - assert_visible: home.title",
    "  - assert_not_visible: {{text_contains: Error {n}}}",
    "  - assert_text: {{element: home.title, equals: Home}}",
    "  - assert_text: {{element: {{text_regex: '^Item [0-9]+$'}}, matches: 'Item {n}'}}",
    "  - wait_for: home.title\n    timeout: {t}",
    "  - scroll_to: settings.legal",
    "  - scroll_to: {{element: settings.version, direction: up, max_swipes: 5}}",
    "  - swipe: up",
    "  - swipe: {{direction: left, element: home.carousel}}",
    "  - swipe: {{from: [500, 1500], to: [500, 500]}}",
    "  - back",
    "  - hide_keyboard",
    "  - press_key: enter\n    when: {{platform: android}}",
    "  - press_key: home",
    "  - open_link: app://item/{n}",
    # web content in between: its steps use web strategies, and the next entry is on native screens again
    "  - switch_context: webview\n  - tap: {{css: a.help}}\n  - assert_visible: Help\n"
    "  - switch_context: native",
    "  - accept_alert",
    "  - dismiss_alert: Not now",
    "  - screenshot: step {n}",
    "  - run_flow: {{file: ../flows/login.yaml}}\n    when: {{visible: login.sign_in}}",
    "  - run_flow: {{file: ../flows/open_settings.yaml, params: {{SECTION: Legal notices}}}}",
    "  - repeat:\n      times: 3\n      steps:\n        - swipe: up\n"
    "        - tap: home.banner\n          optional: true",
    "  - repeat:\n      while: {{not_visible: settings.sign_out}}\n      max: 8\n"
    "      steps: [{{swipe: up}}]",
    "  - retry:\n      max: 2\n      steps:\n        - tap: settings.sign_out\n"
    "        - assert_visible: login.sign_in",
    "  - tap: home.banner\n    optional: true\n    label: Close banner {n}\n"
    "    when: {{visible: home.banner}}",
]


def generate(folder: Path, count: int, seed: int = 2) -> None:
    rng = random.Random(seed)
    (folder / "screens").mkdir(parents=True)
    (folder / "flows").mkdir()
    (folder / "suite").mkdir()
    (folder / "screens" / "app.yaml").write_text(SCREEN_MAP)
    # the project root: flows and screen maps are read from inside it only
    (folder / "pyproject.toml").write_text('[project]\nname = "lint-benchmark"\n')
    for name, text in FLOWS.items():
        (folder / "flows" / name).write_text(text)
    severities = ["blocker", "critical", "normal", "minor", "trivial"]
    for n in range(count):
        chosen = rng.sample(STEPS, rng.randint(8, 20))
        body = [s.format(n=n, x=rng.randint(0, 1000), y=rng.randint(0, 2000), i=rng.randint(0, 3),
                         t=rng.randint(5, 30)) for s in chosen]
        text = HEADER.format(n=n, kinds=len(body), group=n % 17, severity=severities[n % 5])
        text += "steps:\n" + "\n".join(body) + "\n"
        if n % 4 == 0:
            text += "on_complete:\n  - screenshot: final\n  - stop_app\n"
        (folder / "suite" / f"scenario_{n:04d}.yaml").write_text(text)


def harness_command() -> list[str]:
    script = Path(sys.executable).with_name("harness")
    return [str(script)] if script.exists() else [sys.executable, "-m", "harness.cli"]


def time_cli(folder: Path, repeat: int) -> tuple[list[float], list[float], str]:
    """Wall-clock and CPU (user + system of the child) seconds of each run: the machine may be shared."""
    times, cpu = [], []
    output = ""
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run([*harness_command(), "lint", str(folder)], cwd=ROOT,
                                capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        output = result.stdout + result.stderr
        if result.returncode != 0:
            raise SystemExit(f"harness lint failed (exit {result.returncode}):\n{output[:2000]}")
    return times, cpu, output.strip()


def time_in_process(folder: Path, repeat: int) -> tuple[float, list[float], list[float], int]:
    start = time.perf_counter()
    sys.path.insert(0, str(ROOT))
    from harness.cli.lint import lint_paths
    from harness.translate import plan  # noqa: F401  (lint_paths imports it lazily: count it as import)

    imported = time.perf_counter() - start
    times, cpu = [], []
    count = 0
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        count, problems = lint_paths([str(folder)])
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        if problems:
            raise SystemExit("\n".join(str(p) for p in problems[:20]))
    return imported, times, cpu, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", help="generate into this folder and keep it")
    args = parser.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lint_1000_"))
    try:
        if args.keep and folder.exists():
            shutil.rmtree(folder)
        generate(folder, args.files)
        total = len(list(folder.rglob("*.yaml")))
        cli_times, cli_cpu, summary = time_cli(folder, args.repeat)
        imported, in_process, in_cpu, count = time_in_process(folder, args.repeat)
        assert count == total, (count, total)
        best = min(cli_times)
        met = "met" if best < GOAL_SECONDS else "NOT met"
        print(f"generated {args.files} scenarios + 3 flows + 1 screen map = {total} files in {folder}")
        print(f"harness lint DIR ({' '.join(harness_command()[-3:])}): {summary}")
        median = statistics.median
        print(f"  end to end, new interpreter: best {best:.2f} s, median {median(cli_times):.2f} s wall;"
              f" best {min(cli_cpu):.2f} s CPU  ({args.repeat} runs; goal < {GOAL_SECONDS:.0f} s: {met})")
        print(f"  in-process lint_paths: best {min(in_process):.2f} s, median {median(in_process):.2f} s"
              f" wall; best {min(in_cpu):.2f} s CPU  ({1000 * min(in_process) / total:.2f} ms per file)")
        print(f"  imports (harness.cli.lint + harness.translate.plan): {imported:.2f} s")
        print(f"  load average now: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
