"""Every way a secret can be spelt in what the harness writes, as one compiled pattern.

A value reaches files and logs through several encoders: JSON bodies (Selenium, Appium's log), XML page
sources, Python reprs in messages, URLs, base64 (Basic auth, attachments), and Selenium's way of typing a
text, a character array (`"value": ["P", "a", "5"]`), which Appium logs with any spacing. Masking only the
plain value misses all of them, so the pattern holds each form, also two encoders deep (a JSON body
quoted in a JSON log line, a repr of a URL).
"""

from __future__ import annotations

import base64
import html
import json
import re
import urllib.parse
from collections.abc import Callable, Iterable

MASK = "***"


def _json(value: str) -> str:
    return json.dumps(value)[1:-1]


def _json_unicode(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


def _json_slash(value: str) -> str:  # some encoders (PHP, Jackson options) escape "/" too
    return _json(value).replace("/", "\\/")


def _repr(value: str) -> str:
    return repr(value)[1:-1]


def _ascii(value: str) -> str:
    return ascii(value)[1:-1]


def _xml(value: str) -> str:
    return html.escape(value, quote=True)


def _xml_apos(value: str) -> str:  # lxml / XML 1.0 spells the quotes as &quot; and &apos;
    return html.escape(value, quote=False).replace('"', "&quot;").replace("'", "&apos;")


def _xml_numeric(value: str) -> str:  # an XML serializer writing ASCII: non-ASCII as &#233;
    return _xml(value).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _url(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def _url_path(value: str) -> str:
    return urllib.parse.quote(value)


def _url_plus(value: str) -> str:
    return urllib.parse.quote_plus(value)


def _url_lower(value: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), _url(value))


ENCODERS: tuple[Callable[[str], str], ...] = (
    _json, _json_unicode, _json_slash, _repr, _ascii, _xml, _xml_apos, _xml_numeric,
    _url, _url_path, _url_plus, _url_lower,
)


def base64_forms(value: str) -> set[str]:
    """The base64 characters that depend only on the secret, at each of the three byte alignments."""
    data = value.encode("utf-8")
    out = set()
    for encode in (base64.b64encode, base64.urlsafe_b64encode):
        for offset in range(3):
            encoded = encode(b"\0" * offset + data).decode("ascii").rstrip("=")
            start = 4 if offset else 0  # the first group mixes in bytes before the secret
            whole = (offset + len(data)) // 3 * 4  # groups made of secret bytes only end here
            inner = encoded[start:whole]
            if len(inner) >= 4:
                out.add(inner)
    return out


def forms(value: str) -> set[str]:
    """The value as it may appear after one or two encoders."""
    found = {value}
    for first in ENCODERS:
        once = first(value)
        found.add(once)
        for second in ENCODERS:
            found.add(second(once))
    found |= base64_forms(value)
    return {f for f in found if f}


def _char_forms(char: str) -> list[str]:
    quoted = set()
    for encoded in {char, _json(char), _json_unicode(char), _repr(char), _ascii(char)}:
        quoted.add(f'"{encoded}"')
        quoted.add(f"'{encoded}'")
    quoted.add(_json(f'"{_json(char)}"'))  # the array inside a JSON string: \"P\", \"a\"
    return sorted(quoted, key=len, reverse=True)


def char_array_pattern(value: str) -> str:
    """Selenium's character array of the value (`"P", "a", "5"`), with any spacing and either quote."""
    parts = ["(?:" + "|".join(re.escape(f) for f in _char_forms(c)) + ")" for c in value]
    return r"\s*,\s*".join(parts)


def compile_pattern(secrets: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every form of every secret; longest forms first so none is half masked."""
    literal = sorted({f for s in secrets for f in forms(s)}, key=len, reverse=True)
    arrays = [char_array_pattern(s) for s in sorted(set(secrets), key=len, reverse=True) if len(s) > 1]
    if not literal and not arrays:
        return None
    return re.compile("|".join([*arrays, *(re.escape(f) for f in literal)]))


def masker(secrets: Iterable[str]) -> Callable[[str], str]:
    """A function that replaces every form of every one of `secrets` in a text by ***."""
    pattern = compile_pattern(secrets)

    def mask(text: str) -> str:
        return pattern.sub(MASK, text) if pattern is not None and text else text

    return mask
