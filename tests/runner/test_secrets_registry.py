"""Secrets are masked in Python log records (selenium logs request bodies at DEBUG) and log files."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from harness.runner import secrets


def test_log_records_and_files_are_masked(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    secrets.remember(["Hunter-2-Secret", ""])
    secrets.install_log_filter()
    secrets.install_log_filter()  # idempotent
    logger = logging.getLogger("selenium.webdriver.remote.remote_connection")
    assert sum(isinstance(f, secrets.MaskingFilter) for f in logger.filters) == 1
    with caplog.at_level(logging.DEBUG, logger=logger.name):
        logger.debug("POST %s %s", "http://127.0.0.1/session/1/element/2/value",
                     '{"text": "Hunter-2-Secret"}')
    assert caplog.records[-1].getMessage().endswith('{"text": "***"}')
    log = tmp_path / "appium.log"
    log.write_text("--> POST /value {'text':'Hunter-2-Secret'}\n")
    secrets.mask_file(log)
    assert log.read_text() == "--> POST /value {'text':'***'}\n"
    assert "" not in secrets.known()
