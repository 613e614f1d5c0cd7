"""Golden transcripts: what a scenario's steps asked of the device, read from a run's device journal.

One line per adb command or device request, indented under the step that made it (steps are marked by
step_marks.py), run-specific values replaced (`<udid>`, `<session>`, `<element>`...), a polling loop's
repeated lines folded into one. A driver upgrade that changes its traffic shows up as a diff.
"""

from __future__ import annotations

from pathlib import Path

from harness.sim.device_side.journal import Event, aliases, normalised, read
from tests.real_drivers.step_marks import END, START, TEST_END

SKIPPED = ("alias",)
TIMING = ("ended", "killed")  # when the UiAutomator2 server's process goes away depends on timing


def scenario_events(journal: Path, nodeid_part: str) -> tuple[list[Event], dict[str, str]]:
    """The events of the scenario whose node id contains `nodeid_part` (it ends with its test mark)."""
    events = read(journal)
    names = aliases(events)
    start = 0
    for index, event in enumerate(events):
        if event.layer == "mark" and event.request.startswith(TEST_END):
            if nodeid_part in event.request:
                return events[start:index], names
            start = index + 1
    raise AssertionError(f"no scenario matching {nodeid_part!r} in {journal}")


def transcript(events: list[Event], names: dict[str, str]) -> str:
    first_step = next((i for i, e in enumerate(events) if e.layer == "mark" and e.request.startswith(START)),
                      len(events))
    start = sorted({normalised(e, names) for e in events[:first_step] if _shown(e)})
    lines: list[str] = ["(session start: the driver sends these concurrently; sorted)", *start]
    depth = 0
    for event in events[first_step:]:
        if not _shown(event) and event.layer != "mark":
            continue
        if event.layer == "mark":
            if event.request.startswith(START):
                lines.append("  " * depth + "> " + event.request[len(START):])
                depth += 1
            elif event.request.startswith(END):
                depth = max(0, depth - 1)
            continue
        line = "  " * depth + normalised(event, names)
        if lines and lines[-1].removesuffix("  (repeated)") == line:
            lines[-1] = line + "  (repeated)"
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _shown(event: Event) -> bool:
    return event.layer not in SKIPPED and event.layer != "mark" and event.outcome not in TIMING
