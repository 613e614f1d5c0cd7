"""The `mobile:` method catalogue: what a method is, how a script is resolved, how arguments are checked.

Each flavour carries its own table (name -> Method) with the argument lists of its real driver's
execute-method map; this module checks a call against such a table the way Appium's
`executeMethod` does. It knows no session and no platform: handlers live with their flavour.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from harness.errors import suggest
from harness.sim.errors import WebDriverError, invalid_argument

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"
DIRECTIONS = ("up", "down", "left", "right")
S = TypeVar("S")  # the session type the handlers take


@dataclass(frozen=True)
class Method(Generic[S]):
    handler: Callable[[S, dict[str, Any]], Any]
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    # not the driver's arguments, but sent by Appium-Python-Client's cross-platform helpers
    # (`terminate_app` sends appId and bundleId, `hide_keyboard(key_name)` sends keys): the driver
    # ignores them, so they are dropped quietly instead of refused
    tolerated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """One driver's `mobile:` methods: the modelled ones, and the names only a real device has."""

    driver: str  # the automation name, for messages
    methods: Mapping[str, Method[Any]]
    real_only: frozenset[str]  # short names ("shell") the real driver has and the simulation does not


def resolve(
    catalogue: Catalogue, script: str, args: Any, *, strict: bool
) -> tuple[Method[Any], dict[str, Any]]:
    """The method a `mobile:` script names and its checked parameters, or the driver's error."""
    name = " ".join(script.split()) if script.strip().startswith("mobile:") else script
    if not name.startswith("mobile:"):
        raise WebDriverError(
            "unsupported operation",
            "The simulated device runs native apps: only 'mobile: <method>' scripts can be executed "
            "(JavaScript needs a WEBVIEW context on a real device)",
        )
    name = "mobile: " + name[len("mobile:") :].strip()
    methods = catalogue.methods
    method = methods.get(name)
    if method is None:
        available = sorted(methods)
        short = name[len("mobile: ") :]
        if short in catalogue.real_only:
            raise WebDriverError(
                "unsupported operation",
                f"'{name}' exists in the real {catalogue.driver} driver but the simulated device "
                f"does not model it. Simulated methods: {', '.join(available)}",
            )
        raise WebDriverError(
            "unsupported operation",
            f"Unsupported execute method '{name}'{suggest(name, available)}. Execute methods available in "
            f"{catalogue.driver} (simulated): {', '.join(available)}",
        )
    if not isinstance(args, list) or len(args) > 1:
        raise invalid_argument(
            "Did not get correct format of arguments for execute method. Expected zero or one arguments to "
            f"execute script and instead received: {args!r}"
        )
    params = args[0] if args else {}
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise invalid_argument(
            "Did not receive an appropriate execute method parameters object. It needs to "
            "be deserializable as a plain JS object"
        )
    check_params(name, method, params, strict=strict)
    return method, params


def check_params(name: str, method: Method[Any], params: dict[str, Any], strict: bool) -> None:
    accepted = (
        f"It accepts required: [{', '.join(method.required)}], optional: [{', '.join(method.optional)}]"
    )
    missing = [p for p in method.required if p not in params]
    if missing:
        raise invalid_argument(
            f"Parameters were incorrect for '{name}': missing "
            f"{', '.join(repr(m) for m in missing)}. {accepted}"
        )
    known = set(method.required) | set(method.optional)
    for p in method.tolerated:
        params.pop(p, None)
    unknown = [p for p in params if p not in known]
    if unknown and strict:
        hints = "".join(suggest(u, known) for u in unknown)
        raise invalid_argument(
            f"'{name}' does not take {', '.join(repr(u) for u in unknown)}{hints}. {accepted}. "
            "(A real driver ignores unknown arguments with only a log line; the simulated device refuses "
            "them so a typo cannot pass silently. Capability 'harness:strictArguments': false ignores "
            "them too.)"
        )
    for p in unknown:
        params.pop(p)


# ---- argument readers -----------------------------------------------------------------------------------
def element_id(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get(ELEMENT_KEY, value.get("ELEMENT"))
    if not isinstance(value, str) or not value:
        raise invalid_argument(f"elementId must be an element id string, got {value!r}")
    return value


def number(
    params: dict[str, Any],
    name: str,
    default: float | None = None,
    *,
    positive: bool = False,
    minimum: float | None = None,
) -> float:
    value = params.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise invalid_argument(f"'{name}' must be a number, got {value!r}")
    if positive and value <= 0:
        raise invalid_argument(f"'{name}' must be greater than zero, got {value!r}")
    if minimum is not None and value < minimum:
        raise invalid_argument(f"'{name}' must not be less than {minimum}, got {value!r}")
    return float(value)


def text(params: dict[str, Any], name: str) -> str:
    value = params.get(name)
    if not isinstance(value, str):
        raise invalid_argument(f"'{name}' must be a string, got {value!r}")
    return value


def direction(params: dict[str, Any]) -> str:
    value = params.get("direction")
    if not isinstance(value, str) or value.lower() not in DIRECTIONS:
        raise invalid_argument(f"Direction must be one of {', '.join(DIRECTIONS)}; got {value!r}")
    return value.lower()
