"""New-session capabilities: W3C merging and the checks UiAutomator2 / XCUITest make before starting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from harness.sim.errors import WebDriverError
from harness.sim.flavours.base import Flavour
from harness.sim.loader import check_faults, pydantic_problems
from harness.sim.model import AppModel, Faults

STANDARD = {  # the W3C capability names: every other name has a vendor prefix
    "platformName",
    "browserName",
    "browserVersion",
    "acceptInsecureCerts",
    "pageLoadStrategy",
    "proxy",
    "setWindowRect",
    "timeouts",
    "strictFileInteractability",
    "unhandledPromptBehavior",
    "webSocketUrl",
}
FAULTS_CAP = "harness:faults"


def not_created(message: str) -> WebDriverError:
    return WebDriverError("session not created", message)


def merge(body: Any) -> dict[str, Any]:
    """W3C: alwaysMatch merged with the first firstMatch entry; `appium:` kept as given."""
    if not isinstance(body, dict) or not isinstance(body.get("capabilities"), dict):
        raise WebDriverError(
            "invalid argument",
            "A W3C new session request needs a 'capabilities' object with 'alwaysMatch' and/or 'firstMatch'",
        )
    w3c = body["capabilities"]
    always = w3c.get("alwaysMatch") or {}
    first = w3c.get("firstMatch") or [{}]
    if not isinstance(always, dict) or not isinstance(first, list) or not first:
        raise WebDriverError("invalid argument", "'alwaysMatch' must be an object and 'firstMatch' a list")
    merged = {**always, **(first[0] or {})}
    bare = [name for name in merged if ":" not in name and name not in STANDARD]
    if bare:
        raise not_created(
            "All non-standard capabilities should have a vendor prefix. The following "
            f"capabilities did not have one: {', '.join(bare)} (e.g. 'appium:{bare[0]}')"
        )
    return merged


def get(caps: Mapping[str, Any], name: str) -> Any:
    return caps.get(f"appium:{name}", caps.get(name))


def check_app(caps: Mapping[str, Any], id_capability: str, installed: str, missing: str) -> None:
    """`session not created` as the driver answers it: `missing` when neither `app` nor the app id
    capability is given, or the app id is not the installed app's."""
    wanted = get(caps, id_capability)
    if wanted is None and get(caps, "app") is None:
        raise not_created(missing)
    if wanted is not None and wanted != installed:
        raise not_created(f"The application '{wanted}' is not installed on the simulated device "
                          f"(it has {installed})")


def validate(flavour: Flavour, model: AppModel, caps: dict[str, Any]) -> Faults:
    """Raise `session not created` like the driver would; return the session's faults."""
    want = flavour.platform_name
    name = caps.get("platformName")
    if not isinstance(name, str) or not name:
        raise not_created("The 'platformName' capability is required (Android or iOS)")
    if name.lower() != want.lower():
        raise not_created(
            f"This simulated device is {want}: platformName '{name}' cannot be automated here "
            f"(start `harness sim --platform {name.lower()}` for that)"
        )
    automation = get(caps, "automationName")
    if not isinstance(automation, str) or automation.lower() != flavour.automation_name.lower():
        raise not_created(
            f"Could not find a driver for automationName '{automation}' and platformName '{name}': "
            f"this device runs appium:automationName '{flavour.automation_name}'"
        )
    flavour.check_app(model, caps)
    return session_faults(model, caps.get(FAULTS_CAP))


def session_faults(model: AppModel, override: Any) -> Faults:
    """The model's faults with the keys of `harness:faults` replacing them (null removes one)."""
    if override is None:
        return model.faults
    if not isinstance(override, dict):
        raise not_created(f"'{FAULTS_CAP}' must be an object, e.g. {{\"latency_ms\": 50}}")
    data = model.faults.model_dump(by_alias=True, exclude_none=True)
    for key, value in override.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    try:
        faults = Faults.model_validate(data)
    except ValidationError as exc:
        problems = pydantic_problems(exc, None, Faults)
        raise not_created(f"Invalid '{FAULTS_CAP}': " + "; ".join(p.message for p in problems)) from None
    dangling = check_faults(model, faults, ())
    if dangling:
        raise not_created(
            f"Invalid '{FAULTS_CAP}': "
            + "; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in dangling)
        )
    return faults
