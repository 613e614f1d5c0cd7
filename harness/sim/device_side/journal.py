"""What the real driver asked of the simulated device: every adb command and device-side request, in order.

The journal is the device side's log (a JSON-lines file under the run's artifacts) and the raw material of
the golden transcripts (tests/data/golden/transcripts/): marks split it into steps, `normalised` strips
what changes from run to run (ports, session and element ids, udids, temporary paths). Typed text is
never recorded: a password typed by a scenario passes through here.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

KEEP_IN_MEMORY = 5000
TYPED_KEYS = ("text", "value")  # body keys of the typing routes (UiAutomator2 and WebDriverAgent)


@dataclass(frozen=True)
class Event:
    layer: str  # adb | uia2 | wda | usbmux | lockdown | installation_proxy | mark
    request: str  # "shell getprop ro.build.version.sdk", "POST /session/<sid>/element", a step title
    body: Any = None
    outcome: str = ""  # "exit 0", "200", "404 no such element", "not modelled"
    t: float = field(default_factory=time.time)


class Journal:
    """Thread-safe, append-only; the last KEEP_IN_MEMORY events stay readable in memory."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self._lock = threading.Lock()
        self._events: deque[Event] = deque(maxlen=KEEP_IN_MEMORY)
        self._file: Any = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("w", encoding="utf-8", buffering=1)  # this run's, not an earlier one's

    def record(self, layer: str, request: str, body: Any = None, outcome: str = "") -> None:
        event = Event(layer, request, redact_typing(request, body), outcome)
        with self._lock:
            self._events.append(event)
            if self._file is not None:
                self._file.write(json.dumps(asdict(event), default=str) + "\n")

    def alias(self, value: str, kind: str) -> None:
        """`value` (a session or element id) shows as `<kind>` in transcripts."""
        self.record("alias", value, kind)

    def mark(self, title: str) -> None:
        """A boundary (a scenario step starting): what follows belongs to it in a transcript."""
        self.record("mark", title)

    def events(self) -> list[Event]:
        with self._lock:
            return list(self._events)

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None


def redact_typing(request: str, body: Any) -> Any:
    """The body of a typing request with its characters replaced by their count."""
    if not isinstance(body, dict) or not request.endswith("/value"):
        return body
    out = dict(body)
    for key in TYPED_KEYS:
        if key in out:
            typed = out[key]
            length = len("".join(typed)) if isinstance(typed, list) else len(str(typed))
            out[key] = f"<{length} characters>"
    return out


def read(path: Path) -> list[Event]:
    """The events of a journal file (a run's artifacts)."""
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            events.append(Event(**json.loads(line)))
    return events


# ---------------------------------------------------------------------------------------- normalising
_TMP = re.compile(r"/tmp/[^\s\"']+")


def aliases(events: list[Event]) -> dict[str, str]:
    """Ids -> placeholders, from the journal's alias events."""
    return {e.request: f"<{e.body}>" for e in events if e.layer == "alias"}


def normalised(event: Event, replacements: dict[str, str]) -> str:
    """One transcript line: layer, request and body with run-specific values replaced by placeholders
    (`replacements`: value -> placeholder, from `aliases`)."""
    text = event.request
    if event.body not in (None, {}, ""):
        text += " " + json.dumps(event.body, sort_keys=True, separators=(",", ":"))
    for value, placeholder in sorted(replacements.items(), key=lambda kv: -len(kv[0])):
        if value:
            text = text.replace(value, placeholder)
    text = _TMP.sub("<tmp>", text)
    outcome = f"  -> {event.outcome}" if event.outcome and event.outcome not in ("exit 0", "200") else ""
    return f"{event.layer:<9} {text}{outcome}"
