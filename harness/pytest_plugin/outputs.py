"""A scenario's steps and screenshots in pytest's own reports, for teams that read JUnit XML or pytest-html
rather than Allure.

- JUnit XML (`--junitxml`): one `<property name="step 2.1" value="failed: Tap ... (file.yaml:7:5)"/>`
  per step (pytest writes an item's user_properties as its testcase's properties);
- the terminal and pytest-html's log: a "scenario steps" section with the same list;
- pytest-html (`--html`): the screenshots taken for the report (failure, each step) as image extras.
"""

from __future__ import annotations

import base64

import pytest

from harness.report.evidence import EvidenceReporter

EVIDENCE = pytest.StashKey[EvidenceReporter]()
STEPS_SECTION = "scenario steps"


def remember(item: pytest.Item, evidence: EvidenceReporter) -> None:
    """Called at the end of the item's run: its steps become JUnit properties (read at report time)."""
    item.stash[EVIDENCE] = evidence
    item.user_properties.extend((f"step {number}", record.text()) for number, record in evidence.numbered())


def decorate(item: pytest.Item, report: pytest.TestReport) -> None:
    """Add the step list and screenshots to the call report of a scenario item."""
    evidence = item.stash.get(EVIDENCE, None)
    if evidence is None or report.when != "call" or not evidence.steps:
        return
    lines = [f"{number:<6} {record.text()}" for number, record in evidence.numbered()]
    report.sections.append((STEPS_SECTION, "\n".join(lines)))
    if evidence.images and item.config.pluginmanager.hasplugin("html"):
        from pytest_html import extras

        report.extras = [  # type: ignore[attr-defined]
            *getattr(report, "extras", []),
            *(extras.png(base64.b64encode(png).decode("ascii"), name) for name, png in evidence.images),
        ]
