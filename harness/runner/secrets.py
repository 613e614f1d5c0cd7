"""Secret values seen in this process, masked out of logs and files the harness does not write itself.

Scenario messages, step titles and attachments are masked where they are made; this covers the rest:
Python log records (selenium logs request bodies at DEBUG, which pytest can capture into reports) and
the Appium server's log file, rewritten when the server stops.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from harness.scenario.variables import mask

_SECRETS: set[str] = set()
LOGGERS = ("selenium.webdriver.remote.remote_connection", "urllib3.connectionpool", "appium")


def remember(values: Iterable[str]) -> None:
    _SECRETS.update(v for v in values if v)


def known() -> frozenset[str]:
    return frozenset(_SECRETS)


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if _SECRETS:
            message = record.getMessage()
            masked = mask(message, _SECRETS)
            if masked != message:
                record.msg, record.args = masked, None
        return True


def install_log_filter() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, MaskingFilter) for f in logger.filters):
            logger.addFilter(MaskingFilter())


def mask_file(path: Path | str | None) -> None:
    """Rewrite a log file with every known secret masked (no-op when there is nothing to mask)."""
    if not path or not _SECRETS:
        return
    file = Path(path)
    if not file.is_file():
        return
    text = file.read_text(encoding="utf-8", errors="replace")
    masked = mask(text, _SECRETS)
    if masked != text:
        file.write_text(masked, encoding="utf-8")
