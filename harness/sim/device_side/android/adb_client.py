"""The fake SDK's `platform-tools/adb`: hands its argv to the device side and plays back the answer.

Standard library only: the SDK folder gets a copy of this file with a shebang running the venv's Python
in isolated mode without site-packages (`-IS`), so each adb call starts in a few milliseconds. The
answer streams as JSON lines: `{"out": ...}`, `{"err": ...}`, then `{"exit": code}`. A long-running
command (`am instrument -w`, the on-device server) holds the connection until the device side ends it;
being killed (the driver stops the instrumentation so) closes it, which the device side sees. A
long-running client also dies with its parent (the Appium server) through Linux's parent-death signal.
"""

import json
import os
import signal
import socket
import sys

CONFIG = "device.json"  # next to this script: {"port": N, "token": "..."}
GONE = 255  # the device side is not there (the harness stopped): adb's own "cannot connect" code


def die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:  # the parent died before the signal was armed
        sys.exit(GONE)


def main() -> int:
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, CONFIG), encoding="utf-8") as handle:
        config = json.load(handle)
    request = {"token": config["token"], "argv": sys.argv[1:], "pid": os.getpid()}
    try:
        conn = socket.create_connection(("127.0.0.1", config["port"]), timeout=None)
    except OSError as exc:
        sys.stderr.write(f"* cannot connect to the simulated device ({exc})\n")
        return GONE
    conn.sendall(json.dumps(request).encode("utf-8") + b"\n")
    for line in conn.makefile("rb"):
        message = json.loads(line)
        if "out" in message:
            sys.stdout.write(message["out"])
            sys.stdout.flush()
        if "err" in message:
            sys.stderr.write(message["err"])
            sys.stderr.flush()
        if message.get("stream"):
            die_with_parent()
        if "exit" in message:
            return int(message["exit"])
    return GONE


if __name__ == "__main__":
    sys.exit(main())
