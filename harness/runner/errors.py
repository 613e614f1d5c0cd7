"""Outcomes of a step, as pytest and Allure classify them: one hierarchy, two branches.

`StepFailure` (an AssertionError) is the scenario meeting an app that does not do what it says: Allure
shows it as *failed*. Every failure the scenario causes is one, whatever raised it (an element missing, a
text mismatch, a selector or argument the driver refused, an unknown method, a step the harness cannot
translate, the app gone from the screen): it honours `optional`, gets the failure artifacts, and carries
the step's `file:line:col` as data (`source`).

`InfrastructureError` is the test bench failing (session lost, server gone, the run interrupted, an error
the harness has no name for): Allure shows it as *broken*, and `optional` or `retry` never hide it.
"""

from __future__ import annotations

from harness.errors import HarnessError


class StepFailure(AssertionError):
    """The app did not do what the scenario expects."""

    recoverable = True  # `optional` and `retry` may go on after it

    def __init__(self, message: str, *, source: str = ""):
        super().__init__(message)
        self.message = message
        self.reason = message  # what failed, without where
        self.source = source  # file:line:col of the step it happened in ("" until the engine knows)
        self.captured = False  # the failure artifacts were attached already (innermost step)

    def at(self, source: str) -> StepFailure:
        """The same failure, located at `source` once (the innermost step that knows its place)."""
        if self.source or not source:
            return self
        located = type(self)(f"{self.message}\n  at step {source}", source=source)
        located.reason, located.captured = self.reason, self.captured
        return located

    def __str__(self) -> str:
        return self.message


class ElementNotFound(StepFailure):
    """No locator of the target matched within the step's timeout."""


class StepTimeout(StepFailure):
    """A condition (displayed, text, gone, a context) did not hold within the step's timeout."""


class StepError(StepFailure):
    """The driver refused the step: an invalid selector or argument, an unknown method or command."""


class UntranslatableStep(StepError):
    """The harness cannot express the step on this platform (translation error, unknown variable)."""


class AppNotRunning(StepFailure):
    """The app is no longer in the foreground (crashed or closed) when the step needed it."""


class ScenarioTimeout(StepFailure):
    """The scenario ran past its time limit; neither `optional` nor `retry` goes on after it."""

    recoverable = False


class InfrastructureError(HarnessError):
    """The session, the server or the run failed; not the app's fault."""


class SessionLost(InfrastructureError):
    """The Appium session is gone (server restarted, device disconnected, app crashed the driver)."""


class ServerDied(SessionLost):
    """The server process the harness started is no longer running."""


class NoSession(SessionLost):
    """The profile could not get a session in this worker; its remaining scenarios are not tried."""


class Interrupted(InfrastructureError):
    """The run was interrupted (SIGINT / SIGTERM) while this scenario ran."""


class UnexpectedError(InfrastructureError):
    """An error the harness has no name for (a driver error, a bug): short message, trace attached."""

    def __init__(self, message: str, trace: str = ""):
        super().__init__(message)
        self.trace = trace  # the full traceback, masked, without frame locals
