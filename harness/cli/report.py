"""`harness report`: allure-results -> Allure 3 HTML report, with history, single file, publishing, gate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from harness.errors import HarnessError

EXIT_OK = 0
EXIT_GATE_FAILED = 1
EXIT_ERROR = 2

EPILOG = """\
exit codes:
  0  report written (and the quality gate passed, when --max-failures is given)
  1  report written, but more tests failed than --max-failures allows
  2  no report: results missing or empty, Allure CLI not installed, generation failed, bad options

The report path is the only line printed on stdout; everything else goes to stderr.
"""


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "report",
        help="turn allure-results into an Allure 3 HTML report",
        description="Generate an Allure 3 report (pinned CLI in node_modules, no Java) and keep its history.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--results", default="allure-results", metavar="DIR", help="default: allure-results")
    parser.add_argument("--output", metavar="DIR", help="report folder (default: allure-report)")
    parser.add_argument("--open", action="store_true",
                        help="open the report in a browser (a full report: served on 127.0.0.1 until Ctrl-C)")
    parser.add_argument("--single-file", action="store_true", help="write one self-contained index.html")
    parser.add_argument(
        "--history",
        metavar="FILE",
        help="history file kept between runs (default: .allure-history/history.jsonl)",
    )
    parser.add_argument("--no-history", action="store_true", help="do not read or extend any history")
    parser.add_argument(
        "--history-limit", type=int, metavar="N", help="runs kept in the history (config: 20)"
    )
    parser.add_argument("--name", metavar="TEXT", help="report name (config: Mobile UI scenarios)")
    parser.add_argument(
        "--max-failures", type=int, metavar="N", help="quality gate: exit 1 above N failed tests"
    )
    publish = parser.add_argument_group("publishing to a static site")
    publish.add_argument("--publish", metavar="DIR", help="add the report to the site in DIR (runs/<id>/)")
    publish.add_argument(
        "--keep", type=int, default=20, metavar="N", help="runs kept on the site (default: 20)"
    )
    publish.add_argument("--run-id", metavar="ID", help="folder name of this run (default: UTC timestamp)")
    publish.add_argument("--site-url", metavar="URL", help="public URL of the site, for links in the history")
    parser.set_defaults(func=run_report)


def _check_options(args: argparse.Namespace) -> None:
    if args.publish:
        if args.output:
            raise HarnessError("--output and --publish exclude each other: the report goes to DIR/runs/<id>/")
        if args.history or args.no_history:
            raise HarnessError(
                "--publish keeps the history in DIR/history.jsonl: drop --history/--no-history"
            )
    elif args.run_id or args.site_url:
        raise HarnessError("--run-id and --site-url only apply with --publish DIR")
    if args.history and args.no_history:
        raise HarnessError("--history and --no-history exclude each other")
    if args.max_failures is not None and args.max_failures < 0:
        raise HarnessError("--max-failures must be 0 or more")


def _generate(args: argparse.Namespace) -> Path:
    if args.publish:
        from harness.report.publish import publish_report

        published = publish_report(
            args.results,
            args.publish,
            keep=args.keep,
            run_id=args.run_id,
            site_url=args.site_url,
            report_name=args.name,
            single_file=args.single_file,
            history_limit=args.history_limit,
        )
        print(f"site: {published.index} (runs kept: {len(published.kept)})", file=sys.stderr)
        return published.report
    from harness.report.generate import DEFAULT_HISTORY, generate_report

    history = None if args.no_history else Path(args.history) if args.history else DEFAULT_HISTORY
    return generate_report(
        args.results,
        args.output or "allure-report",
        single_file=args.single_file,
        history_path=history,
        history_limit=args.history_limit,
        report_name=args.name,
    )


def run_report(args: argparse.Namespace) -> int:
    try:
        _check_options(args)
        index = _generate(args)
        print(index)
        code = EXIT_OK
        if args.max_failures is not None:
            from harness.report.quality_gate import check_quality_gate

            gate = check_quality_gate(args.results, args.max_failures)
            print(gate.message, file=sys.stderr)
            code = EXIT_OK if gate.passed else EXIT_GATE_FAILED
        if args.open:
            from harness.report.generate import open_report

            interrupted = open_report(index)
            code = code if interrupted in (0, 130) else interrupted  # Ctrl-C is how one closes it
        return code
    except HarnessError as exc:
        print(f"harness report: {exc}", file=sys.stderr)
        return EXIT_ERROR
