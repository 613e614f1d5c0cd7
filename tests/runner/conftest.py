"""Fixtures of tier 2 (scenarios through real pytest + allure-pytest in a subprocess): the shipped Netflix
scenarios run once on both simulated platforms. The helpers are tests/helpers.py."""

from __future__ import annotations

import pytest

from tests.helpers import Run, run_pytest


@pytest.fixture(scope="session")
def netflix_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The shipped Netflix scenarios on both simulated platforms, with a secret from the environment."""
    tmp = tmp_path_factory.mktemp("netflix")
    return run_pytest(
        ["scenarios/netflix", "--device", "sim-android", "--device", "sim-ios"],
        tmp,
        env={"NETFLIX_EMAIL": "qa.lead@example.com", "NETFLIX_PASSWORD": "demo-password"},
    )
