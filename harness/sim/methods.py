"""The `mobile:` method catalogue: what a method is, how a script is resolved, how arguments are checked.

Each flavour carries its own table (name -> Method) with the argument lists of its real driver's
execute-method map; this module checks a call against such a table the way Appium's
`executeMethod` does. It knows no session and no platform: handlers live with their flavour.
"""

from __future__ import annotations

import json
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
    driver_class: str  # the driver's class, as its errors name it
    methods: Mapping[str, Method[Any]]
    real_only: frozenset[str]  # short names ("shell") the real driver has and the simulation does not
    # XCUITest answers an unknown `mobile:` name "not implemented"; UiAutomator2 lets executeMethod
    # refuse it with the list of its methods
    unknown_is_not_implemented: bool = False

    @property
    def all_names(self) -> list[str]:
        """Every `mobile:` method of the real driver (modelled or not)."""
        return sorted({*self.methods, *(f"mobile: {n}" for n in self.real_only)})


def resolve(
    catalogue: Catalogue, script: str, args: Any, *, strict: bool
) -> tuple[Method[Any], dict[str, Any], list[str]]:
    """The method a script names, its parameters and the unknown ones it dropped; or the driver's error.

    As Appium's executeMethod: the script is normalised to `mobile: <name>`, an `element` argument is
    renamed `elementId`, missing required arguments are refused, unknown ones dropped (and named, for
    the log) unless `strict`.
    """
    name = (
        "mobile: " + script.strip()[len("mobile:") :].strip()
        if script.strip().startswith("mobile:")
        else None
    )
    method = catalogue.methods.get(name) if name is not None else None
    if method is None:
        raise _unknown(catalogue, name, script)
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
    params = dict(params)
    if "elementId" not in params and "element" in params:
        params["elementId"] = params.pop("element")
    dropped = check_params(name, method, params, strict=strict)
    return method, params, dropped


def _unknown(catalogue: Catalogue, name: str | None, script: str) -> WebDriverError:
    if name is not None and name[len("mobile: ") :] in catalogue.real_only:
        return WebDriverError(
            "unsupported operation",
            f"'{name}' exists in the real {catalogue.driver} driver but the simulated device does not model "
            f"it. Simulated methods: {', '.join(sorted(catalogue.methods))}",
        )
    if name is None or catalogue.unknown_is_not_implemented:
        what = "only 'mobile: <method>' scripts run outside a web view"
        if name is not None:
            what = f"the {catalogue.driver} driver has no execute method '{name}'"
            what += suggest(name, catalogue.all_names)
        return WebDriverError("unknown method", f"Method is not implemented ({what})")
    ranked = sorted(catalogue.all_names, key=lambda n: (levenshtein(name, n), n))
    closest = ranked[0] if ranked and levenshtein(name, ranked[0]) <= 2 else None
    return WebDriverError(
        "unsupported operation",
        (
            f"Unsupported execute method '{name}', did you mean '{closest}'? "
            if closest
            else f"Unsupported execute method '{name}'. "
        )
        + f"Make sure the installed {catalogue.driver_class} is up-to-date. "
        + f"Execute methods available in the current driver version are: {', '.join(ranked)}",
    )


def check_params(name: str, method: Method[Any], params: dict[str, Any], strict: bool) -> list[str]:
    """Refuse missing required arguments; drop (or, strict, refuse) unknown ones; return those dropped."""
    accepted = (
        f"Known required parameters are: {json.dumps(method.required)}\n"
        f"Known optional parameters are: {json.dumps(method.optional)}"
    )
    missing = [p for p in method.required if p not in params]
    if missing:  # the wording of Appium's BadParametersError
        provided = f": {json.dumps(list(params))}" if params else " none"
        raise invalid_argument(
            f"The following required parameter{' is' if len(missing) == 1 else 's are'} missing: "
            f"{json.dumps(missing)}\n{accepted}\nYou have provided{provided}"
        )
    known = {*method.required, *method.optional, "sessionId", "id"}
    for p in method.tolerated:
        params.pop(p, None)
    unknown = [p for p in params if p not in known]
    if unknown and strict:
        hints = "".join(suggest(u, known) for u in unknown)
        raise invalid_argument(
            f"'{name}' does not take {', '.join(repr(u) for u in unknown)}{hints}.\n{accepted}\n"
            "(The real driver drops unknown arguments with a log line; the capability "
            "'harness:strictArguments': true makes the simulated device refuse them.)"
        )
    for p in unknown:
        params.pop(p)
    return unknown


def levenshtein(a: str, b: str) -> int:
    """Edit distance, as Appium ranks method names for its 'did you mean' (fastest-levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


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
