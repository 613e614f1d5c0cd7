"""Time limits of a run and how they are given on a command line (no heavy imports: the CLI and the pytest
plugin read this at start-up)."""

from __future__ import annotations

import argparse
import math

DEFAULT_SCENARIO_TIMEOUT = 900.0  # seconds: a long real-device scenario fits, a runaway loop does not


def positive_seconds(text: str) -> float:
    """An argparse type for --step-timeout / --scenario-timeout: a positive, finite number of seconds
    (nan would wait forever, 0 would never wait, -1 makes no sense)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value
