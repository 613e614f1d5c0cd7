"""`harness report --open`: serve a report folder on 127.0.0.1 until Ctrl-C or SIGTERM, then stop for sure.

A full Allure 3 report loads its data with fetch, so it needs an HTTP server. `allure open` listens on
every interface and, started as a child, outlived a SIGTERM sent to `harness report`; this server runs
inside the harness process on the loopback address, and both signals stop it.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import sys
import threading
import webbrowser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

HOST = "127.0.0.1"
EXIT_SIGINT = 128 + signal.SIGINT
EXIT_SIGTERM = 128 + signal.SIGTERM


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # the terminal is for the address only
        return


def serve_report(folder: Path, *, port: int = 0, open_browser: bool = True) -> int:
    """Serve `folder` until interrupted; the exit code of the interruption (130 SIGINT, 143 SIGTERM)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer((HOST, port), handler)
    url = f"http://{HOST}:{server.server_address[1]}/index.html"
    thread = threading.Thread(target=server.serve_forever, name="report-server", daemon=True)
    thread.start()
    stopped = threading.Event()
    code = EXIT_SIGINT

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        nonlocal code
        code = EXIT_SIGTERM
        stopped.set()

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        print(f"serving {folder} at {url} (Ctrl-C to stop)", file=sys.stderr, flush=True)
        if open_browser:
            with contextlib.suppress(Exception):  # no browser here: the address is printed
                webbrowser.open(url)
        while not stopped.wait(0.5):
            pass
    except KeyboardInterrupt:
        code = EXIT_SIGINT
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    print("report server stopped", file=sys.stderr)
    return code
