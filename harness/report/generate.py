"""allure-results -> Allure 3 HTML report, with the history kept in a JSON-lines file between runs."""

from __future__ import annotations

import json
import os
import shutil
import webbrowser
from pathlib import Path

from harness.report.allure_cli import allure_cli, find_config, run_allure
from harness.report.environments import ENV_VAR, environments_variable
from harness.report.errors import ReportConfigError, ReportGenerationError, ResultsMissingError
from harness.report.history import HistoryUpdate, results_fingerprint

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
    # Allure extends a working copy that ends before this run's entry; this run's entry then replaces
    # the one an earlier report of the same results made (one entry per run, see harness.report.history)
    update = HistoryUpdate.prepare(history, results_fingerprint(results)) if history else None

    env = dict(os.environ)
    env["HARNESS_ALLURE_HISTORY"] = str(update.working) if update else ""
    env["HARNESS_ALLURE_SINGLE_FILE"] = "1" if single_file else "0"
    env[ENV_VAR] = environments_variable(results)
    # The CLI treats results arguments as glob patterns; "." under --cwd names the folder literally.
    args = ["generate", ".", "--cwd", str(results), "--config", str(config_file), "--output", str(output)]
    if report_name:
        args.append(f"--report-name={report_name}")  # `=` keeps a name starting with "-" a value
    if history_limit is not None:
        args.append(f"--history-limit={history_limit}")
    if history_base_url:
        args.append(f"--history-base-url={history_base_url}")
    try:
        run_allure(args, env=env)
        _check_output(output, config_file, single_file)
        if update is not None and history_limit != 0 and not update.extended():
            raise ReportConfigError(
                f"{config_file} ignores HARNESS_ALLURE_HISTORY: {history} was not updated"
            )
        if update is not None and history_limit != 0:
            update.commit(history_limit)
    finally:
        if update is not None:
            update.discard()
    if open_browser:
        open_report(output / "index.html")
    return output / "index.html"


def _check_output(output: Path, config_file: Path, single_file: bool) -> None:
    index = output / "index.html"
    if not index.is_file():
        raise ReportGenerationError(f"allure generate wrote no {index}")
    if single_file and (output / "data").exists():
        raise ReportConfigError(
            f"{config_file} ignores HARNESS_ALLURE_SINGLE_FILE: the report is not one file"
        )
    if not single_file and not (output / "data").is_dir():
        raise ReportConfigError(f"{config_file} made a single-file report although none was asked for")


def is_single_file(index: Path) -> bool:
    """A single-file report has no data/ folder next to its index.html."""
    return not (index.parent / "data").is_dir()


def open_report(index: Path) -> int:
    """Open the report in the default browser; the exit code for `harness report`.

    A single file opens directly; a full report loads its data with fetch, so it is served over HTTP on
    127.0.0.1 until Ctrl-C or SIGTERM (harness.report.serve).
    """
    if is_single_file(index):
        webbrowser.open(index.resolve().as_uri())
        return 0
    from harness.report.serve import serve_report

    return serve_report(index.parent.resolve())
