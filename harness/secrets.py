"""The registry of every secret known to the run, applied to everything written, when it is written.

It sits at the base of the package (like harness/errors.py) so that every layer that writes something
masks with it: the runner (messages, attachments), the devices layer (the Appium log, as it is written),
the simulated device, the pytest glue (Allure's files, log records).

The pytest glue fills it before the first scenario runs, from every scenario and flow collected and every
device profile of the run, so a file, log record or message written during scenario N is masked with the
secrets of scenario N+1 too (an Appium log tail attached later, a log written after SIGTERM). A secret
shorter than MIN_LENGTH characters would mask ordinary text ("e***ported") and protect nothing: it is
refused before the run starts, naming its variable.

    REGISTRY.add("Pa55-word", name="PASSWORD")      # raises SecretTooShort for "abc"
    REGISTRY.mask('{"value": ["P","a","5"...]}')   # every encoding, see harness/masking.py
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from harness.errors import HarnessError
from harness.masking import masker

MIN_LENGTH = 4


class Variable(Protocol):
    """A resolved variable (harness.scenario.variables.Value): its text, and whether it is secret."""

    text: str
    secret: bool


class SecretTooShort(HarnessError):
    """A secret value has fewer than MIN_LENGTH characters."""


class SecretRegistry:
    """A set of secret values and the one pattern that masks them all (thread-safe: the log pump reads it)."""

    def __init__(self) -> None:
        self._values: set[str] = set()
        self._mask = masker(())
        self._lock = threading.Lock()

    @property
    def values(self) -> frozenset[str]:
        return frozenset(self._values)

    def add(self, value: str, *, name: str = "", where: str = "") -> None:
        """Register one secret value; `name` (its variable) and `where` (its file) make the error useful."""
        if len(value) < MIN_LENGTH:
            label = f"${{{name}:secret}}" if name else "a secret"
            place = f" ({where})" if where else ""
            raise SecretTooShort(
                f"{label}{place} has {len(value)} character{'s' * (len(value) != 1)}: a secret needs at "
                f"least {MIN_LENGTH} (a shorter one would mask ordinary words and protect nothing)"
            )
        if value in self._values:
            return
        with self._lock:
            self._values.add(value)
            self._mask = masker(self._values)

    def add_variables(self, variables: Mapping[str, Variable], *, where: str = "") -> None:
        """Register the secret values among a scenario's (or a flow's) variables."""
        for name, value in variables.items():
            if value.secret:
                self.add(value.text, name=name, where=where)

    def mask(self, text: str) -> str:
        return self._mask(text)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._mask = masker(())


REGISTRY = SecretRegistry()


def mask(text: str) -> str:
    """`text` with every form of every secret of the run replaced by ***."""
    return REGISTRY.mask(text)


# ---------------------------------------------------------------------------------------------- logging

_factory_installed = False


def install_log_masking() -> None:
    """Mask every log record when it is made, whatever its logger (selenium and urllib3 at DEBUG log
    request bodies) and whichever handler writes it later (pytest's live log, JUnit XML, Allure's "log")."""
    global _factory_installed
    if _factory_installed:
        return
    _factory_installed = True
    previous = logging.getLogRecordFactory()

    def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        if REGISTRY.values:
            _mask_record(record)
        return record

    logging.setLogRecordFactory(masked_record)


def _mask_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a malformed record: logging reports it itself
        return
    masked = mask(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and record.exc_info[1] is not None:
        record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
        record.exc_info = None


def mask_file(path: Path | str | None) -> None:
    """Rewrite a file with every known secret masked (for files the harness did not write itself)."""
    if not path or not REGISTRY.values:
        return
    file = Path(path)
    if not file.is_file():
        return
    text = file.read_text(encoding="utf-8", errors="replace")
    masked = mask(text)
    if masked != text:
        file.write_text(masked, encoding="utf-8")
