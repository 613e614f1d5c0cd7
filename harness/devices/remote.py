"""What a remote server says about a session it gave: the Grid node that serves it, the device cloud's page.

Selenium Grid 4 does not put the node in the new-session response (its capabilities carry only `se:`
flags such as se:cdpEnabled); its GraphQL endpoint does: `{ session (id: "…") { nodeId, nodeUri } }`.
A device cloud's page of a session is either in the response (Sauce Labs real devices:
`testobject_test_report_url`) or follows a documented pattern from the session id (BrowserStack App
Automate's dashboard, Sauce Labs' /tests/<id>). LambdaTest's dashboard needs a test id that only its REST
API knows, so a LambdaTest session gets no link rather than a wrong one.
Every lookup is best effort: a server that cannot say leaves the fact out, it never fails the run.
"""

from __future__ import annotations

import base64
import json
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

GRAPHQL_TIMEOUT = 5.0  # s; the Grid answers from memory


@dataclass(frozen=True)
class SessionLink:
    name: str  # what the report shows: "BrowserStack session"
    url: str


def grid_node(server_url: str, session_id: str, credentials: tuple[str | None, str | None] = (None, None),
              timeout: float = GRAPHQL_TIMEOUT) -> str | None:
    """The URI of the Grid node serving `session_id`, or None when `server_url` is no Grid (or says not)."""
    wanted = session_id.replace('"', "")
    query = {"query": f'{{ session (id: "{wanted}") {{ nodeId, nodeUri }} }}'}
    request = urllib.request.Request(
        f"{server_url.rstrip('/')}/graphql", data=json.dumps(query).encode(), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", **basic_auth(credentials)},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    session = ((body or {}).get("data") or {}).get("session") if isinstance(body, dict) else None
    uri = session.get("nodeUri") if isinstance(session, dict) else None
    return str(uri) if uri else None


def basic_auth(credentials: tuple[str | None, str | None]) -> dict[str, str]:
    """The Authorization header of HTTP basic auth, or none without credentials."""
    username, password = credentials
    if username is None and password is None:
        return {}
    token = base64.b64encode(f"{username or ''}:{password or ''}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


VENDORS = {"browserstack.com": "BrowserStack App Automate", "saucelabs.com": "Sauce Labs",
           "lambdatest.com": "LambdaTest"}


def vendor_name(server_url: str) -> str | None:
    """The device cloud a hub URL belongs to, by its host name."""
    host = (urlsplit(server_url).hostname or "").lower()
    return next((name for domain, name in VENDORS.items() if host == domain or host.endswith("." + domain)),
                None)


REPORT_CAPABILITIES = {  # capabilities of a new-session answer that link to the session's page
    "testobject_test_report_url": "Sauce Labs session",  # Sauce Labs real devices
}
SAUCE_REGIONS = ("us-east-4", "us-east-1", "eu-central-1", "apac-southeast-1")  # us-west-1: app.saucelabs.com


def vendor_link(server_url: str, session_id: str, capabilities: dict[str, Any]) -> SessionLink | None:
    """The device cloud's page of this session: a link the new-session answer carries, else the page
    the vendor documents for a session id of its hub."""
    for name, title in REPORT_CAPABILITIES.items():
        reported = capabilities.get(name, capabilities.get(f"appium:{name}"))
        if isinstance(reported, str) and reported.startswith("https://"):
            return SessionLink(title, reported)
    host = (urlsplit(server_url).hostname or "").lower()
    if host == "browserstack.com" or host.endswith(".browserstack.com"):
        return SessionLink("BrowserStack session",
                           f"https://app-automate.browserstack.com/dashboard/v2/sessions/{session_id}")
    if host == "saucelabs.com" or host.endswith(".saucelabs.com"):
        region = next((r for r in SAUCE_REGIONS if r in host), None)
        return SessionLink("Sauce Labs session",
                           f"https://app{'.' + region if region else ''}.saucelabs.com/tests/{session_id}")
    return None
