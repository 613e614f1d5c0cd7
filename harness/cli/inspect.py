"""`harness inspect`: the live screen as the harness sees it (docs/devices.md, "Capturing the real locators").

    harness inspect --device PROFILE [--device PROFILE] [--app NAME] [--yaml] [--screen NAME] [--all]
    harness inspect --check SCREEN_MAP [--screen NAME] [--strict] --device PROFILE
    harness inspect SCENARIO --device PROFILE [--until STEP | --at-failure] [--yaml | --check [MAP]]
    harness inspect ... --serve [--port N]

Exit status: 0; 1 when a locator checked is wrong, the run did not stop where asked, or an input is
invalid; 2 for a usage error (a non-loopback --host among them); 130 / 143 when interrupted.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from harness.errors import HarnessError, InvalidInputError


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "inspect", help="show the live screen's elements with the selectors to use, and check a screen map",
        description="Open a session on each --device (as `harness run` does) and print the current screen as "
        "a tree of the elements a user can act on, each with the selectors the harness suggests, best "
        "first, and what the driver finds for each.")
    parser.add_argument("scenario", nargs="?", help="run this scenario first, then inspect where it stands")
    parser.add_argument("--device", action="append", required=True, metavar="PROFILE",
                        help="device profile (repeat for Android and iOS: --yaml then writes both blocks)")
    parser.add_argument("--app", help="app entry of the profile (default: the scenario's, else its first)")
    parser.add_argument("--launch", action="store_true",
                        help="start the app first, as launch_app does (terminate, then activate)")
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument("--until", metavar="STEP",
                      help="stop before this step: its number as `harness plan` shows it (3, 4.2, "
                      "on_start:1), its label, or file:line")
    stop.add_argument("--at-failure", action="store_true",
                      help="inspect where the scenario fails (exit 1 when it does not fail)")
    parser.add_argument("--yaml", action="store_true", help="print a screen-map fragment for the screen")
    parser.add_argument("--screen", metavar="NAME",
                        help="the screen's name in the fragment; with --check: check this screen only")
    parser.add_argument("--check", nargs="?", const="", metavar="SCREEN_MAP",
                        help="check every element of the screen map on the live screen (a scenario's "
                        "own screen map when no file is given)")
    parser.add_argument("--strict", action="store_true",
                        help="with --check: an element not on screen, or hidden, counts as wrong too")
    parser.add_argument("--all", action="store_true", dest="everything",
                        help="list every node, layout containers and prose included")
    parser.add_argument("--serve", action="store_true", help="show it on a page at http://127.0.0.1:PORT/")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address of --serve (127.x or ::1)")
    parser.add_argument("--port", type=int, default=0, help="port of --serve (default: a free one)")
    parser.add_argument("--no-browser", action="store_true", help="with --serve: do not open a browser")
    parser.add_argument("--artifacts", default="artifacts", type=Path,
                        help="folder for server logs (default: artifacts)")
    parser.set_defaults(func=run_inspect)


def run_inspect(args: argparse.Namespace) -> int:
    from harness.ports import is_loopback

    if args.serve and not is_loopback(args.host):
        print(f"harness inspect: {args.host} is not a loopback address: the page listens on 127.0.0.1 "
              "(or another 127.x address, or ::1) only", file=sys.stderr)
        return 2
    if (args.until or args.at_failure) and not args.scenario:
        print("harness inspect: --until and --at-failure need a SCENARIO", file=sys.stderr)
        return 2
    if args.check == "" and not args.scenario:
        print("harness inspect: --check needs a SCREEN_MAP (or a SCENARIO whose screen map to check)",
              file=sys.stderr)
        return 2
    try:
        return _inspect(args)
    except (InvalidInputError, HarnessError) as exc:
        print(f"harness inspect: {exc}", file=sys.stderr)
        return 1


def _inspect(args: argparse.Namespace) -> int:
    from harness.devices.profiles import load_profile
    from harness.inspect.inspector import Inspector
    from harness.runner.errors import InfrastructureError, Interrupted

    scenario = _load_scenario(args.scenario) if args.scenario else None
    if scenario is not None and args.until:
        from harness.inspect.scenario_run import find_step

        find_step(scenario, args.until)  # a wrong step name fails before any profile is read
    screen_map = _screen_map(args, scenario)
    profiles = [load_profile(name) for name in args.device]
    app = args.app
    if scenario is not None:
        if args.app and args.app != scenario.file.app:
            raise HarnessError(f"{scenario.path} runs app {scenario.file.app!r}, not {args.app!r}: "
                               "leave --app out")
        app = scenario.file.app  # the session the scenario ran in is the one looked at
    inspector = Inspector.open(profiles, args.artifacts, app, screen_name=args.screen,
                               screen_map=screen_map, everything=args.everything, strict=args.strict)
    code = 0
    try:
        if args.launch:
            for device in inspector.devices:
                inspector.launch(device)
        if scenario is not None:
            code = max(code, _run_scenario(args, scenario, inspector))
        if args.serve:
            return _serve(args, inspector)
        code = max(code, _report(args, inspector))
    except Interrupted as exc:
        print(f"harness inspect: {exc}", file=sys.stderr)
        return 130
    except InfrastructureError as exc:
        print(f"harness inspect: {exc}", file=sys.stderr)
        return 1
    finally:
        inspector.close()
    return code


def _load_scenario(path: str) -> Any:
    from harness.scenario.loader import load_scenario

    return load_scenario(path)


def _screen_map(args: argparse.Namespace, scenario: Any) -> Any:
    from harness.scenario.loader import load_screen_map

    if args.check is None:
        return scenario.screens if scenario is not None else None
    if args.check == "":
        if scenario.screens is None:
            raise HarnessError(f"{scenario.path} names no screen map (`screens:`): give --check SCREEN_MAP")
        return scenario.screens
    loaded = load_screen_map(Path(args.check))
    if isinstance(loaded, list):
        raise InvalidInputError("\n".join(str(problem) for problem in loaded))
    if args.screen and not loaded.has_screen(args.screen):
        from harness.errors import suggest

        hint = suggest(args.screen, loaded.screen_names())
        raise HarnessError(f"{args.check} has no screen {args.screen!r}{hint}")
    return loaded


def _run_scenario(args: argparse.Namespace, scenario: Any, inspector: Any) -> int:
    """Run the scenario on every device; 1 when one did not stop where asked."""
    from harness.inspect.scenario_run import run_to

    code = 0
    for device in inspector.devices:
        print(f"{device.name}: running {scenario.path}", file=sys.stderr, flush=True)
        outcome = run_to(scenario, device.profile, inspector.manager, until=args.until, out=sys.stderr)
        print(f"{device.name}: {outcome.describe(scenario)}", file=sys.stderr, flush=True)
        if args.until and not outcome.stopped_before:
            if outcome.failure is None:
                print(f"{device.name}: step {args.until} was not reached (a condition skipped it): "
                      "inspecting where the scenario ended", file=sys.stderr)
            code = 1
        if args.at_failure and outcome.failure is None:
            print(f"{device.name}: the scenario did not fail: inspecting where it ended", file=sys.stderr)
            code = 1
    return code


def _report(args: argparse.Namespace, inspector: Any) -> int:
    from harness.inspect.render import check_text, screen_text

    screens = inspector.look()
    code = 0
    if args.check is not None:
        for check in inspector.check():
            print(check_text(check))
            code = code if check.passed() else 1
    if args.yaml:
        from harness.secrets import mask

        try:
            print(mask(inspector.fragment().yaml()), end="")
        except ValueError as exc:
            raise HarnessError(str(exc)) from None
    if args.check is None and not args.yaml:
        print("\n\n".join(screen_text(screen) for screen in screens))
    return code


def _serve(args: argparse.Namespace, inspector: Any) -> int:
    import contextlib
    import webbrowser

    from harness.inspect.serve import PageServer

    server = PageServer(inspector, args.host, args.port).start()
    stopped = threading.Event()
    code = 130

    def on_sigterm(signum: int, frame: Any) -> None:
        nonlocal code
        code = 143
        stopped.set()

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    print(f"harness inspect: {server.url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
    if not args.no_browser:
        with contextlib.suppress(Exception):
            webbrowser.open(server.url)
    try:
        while not stopped.wait(0.5):
            pass
    except KeyboardInterrupt:
        code = 130
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
    return code
