"""What every test shares: state of the harness that lives in the process is put back after each test,
so tests that run in one xdist worker, in any order, never see each other's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.secrets import REGISTRY


@pytest.fixture(autouse=True)
def _secret_registry_as_it_was() -> Iterator[None]:
    """The run's secret registry (harness.secrets.REGISTRY) is process-wide: a test that runs a scenario
    in-process fills it, and a later test's text would be masked with those secrets."""
    before = REGISTRY.values
    yield
    REGISTRY.clear()
    for value in before:
        REGISTRY.add(value)
