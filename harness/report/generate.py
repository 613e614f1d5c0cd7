"""allure-results -> Allure 3 HTML report, with the history kept in a JSON-lines file between runs."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import webbrowser
from pathlib import Path

from harness.report.allure_cli import allure_cli, find_config, project_root, run_allure
from harness.report.errors import ReportConfigError, ReportGenerationError, ResultsMissingError

DEFAULT_RESULTS = Path("allure-results")
DEFAULT_OUTPUT = Path("allure-report")
DEFAULT_HISTORY = Path(".allure-history/history.jsonl")
# What Allure 3 leaves in every report folder; only such a folder is cleared before a new report.
REPORT_MARKERS = ("index.html", "summary.json")


def count_results(results_dir: str | os.PathLike[str]) -> int:
    """Number of test results in `results_dir`; ResultsMissingError when there is none to report."""
    path = Path(results_dir)
    hint = f"run the scenarios first (`harness run ... --alluredir {path}` or `make run`)"
    if not path.exists():
        raise ResultsMissingError(f"no results directory {path}: {hint}")
    if not path.is_dir():
        raise ResultsMissingError(f"{path} is not a directory of Allure results: {hint}")
    count = sum(1 for _ in path.glob("*-result.json"))
    if count == 0:
        raise ResultsMissingError(f"{path} holds no test results (*-result.json): {hint}")
    return count


def _is_report(folder: Path) -> bool:
    """An Allure 3 report: index.html plus the summary.json Allure writes beside it."""
    if not all((folder / marker).is_file() for marker in REPORT_MARKERS):
        return False
    try:
        summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(summary, dict) and "stats" in summary


def _clear_output(output: Path, results: Path) -> None:
    """Remove an earlier report (Allure adds to the folder, stale files would remain); nothing else."""
    if output == results or output in results.parents:
        raise ReportConfigError(f"report output {output} would contain the results {results}: choose another")
    if not output.exists():
        return
    if not output.is_dir():
        raise ReportConfigError(f"report output {output} is a file, not a directory")
    if any(output.iterdir()) and not _is_report(output):
        raise ReportConfigError(
            f"report output {output} is not empty and holds no Allure report: choose another"
        )
    shutil.rmtree(output)


def _history_tail(history: Path | None) -> bytes:
    """The last line of the history file (what a new run must change)."""
    if history is None or not history.is_file():
        return b""
    lines = history.read_bytes().rstrip(b"\n").rsplit(b"\n", 1)
    return lines[-1]


def generate_report(
    results_dir: str | os.PathLike[str] = DEFAULT_RESULTS,
    output_dir: str | os.PathLike[str] = DEFAULT_OUTPUT,
    *,
    single_file: bool = False,
    history_path: str | os.PathLike[str] | None = DEFAULT_HISTORY,
    history_limit: int | None = None,
    history_base_url: str | None = None,
    report_name: str | None = None,
    config: str | os.PathLike[str] | None = None,
    open_browser: bool = False,
) -> Path:
    """Generate the report with the pinned Allure 3 CLI and return the path of its index.html.

    The run is appended to `history_path` (None: no history), so the report shows trends and each
    test's earlier results; `single_file` makes one self-contained HTML file to attach anywhere.
    """
    results = Path(results_dir).resolve()
    count_results(results)
    allure_cli()  # a missing CLI is named before anything else is looked at
    output = Path(output_dir).resolve()
    history = Path(history_path).resolve() if history_path is not None else None
    config_file = Path(config).resolve() if config is not None else find_config()
    _clear_output(output, results)
    before = _history_tail(history)

    env = dict(os.environ)
    env["HARNESS_ALLURE_HISTORY"] = str(history) if history else ""
    env["HARNESS_ALLURE_SINGLE_FILE"] = "1" if single_file else "0"
    # The CLI treats results arguments as glob patterns; "." under --cwd names the folder literally.
    args = ["generate", ".", "--cwd", str(results), "--config", str(config_file), "--output", str(output)]
    if report_name:
        args.append(f"--report-name={report_name}")  # `=` keeps a name starting with "-" a value
    if history_limit is not None:
        args.append(f"--history-limit={history_limit}")
    if history_base_url:
        args.append(f"--history-base-url={history_base_url}")
    run_allure(args, env=env)

    index = output / "index.html"
    if not index.is_file():
        raise ReportGenerationError(f"allure generate wrote no {index}")
    if single_file and (output / "data").exists():
        raise ReportConfigError(
            f"{config_file} ignores HARNESS_ALLURE_SINGLE_FILE: the report is not one file"
        )
    if not single_file and not (output / "data").is_dir():
        raise ReportConfigError(f"{config_file} made a single-file report although none was asked for")
    if history is not None and history_limit != 0 and _history_tail(history) == before:
        raise ReportConfigError(f"{config_file} ignores HARNESS_ALLURE_HISTORY: {history} was not updated")
    if open_browser:
        open_report(index)
    return index


def is_single_file(index: Path) -> bool:
    """A single-file report has no data/ folder next to its index.html."""
    return not (index.parent / "data").is_dir()


def open_report(index: Path) -> None:
    """Open the report in the default browser.

    A single file opens directly; a full report loads its data with fetch, so it is served over HTTP by
    `allure open` until Ctrl-C.
    """
    if is_single_file(index):
        webbrowser.open(index.resolve().as_uri())
        return
    print(f"serving {index.parent} (Ctrl-C to stop)", file=sys.stderr)
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(
            [str(allure_cli()), "open", str(index.parent.resolve())], cwd=project_root(), check=False
        )
