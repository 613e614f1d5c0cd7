"""Quality gate for CI: fail the command when more tests failed than allowed.

Same rule as Allure 3's `maxFailures` (failed and broken tests count, retries do not), computed here from
allure-results because `allure quality-gate` 3.18 crashes on Node 20 (it calls Iterator.prototype.toArray,
which needs Node 22) while package.json supports Node >= 20.19.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

UNSUCCESSFUL = frozenset({"failed", "broken"})


@dataclass(frozen=True)
class GateResult:
    """Outcome of the maxFailures rule on one results directory."""

    max_failures: int
    failures: int
    total: int
    failed_tests: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.failures <= self.max_failures

    @property
    def message(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        text = (
            f"quality gate {verdict}: {self.failures} of {self.total} tests failed or broken "
            f"(allowed: {self.max_failures})"
        )
        if not self.passed:
            shown = ", ".join(self.failed_tests[:5])
            more = f" and {len(self.failed_tests) - 5} more" if len(self.failed_tests) > 5 else ""
            text += f": {shown}{more}"
        return text


def final_results(results_dir: str | os.PathLike[str]) -> list[dict]:
    """The last attempt of every test (earlier attempts with the same historyId are retries)."""
    latest: dict[str, dict] = {}
    for path in sorted(Path(results_dir).glob("*-result.json")):
        try:
            result = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # Allure skips unreadable result files too
        if not isinstance(result, dict):
            continue
        key = str(result.get("historyId") or result.get("uuid") or path.name)
        when = result.get("stop") or result.get("start") or 0
        kept = latest.get(key)
        if kept is None or when >= (kept.get("stop") or kept.get("start") or 0):
            latest[key] = result
    return list(latest.values())


def check_quality_gate(results_dir: str | os.PathLike[str], max_failures: int) -> GateResult:
    """Apply maxFailures to the results; muted tests (statusDetails.muted) do not count."""
    if max_failures < 0:
        raise ValueError("max_failures must be 0 or more")
    results = final_results(results_dir)
    failed = [
        str(r.get("fullName") or r.get("name") or r.get("uuid"))
        for r in results
        if r.get("status") in UNSUCCESSFUL and not (r.get("statusDetails") or {}).get("muted")
    ]
    return GateResult(
        max_failures=max_failures, failures=len(failed), total=len(results), failed_tests=sorted(failed)
    )
