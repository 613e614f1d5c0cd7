"""Who is at the site: one state per browser (its cookie), signed in to the site's account or not, and the
page templates filled for them."""

from __future__ import annotations

import hmac
import html
import re
import secrets
import threading
from dataclasses import dataclass

from harness.sim.site.model import SiteModel

COOKIE = "site_session"
_SECTION = re.compile(r"\{\{#(\w+)\}\}(.*?)\{\{/\1\}\}", re.S)
_FIELD = re.compile(r"\{\{(\w+)\}\}")


@dataclass
class Visit:
    """The state of one browser: the cookie's token, the address typed, whether it is signed in."""

    token: str
    email: str = ""
    signed_in: bool = False
    error: str = ""  # the message of the last form, shown once


class Visitors:
    """Every browser's state, by cookie token; thread-safe (the server answers requests in threads)."""

    def __init__(self, model: SiteModel):
        self.model = model
        self._visits: dict[str, Visit] = {}
        self._lock = threading.Lock()

    def visit(self, token: str | None) -> tuple[Visit, bool]:
        """The browser's state, and True when it is new (its cookie must be set)."""
        with self._lock:
            if token and token in self._visits:
                return self._visits[token], False
            fresh = Visit(secrets.token_urlsafe(16))
            self._visits[fresh.token] = fresh
            return fresh, True

    def sign_in(self, visit: Visit, email: str, password: str) -> bool:
        account = self.model.account
        ok = hmac.compare_digest(email.strip().lower().encode(), account.email.lower().encode()) and \
            hmac.compare_digest(password.encode(), account.password.encode())
        with self._lock:
            visit.email, visit.signed_in = email.strip(), ok
        return ok

    def sign_out(self, visit: Visit) -> None:
        with self._lock:
            visit.signed_in = False

    def sign_out_everywhere(self, visit: Visit) -> int:
        """End every signed-in session of the account (this browser's too); how many there were."""
        with self._lock:
            ended = [v for v in self._visits.values() if v.signed_in]
            for other in ended:
                other.signed_in = False
            return len(ended)

    def signed_in_count(self) -> int:
        with self._lock:
            return sum(1 for v in self._visits.values() if v.signed_in)


def render(template: str, values: dict[str, str]) -> str:
    """`{{name}}` -> the value, HTML-escaped; `{{#name}}...{{/name}}` kept only when the value is set."""
    kept = _SECTION.sub(lambda m: m.group(2) if values.get(m.group(1)) else "", template)
    return _FIELD.sub(lambda m: html.escape(values.get(m.group(1), "")), kept)
