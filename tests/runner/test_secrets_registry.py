"""The secret registry masks every encoding of every secret of the run, in text, log records and files."""

from __future__ import annotations

import base64
import html
import json
import logging
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import secrets
from harness.secrets import REGISTRY, SecretTooShort

HOSTILE = 'Pa"5\\w&r/dé-Ünï'  # a quote, a backslash, &, / and non-ASCII letters


@pytest.fixture(autouse=True)
def clean_registry() -> Iterator[None]:
    REGISTRY.clear()
    yield
    REGISTRY.clear()


def encodings(value: str) -> dict[str, str]:
    chars = list(value)
    return {
        "plain": value,
        "json": json.dumps({"text": value}),
        "json unicode": json.dumps({"text": value}, ensure_ascii=False),
        "json in json": json.dumps(json.dumps({"text": value})),
        "xml": f'<node text="{html.escape(value, quote=True)}"/>',
        "xml numeric": html.escape(value).encode("ascii", "xmlcharrefreplace").decode(),
        "repr": repr({"text": value}),
        "ascii": ascii(value),
        "url": "https://x/?p=" + urllib.parse.quote(value, safe=""),
        "url plus": "q=" + urllib.parse.quote_plus(value),
        "url path": "/a/" + urllib.parse.quote(value),
        "base64": base64.b64encode(value.encode()).decode(),
        "base64 inside": base64.b64encode(b"user:" + value.encode() + b"!").decode(),
        "char array": json.dumps({"value": chars}),
        "char array tight": json.dumps({"value": chars}, separators=(",", ":")),
        "char array js": "[ " + ", ".join(repr(c) for c in chars) + " ]",
        "char array multiline": "[\n  " + ",\n  ".join(json.dumps(c) for c in chars) + "\n]",
        "char array in a json string": json.dumps(json.dumps({"value": chars})),
    }


@pytest.mark.parametrize("name", list(encodings(HOSTILE)))
def test_every_encoding_is_masked(name: str) -> None:
    REGISTRY.add(HOSTILE, name="PASSWORD")
    text = encodings(HOSTILE)[name]
    masked = REGISTRY.mask(f"before {text} after")
    assert "***" in masked, (name, masked)
    for char_run in ("5\\w&r", "dé-Ü", "Pa\"5"):
        assert char_run not in masked, (name, masked)
    assert masked.startswith("before ") and masked.endswith(" after")


def test_base64_at_every_alignment() -> None:
    REGISTRY.add("Sup3r-Secret-Pa55", name="PASSWORD")
    for prefix in (b"", b"a", b"ab", b"abc"):
        encoded = base64.b64encode(prefix + b"Sup3r-Secret-Pa55" + b"tail").decode()
        masked = REGISTRY.mask(encoded)
        assert "***" in masked, prefix
        # nothing decodable of the secret is left: decode what remains around the mask
        for part in masked.split("***"):
            padded = part[: len(part) // 4 * 4]
            assert b"Secret" not in base64.b64decode(padded + "=" * (-len(padded) % 4), validate=False)


def test_a_short_secret_is_refused_naming_its_variable() -> None:
    expected = r"\$\{PIN:secret\} \(s\.yaml\) has 3 characters: a secret needs"
    with pytest.raises(SecretTooShort, match=expected):
        REGISTRY.add("abc", name="PIN", where="s.yaml")
    with pytest.raises(SecretTooShort, match="has 1 character:"):
        REGISTRY.add("e", name="X")
    assert REGISTRY.values == frozenset()
    assert REGISTRY.mask("exported") == "exported"  # nothing garbled by a one-letter "secret"


def test_a_secret_of_four_is_masked_and_ordinary_text_is_not() -> None:
    REGISTRY.add("p4ss")
    assert REGISTRY.mask("the p4ss word, passport") == "the *** word, passport"


def test_log_records_are_masked_when_made(caplog: pytest.LogCaptureFixture) -> None:
    secrets.install_log_masking()
    REGISTRY.add("Hunter-2-Secret")
    logger = logging.getLogger("selenium.webdriver.remote.remote_connection.child")
    with caplog.at_level(logging.DEBUG):
        logger.debug("POST %s %s", "http://127.0.0.1/session/1/element/2/value",
                     json.dumps({"text": "Hunter-2-Secret", "value": list("Hunter-2-Secret")}))
        try:
            raise ValueError("bad Hunter-2-Secret")
        except ValueError:
            logging.getLogger("any").exception("failed with %s", "Hunter-2-Secret")
    text = caplog.text
    assert "Hunter" not in text and '"H", "u"' not in text
    assert '{"text": "***", "value": [***]}' in text
    assert "ValueError: bad ***" in text


def test_files_are_rewritten_masked(tmp_path: Path) -> None:
    REGISTRY.add("Hunter-2-Secret")
    log = tmp_path / "appium.log"
    log.write_text("--> POST /value {'text':'Hunter-2-Secret'}\n")
    secrets.mask_file(log)
    assert log.read_text() == "--> POST /value {'text':'***'}\n"
