"""What every check of `harness doctor` shares: its result, a variable a scenario needs, and the run the
check modules (doctor_android, doctor_ios, doctor_node, doctor_server, doctor_variables) report into.

The check modules see the run only through `CheckRun`, so they never import the Doctor that calls them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from harness.devices.profiles import DeviceProfile
from harness.devices.tools import Host


@dataclass
class Check:
    group: str
    name: str
    ok: bool
    detail: str
    fix: str | None = None
    needed: bool = True

    @property
    def status(self) -> str:
        return "ok" if self.ok else ("missing" if self.needed else "warn")


@dataclass(frozen=True)
class VariableNeed:
    """A `${NAME}` a scenario's env: reads: whether it is secret, its default, and who reads it."""

    name: str
    secret: bool
    default: str | None
    used_by: str


class CheckRun(Protocol):
    """The doctor as its check modules see it."""

    host: Host
    profile: DeviceProfile | None
    needs: list[VariableNeed]
    checks: list[Check]

    @property
    def driver(self) -> str | None: ...

    def add(
        self, name: str, ok: bool, detail: str, fix: str | None = None, *, needed: bool | None = None
    ) -> bool: ...

    def mac(self, mac: str, linux: str) -> str: ...
