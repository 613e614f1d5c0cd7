"""The site a web profile's scenarios run against (`site:`): served on 127.0.0.1 once per process (each
pytest-xdist worker has its own), its address (and its demo account, the only one it signs in) given to
the scenarios as the profile's variables.

The environment decides: with the site's variable set (to the real site's address, say) the scenarios
open that site, with the environment's credentials, and nothing is served; unset or empty, the stand-in
is served and its values win over the environment's (the real account's password would not sign in to
it).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

_SERVED: dict[Path, Any] = {}  # site folder -> its running SiteServer
_LOCK = threading.Lock()


def site_variables(profile: Any, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """{variable: value} of the served site (its address as the profile's browser reaches it, its account),
    serving it on first use; {} when the profile has no site or the environment names one."""
    site = getattr(profile, "site", None)
    environ = os.environ if environ is None else environ
    if site is None or environ.get(site.variable):
        return {}
    server = served(site.folder)
    account = server.model.account
    out = {site.variable: server.url_for(site.browser_host)}
    out.update({name: getattr(account, field) for field, name in site.account.items()})
    return out


def served(folder: str | os.PathLike[str]) -> Any:
    """The running server of a site folder (started now if it is not yet)."""
    from harness.sim.site.server import SiteServer

    key = Path(folder).resolve()
    with _LOCK:
        server = _SERVED.get(key)
        if server is None:
            server = _SERVED[key] = SiteServer(key).start()
            if len(_SERVED) == 1:
                atexit.register(stop_all)
        return server


def stop_all() -> None:
    """Stop every site this process serves (the run is over)."""
    with _LOCK:
        servers = list(_SERVED.values())
        _SERVED.clear()
    for server in servers:
        server.stop()
