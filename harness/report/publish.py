"""A static site of Allure reports (e.g. for GitHub Pages) that keeps the last N runs and the history.

Layout of the site folder:
    index.html       redirects to the latest report
    runs/index.html  lists the kept runs, newest first
    runs/<run-id>/   one Allure report per run
    runs.json        the same list, read back by the next publish
    history.jsonl    the Allure history, carried from publish to publish (trends, per-test history)
Restore the folder from the previous deployment before publishing, and the history goes on.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from harness.report.allure_files import atomic_write
from harness.report.errors import PublishError
from harness.report.generate import generate_report

MANIFEST = "runs.json"
HISTORY = "history.jsonl"
RUNS = "runs"
RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass(frozen=True)
class Published:
    """Where a publish put things, and which old runs it removed."""

    run_id: str
    report: Path
    index: Path
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _read_manifest(site: Path) -> list[dict[str, Any]]:
    path = site / MANIFEST
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise PublishError(f"{path} is not valid JSON ({exc}): restore it or remove it") from exc
    runs = data.get("runs") if isinstance(data, dict) else None
    if not isinstance(runs, list):
        raise PublishError(f"{path} has no list of runs: restore it or remove it")
    # A restored site is input: only ids of the expected form may name folders we later delete.
    return [run for run in runs if isinstance(run, dict) and RUN_ID.match(str(run.get("id", "")))]


def _check_site(site: Path) -> None:
    if site.exists() and not site.is_dir():
        raise PublishError(f"site {site} is a file, not a directory")
    looks_like_site = (site / MANIFEST).is_file() or (site / HISTORY).is_file() or (site / RUNS).is_dir()
    if site.is_dir() and any(site.iterdir()) and not looks_like_site:
        raise PublishError(f"{site} is not empty and is not a report site (no {MANIFEST}): choose another")


def _new_run_id(runs_dir: Path, wanted: str | None) -> str:
    if wanted is not None:
        if not RUN_ID.match(wanted):
            raise PublishError(f"run id {wanted!r} must be letters, digits, '.', '_' or '-' (at most 100)")
        if (runs_dir / wanted).exists():
            raise PublishError(f"run {wanted} is already published in {runs_dir}: choose another --run-id")
        return wanted
    base = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    candidate, n = base, 1
    while (runs_dir / candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _summary(report_dir: Path) -> dict[str, Any]:
    """Totals from the summary.json Allure writes next to the report."""
    try:
        summary = json.loads((report_dir / "summary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {"status": summary.get("status", ""), "stats": summary.get("stats", {})}


def _stats_text(run: dict[str, Any]) -> str:
    stats = run.get("stats") or {}
    parts = [f"{stats[key]} {key}" for key in ("passed", "failed", "broken", "skipped") if stats.get(key)]
    return ", ".join(parts) or "no tests"


def _index_html(latest: str) -> str:
    target = html.escape(f"{RUNS}/{latest}/index.html", quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "<title>Latest Allure report</title></head>\n"
        f'<body><p>Latest report: <a href="{target}">{html.escape(latest)}</a>. '
        f'All kept runs: <a href="{RUNS}/index.html">{RUNS}/</a>.</p></body></html>\n'
    )


def _runs_html(runs: list[dict[str, Any]]) -> str:
    rows = "\n".join(
        f'<li><a href="{html.escape(run["id"], quote=True)}/index.html">{html.escape(run["id"])}</a> '
        f"{html.escape(str(run.get('created', '')))}: {html.escape(_stats_text(run))}</li>"
        for run in runs
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Allure reports</title></head>\n"
        f"<body><h1>Allure reports</h1>\n<ol>\n{rows}\n</ol></body></html>\n"
    )


def publish_report(
    results_dir: str | os.PathLike[str],
    site_dir: str | os.PathLike[str],
    *,
    keep: int = 20,
    run_id: str | None = None,
    site_url: str | None = None,
    report_name: str | None = None,
    single_file: bool = False,
    history_limit: int | None = None,
) -> Published:
    """Add a report of `results_dir` to the site in `site_dir`, keep the newest `keep` runs.

    `site_url` is the public address of the site; history entries then link to the earlier reports.
    """
    if keep < 1:
        raise PublishError("--keep must be 1 or more")
    site = Path(site_dir).resolve()
    _check_site(site)
    runs_dir = site / RUNS
    runs_dir.mkdir(parents=True, exist_ok=True)
    runs = _read_manifest(site)
    new_id = _new_run_id(runs_dir, run_id)

    partial = runs_dir / f".partial-{new_id}"
    shutil.rmtree(partial, ignore_errors=True)
    base_url = f"{site_url.rstrip('/')}/{RUNS}/{new_id}/" if site_url else None
    try:
        generate_report(
            results_dir,
            partial,
            single_file=single_file,
            history_path=site / HISTORY,
            history_limit=history_limit,
            history_base_url=base_url,
            report_name=report_name,
        )
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    final = runs_dir / new_id
    os.replace(partial, final)

    entry = {
        "id": new_id,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        **_summary(final),
    }
    runs = [entry, *(run for run in runs if run["id"] != new_id)]
    kept, dropped = runs[:keep], runs[keep:]
    removed = []
    for run in dropped:
        folder = runs_dir / run["id"]
        if folder.is_dir() and folder.parent == runs_dir:
            shutil.rmtree(folder)
            removed.append(run["id"])

    atomic_write(site / MANIFEST, json.dumps({"runs": kept}, indent=2).encode("utf-8"))
    atomic_write(runs_dir / "index.html", _runs_html(kept).encode("utf-8"))
    atomic_write(site / "index.html", _index_html(new_id).encode("utf-8"))
    return Published(
        run_id=new_id,
        report=final / "index.html",
        index=site / "index.html",
        kept=[run["id"] for run in kept],
        removed=removed,
    )
