"""Report errors: one line each, saying what is wrong and what to run (shown without a traceback)."""

from __future__ import annotations

from harness.errors import HarnessError


class ReportError(HarnessError):
    """Base class of the errors `harness report` explains."""


class ResultsMissingError(ReportError):
    """The allure-results directory does not exist or holds no test result."""


class AllureCliMissingError(ReportError):
    """Node.js or the pinned Allure 3 CLI (node_modules/.bin/allure) is not installed."""


class ReportConfigError(ReportError):
    """No Allure config found, or the config ignores an option the harness passes."""


class ReportGenerationError(ReportError):
    """The Allure CLI ran and failed."""


class PublishError(ReportError):
    """The static site cannot be laid out (bad run id, already published, not a site directory)."""
