"""The loopback control server that the fake `adb` processes talk to (one JSON line in, JSON lines out).

Each adb invocation is one connection: `{"token", "argv", "pid"}`, answered by `{"out"}` / `{"err"}` and
`{"exit": code}`. A long-running command is told `{"stream": true}` and kept open until its Output's
`until` is set or the adb process is killed (its socket closes: the command's `on_hangup` runs).
A random token, in the SDK folder's config file only, keeps other local processes out.
"""

from __future__ import annotations

import json
import secrets
import select
import shlex
import socket
import socketserver
import traceback
from typing import Any

from harness.sim.device_side.android.adb import ADB, strip_global_options
from harness.sim.device_side.android.device import AndroidDevice
from harness.sim.device_side.android.output import Output
from harness.sim.device_side.simlink import SimError
from harness.sim.device_side.strict import PREFIX, NotModelled
from harness.sim.serving import HOST, Serving

HANGUP_POLL = 0.2  # seconds between checks of a long-running command's connection


class ControlServer:
    def __init__(self, device: AndroidDevice):
        self.device = device
        self.token = secrets.token_hex(16)
        self.serving = Serving("sim-adb-control")

    @property
    def port(self) -> int:
        assert self.serving.server is not None, "the control server is not started"
        return int(self.serving.server.server_address[1])  # type: ignore[attr-defined]

    def start(self) -> ControlServer:
        handler = type("Handler", (_Connection,), {"control": self})
        self.serving.start(_Server((HOST, 0), handler))
        return self

    def stop(self) -> None:
        self.serving.stop()

    def answer(self, argv: list[str]) -> tuple[str, Output]:
        """(what the journal shows, the Output) of one adb invocation."""
        device = self.device
        try:
            shown = shlex.join(strip_global_options(device, argv))
        except NotModelled:
            shown = shlex.join(argv)
        try:
            return shown, ADB.run(device, argv)
        except NotModelled as exc:
            device.strictness.failed(exc)
            return shown, Output(err=f"{exc}\n", code=1)
        except SimError as exc:  # the simulated app refused (an app that is not installed...)
            return shown, Output(err=f"Error: {exc}\n", code=1)
        except Exception as exc:  # a bug of the device side: say so, with the trace, instead of hanging up
            trace = "".join(traceback.format_exception(exc))
            return shown, Output(err=f"{PREFIX}: internal error answering adb {shown}:\n{trace}", code=1)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class _Connection(socketserver.StreamRequestHandler):
    control: ControlServer

    def handle(self) -> None:
        line = self.rfile.readline()
        try:
            request: dict[str, Any] = json.loads(line)
        except ValueError:
            return
        if request.get("token") != self.control.token or not isinstance(request.get("argv"), list):
            return
        shown, output = self.control.answer([str(a) for a in request["argv"]])
        journal = self.control.device.journal
        journal.record("adb", shown, outcome=f"exit {output.code}" if output.until is None else "running")
        self._send({"out": output.out, "err": output.err})
        if output.until is not None:
            self._send({"stream": True})
            if not self._wait(output):
                if output.on_hangup is not None:
                    output.on_hangup()
                journal.record("adb", shown, outcome="killed")
                return
            journal.record("adb", shown, outcome="ended")
        self._send({"exit": output.code})

    def _wait(self, output: Output) -> bool:
        """True when the command ended on the device, False when the adb process went away first."""
        assert output.until is not None
        while not output.until.wait(HANGUP_POLL):
            try:
                readable, _, _ = select.select([self.connection], [], [], 0)
                if readable and not self.connection.recv(1, socket.MSG_PEEK):
                    return False
            except OSError:  # killed: the connection was reset
                return False
        return True

    def _send(self, message: dict[str, Any]) -> None:
        try:
            self.wfile.write(json.dumps(message).encode("utf-8") + b"\n")
            self.wfile.flush()
        except OSError:
            pass
