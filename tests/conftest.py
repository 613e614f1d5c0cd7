"""What every test shares: state of the harness that lives in the process is put back after each test,
so tests that run in one xdist worker, in any order, never see each other's; and one headless Chromium
(`browser`, `page`) for the tiers that look at a page as a person does (the report, `harness inspect`,
the web path)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.secrets import REGISTRY
from tests.report.report_browser import Browser, Page, find_chromium


@pytest.fixture(autouse=True)
def _secret_registry_as_it_was() -> Iterator[None]:
    """The run's secret registry (harness.secrets.REGISTRY) is process-wide: a test that runs a scenario
    in-process fills it, and a later test's text would be masked with those secrets."""
    before = REGISTRY.values
    yield
    REGISTRY.clear()
    for value in before:
        REGISTRY.add(value)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium for the whole session (about a second to start)."""
    executable = find_chromium()
    if executable is None:
        pytest.fail(
            "headless Chromium is needed to check the report as a person sees it: install Debian's "
            "`chromium` package (`make system-deps`) or set HARNESS_CHROMIUM to a Chromium binary",
            pytrace=False,
        )
    instance = Browser(executable)
    yield instance
    instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    tab = browser.new_page()
    yield tab
    tab.close()
