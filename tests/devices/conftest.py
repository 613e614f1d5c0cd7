"""Fixtures of the device-layer tests: fake host tools, the pinned Node tools."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.devices.device_helpers import FakeBin
from tests.helpers import require_node_tools


@pytest.fixture
def fake_bin(tmp_path: Path) -> FakeBin:
    return FakeBin(tmp_path / "bin")


@pytest.fixture(scope="session")
def node_tools() -> Path:
    return require_node_tools()
