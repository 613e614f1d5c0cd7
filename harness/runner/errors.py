"""Outcomes of a step, as pytest and Allure classify them.

A `StepFailure` (subclass of AssertionError) is the app misbehaving: Allure shows it as *failed*.
An `InfrastructureError` is the test bench misbehaving (session lost, server gone): Allure shows it as
*broken*, with a message that says what to check.
"""

from __future__ import annotations

from harness.errors import HarnessError


class StepFailure(AssertionError):
    """The app did not do what the scenario expects."""


class ElementNotFound(StepFailure):
    """No locator of the target matched within the step's timeout."""


class StepTimeout(StepFailure):
    """A condition (displayed, text, gone) did not hold within the step's timeout."""


class InfrastructureError(HarnessError):
    """The session or the server failed; not the app's fault."""


class SessionLost(InfrastructureError):
    """The Appium session is gone (server restarted, device disconnected, app crashed the driver)."""


class StepError(HarnessError):
    """A step the driver refused (invalid argument / selector): the scenario or profile is wrong."""
