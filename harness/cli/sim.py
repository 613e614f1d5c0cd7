"""`harness sim`: run the simulated device standalone so any Appium client can talk to it."""

from __future__ import annotations

import argparse
import sys

from harness.errors import HarnessError
from harness.ports import is_loopback


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "sim",
        help="start the simulated Android/iOS device (a W3C WebDriver / Appium server)",
        description="Serve the simulated device until Ctrl-C. Point an Appium client at the printed URL "
        "with UiAutomator2 (Android) or XCUITest (iOS) capabilities.",
    )
    parser.add_argument(
        "--platform",
        choices=("android", "ios"),
        default="android",
        help="device flavour: UiAutomator2 (android) or XCUITest (ios); default android",
    )
    parser.add_argument(
        "--app", metavar="MODEL", default=None,
        help="app model YAML (default: the one harness/sim/default_app.yaml names)",
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help="loopback address to listen on (default 127.0.0.1; 127.0.0.0/8 or ::1 only)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=None,
        metavar="N",
        help="delay added to every command, overriding the model's latency fault",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from harness.sim.server import SimServer

    if not is_loopback(args.host):
        print(f"harness sim: {args.host} is not a loopback address: the simulated device listens on "
              "127.0.0.1 (or another 127.x address, or ::1) only", file=sys.stderr)
        return 2
    try:
        server = SimServer(
            platform=args.platform,
            app_model=args.app,
            host=args.host,
            port=args.port,
            latency_ms=args.latency_ms,
        ).start()
    except HarnessError as exc:
        print(exc, file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    model = server.model
    try:  # from the moment the URL is out, a client may Ctrl-C: it must find the handler in place
        print(server.url, flush=True)
        print(f"simulated {args.platform} device running {model.name} ({server.flavour.app_id(model)}); "
              "Ctrl-C to stop", file=sys.stderr, flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        server.stop()
    return 0
