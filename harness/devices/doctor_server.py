"""Doctor checks of a profile with `server: {url: ...}`: the server answers, and can serve this profile.

Nothing runs on this machine for such a profile (the devices and drivers are behind the server), so no
local tool is checked. An Appium server answers `/status` with its build; a Selenium Grid answers with
its nodes and their slots, each slot's stereotype saying which sessions it takes. The profile is
servable when an available node has a slot whose stereotype matches the capabilities the harness sends,
by the rules of Grid's DefaultSlotMatcher.
"""

from __future__ import annotations

import shlex
from typing import Any

from harness.devices.appium_server import get_status
from harness.devices.capability_names import W3C_NAMES
from harness.devices.doctor_checks import CheckRun

# extension capabilities Grid leaves to the node (DefaultSlotMatcher.EXTENSION_CAPABILITIES_PREFIXES)
NODE_MATCHED_PREFIXES = ("goog:", "moz:", "ms:", "se:")


def requested_capabilities(profile: Any) -> dict[str, Any]:
    """The capabilities a session of `profile` asks for, with the `appium:` prefix the client adds."""
    from harness.devices.capabilities import build_options

    app = next(iter(profile.apps), None)
    caps = build_options(profile, app).to_capabilities()
    return {(k if ":" in k or k in W3C_NAMES else f"appium:{k}"): v for k, v in caps.items()}


def _same(stereotype_value: Any, requested: Any) -> bool:
    if isinstance(requested, str):
        return str(stereotype_value).lower() == requested.lower()
    return requested is None or stereotype_value == requested


def slot_matches(stereotype: dict[str, Any], requested: dict[str, Any]) -> bool:
    """Selenium Grid's DefaultSlotMatcher, for the capabilities the harness sends."""
    for name, value in stereotype.items():
        if ":" in name or name.lower() == "platformname":
            continue
        if name in requested and not _same(value, requested[name]):
            return False
    for name, value in requested.items():
        if "platformVersion" in name and stereotype.get(name) != value:
            return False
    for name, value in stereotype.items():
        node_matched = name.startswith(NODE_MATCHED_PREFIXES)
        if ":" in name and name in requested and not node_matched and not _same(value, requested[name]):
            return False
    platform = requested.get("platformName")
    return platform is None or str(stereotype.get("platformName", "")).lower() == str(platform).lower()


def _describe(stereotype: dict[str, Any]) -> str:
    shown = {k: v for k, v in stereotype.items() if k in ("platformName", "appium:automationName",
                                                          "appium:deviceName", "appium:platformVersion")}
    return ", ".join(f"{k}={v}" for k, v in shown.items()) or "{}"


def url_checks(d: CheckRun) -> None:
    assert d.profile is not None and d.profile.server.url
    url = d.profile.server.url.rstrip("/")
    status = get_status(url, timeout=5)
    start = (
        f"APPIUM_HOME={shlex.quote(str(d.host.root))} npx appium server "
        f"--address 127.0.0.1 --port {url.rsplit(':', 1)[-1].split('/')[0]}"
    )
    if status is None:
        d.add("server", False, f"nothing answers GET {url}/status", start)
        return
    nodes = status.get("nodes")
    if not isinstance(nodes, list):
        version = (status.get("build") or {}).get("version")
        d.add("server", True, f"{url}/status answers" + (f" (version {version})" if version else ""))
        return
    d.add("server", bool(status.get("ready", True)), f"{url}/status answers: a Selenium Grid with "
          f"{len(nodes)} node(s)", "start a node (see docs/devices.md, Selenium Grid)")
    _grid_slot_check(d, nodes)


def _grid_slot_check(d: CheckRun, nodes: list[Any]) -> None:
    assert d.profile is not None
    requested = requested_capabilities(d.profile)
    offered: list[str] = []
    for node in nodes:
        if not isinstance(node, dict) or str(node.get("availability", "UP")).upper() != "UP":
            continue
        for slot in node.get("slots") or []:
            stereotype = (slot or {}).get("stereotype") or {}
            offered.append(_describe(stereotype))
            if slot_matches(stereotype, requested):
                d.add("grid node", True, f"node {node.get('uri', node.get('id', '?'))} takes "
                                         f"{_describe(stereotype)}")
                return
    wanted = ", ".join(f"{k}={requested[k]}" for k in ("platformName", "appium:automationName")
                       if k in requested)
    d.add("grid node", False,
          f"no available node takes {wanted} (slots: {'; '.join(sorted(set(offered))) or 'none'})",
          'add a node relaying to an Appium server, with configs = ["1", \'{"platformName": '
          f'"{requested.get("platformName", "")}", "appium:automationName": '
          f'"{requested.get("appium:automationName", "")}"}}\']')
