"""Fixtures: one simulated device server per flavour, and Appium-Python-Client sessions against it
(the helpers that drive a session: drive.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from appium import webdriver
from appium.webdriver.webdriver import WebDriver

from harness.sim.server import SimServer
from tests.sim.drive import options


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, SimServer]]:
    started = {p: SimServer(platform=p).start() for p in ("android", "ios")}
    yield started
    for server in started.values():
        server.stop()


Factory = Callable[..., WebDriver]


@pytest.fixture
def session(servers: dict[str, SimServer]) -> Iterator[Factory]:
    """session(platform, **caps) -> a connected driver; `harness__faults=...` sets `harness:faults`."""
    made: list[WebDriver] = []

    def make(platform: str, **caps: Any) -> WebDriver:
        driver = webdriver.Remote(servers[platform].url, options=options(platform, **caps))
        made.append(driver)
        return driver

    yield make
    for driver in made:
        with contextlib.suppress(Exception):  # a test may have quit it already
            driver.quit()


@pytest.fixture(params=["android", "ios"])
def platform(request: pytest.FixtureRequest) -> str:
    return request.param


