"""Starting the device side of a simulated device: the one its flavour names."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any, Protocol

from harness.sim.device_side.journal import Journal
from harness.sim.device_side.strict import Strictness
from harness.sim.server import SimServer


class DeviceSide(Protocol):
    journal: Journal
    strictness: Strictness

    def start(self) -> Any: ...

    def stop(self) -> None: ...

    @property
    def env(self) -> dict[str, str]:
        """Environment of the Appium server (where the driver finds the device)."""
        ...

    @property
    def capabilities(self) -> dict[str, Any]:
        """Capabilities each session needs to reach this device (udid, ports, URLs)."""
        ...

    @property
    def replacements(self) -> dict[str, str]:
        """Run-specific values and what they are (the journal records them; transcripts hide them)."""
        ...


def start_device_side(sim: SimServer, workdir: Path, journal: Journal, index: int = 0) -> DeviceSide:
    """The device side of `sim` (its flavour names which), started; `index` keeps workers apart."""
    module, _, name = sim.flavour.device_side.partition(":")
    side: DeviceSide = getattr(importlib.import_module(module), name)(sim, workdir, journal, index)
    side.start()
    return side
