"""The site a web profile's scenarios run against (`site:`): served on 127.0.0.1 once per process (each
pytest-xdist worker has its own), its address given to the scenarios as the profile's variable.

The environment wins, as for every variable: with NETFLIX_WEB_URL (say) exported, the scenarios open that
site (the real one, on a phone) and nothing is served.
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
    """{variable: the site's address as the profile's browser reaches it}, serving the site on first use;
    {} when the profile has no site or the environment names one."""
    site = getattr(profile, "site", None)
    environ = os.environ if environ is None else environ
    if site is None or environ.get(site.variable):
        return {}
    return {site.variable: served(site.folder).url_for(site.browser_host)}


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
