"""Checks lint (and the loader) make beyond the models: misspelt screen names in bare strings, regular
expressions that would only fail on the device, and scenario names used twice among files run together."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from harness.drivers import APP_PLATFORMS, PLATFORMS, Platform
from harness.errors import Problem, nearest, suggest
from harness.scenario.model import Scenario
from harness.scenario.selectors import (
    REFERENCE,
    PlatformGap,
    SelectorError,
    SelectorSpec,
    resolve,
    selector_fields,
)
from harness.scenario.steps import Condition, Step, condition_fields
from harness.scenario.variables import malformed, references
from harness.variables import malformed_message
from harness.yamlio import PathKey

# \w is Unicode: a look-alike letter from another script (a homoglyph) still matches
_DOTTED = re.compile(r"^(\w+)\.(\w+)$")
DRIVER_REGEX = ("checked with Python's re: the driver matches the whole text, as a Java regex on Android "
                "(UiSelector.textMatches) and an ICU regex on iOS (NSPredicate MATCHES)")
HARNESS_REGEX = "the harness searches the text with Python's re.search"


def dotted_text_problem(text: str, screens: Any) -> str | None:
    """A bare `a.b` that reads as text only because `a` (or `b`) is misspelt: the screen map has a screen
    near `a`. None when it is a reference, or plainly text."""
    match = _DOTTED.match(text)
    if match is None or screens is None:
        return None
    screen, element = match.groups()
    if screens.has_screen(screen) and REFERENCE.match(text):
        return None  # a reference (an unknown element is the resolver's error)
    meant_screen = screen if screens.has_screen(screen) else nearest(screen, screens.screen_names())
    if meant_screen is None:
        return None
    elements = screens.element_names(meant_screen)
    meant_element = element if element in elements else nearest(element, elements) or element
    return (f'"{text}" reads as visible text: the screen map has no screen "{screen}"'
            if not screens.has_screen(screen) else
            f'"{text}" reads as visible text: "{element}" is not an element name')  + (
        f' (did you mean "{meant_screen}.{meant_element}"?); a dotted text is written {{text: "{text}"}}')


def _python_regex(pattern: str) -> str:
    """Java / ICU spellings Python's re reads differently, rewritten to what they mean there."""
    pattern = re.sub(r"\\Q(.*?)(?:\\E|$)", lambda m: re.escape(m.group(1)), pattern)  # quoting
    pattern = re.sub(r"\(\?<(?![=!])", "(?P<", pattern)  # (?<name>...) named groups
    return re.sub(r"\\[pP]\{[^}]*\}", r"\\w", pattern)  # \p{L} classes: approximated


@lru_cache(maxsize=4096)
def regex_error(pattern: str) -> str | None:
    try:
        re.compile(_python_regex(pattern))
    except re.error as exc:
        where = f" at position {exc.pos}" if exc.pos is not None else ""
        return f"{exc.msg}{where}"
    except (RecursionError, OverflowError, ValueError) as exc:  # absurd nesting or sizes
        return type(exc).__name__
    return None


def text_regex_problems(selector: Any) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(place inside the selector, message) for each text_regex that does not compile."""
    if not isinstance(selector, SelectorSpec):
        return
    blocks: list[tuple[tuple[Any, ...], Any]] = [((), selector)]
    for platform in PLATFORMS:
        block = getattr(selector, platform)
        if isinstance(block, list):
            blocks += [((platform, i), b) for i, b in enumerate(block)]
        elif block is not None:
            blocks.append(((platform,), block))
    for place, block in blocks:
        if block.text_regex is not None:
            error = regex_error(block.text_regex)
            if error:
                yield (*place, "text_regex"), invalid_regex(block.text_regex, error, DRIVER_REGEX)


def invalid_regex(pattern: str, error: str, dialect: str) -> str:
    return f'invalid regular expression "{pattern}": {error} ({dialect})'


def duplicate_names(scenarios: Iterable[Scenario]) -> list[tuple[Scenario, Problem]]:
    """A scenario name is its test id and its report row: two scenarios with one name hide each other.
    Each scenario whose name another one carries, with the problem that names the others' file:line."""
    by_name: dict[str, list[Scenario]] = {}
    for scenario in scenarios:
        by_name.setdefault(scenario.name, []).append(scenario)
    out = []
    for name, same in by_name.items():
        if len(same) < 2:
            continue
        for scenario in same:
            others = ", ".join(f"{o.path}:{o.line}" for o in same if o is not scenario)
            out.append((scenario, Problem(scenario.path, scenario.line, scenario.name_column,
                                          f'scenario name "{name}" is also the name of {others}: names '
                                          "must be unique")))
    return out


class StepChecks:
    """What the loader checks in a step beyond its model: selectors resolve on each platform (and are
    not misspelt references, and their regexes compile), and every ${VAR} is defined where it is used."""

    screens: Any
    variables: set[str]
    platforms: tuple[Platform, ...] = APP_PLATFORMS  # where the file's steps run (a web scenario: web)

    def problem(self, loc: PathKey, message: str, *, key: bool = False) -> None:  # pragma: no cover
        raise NotImplementedError

    def check_selectors(self, step: Step, data: dict[str, Any], to_yaml: Any) -> None:
        """Resolve every selector of the step (its selector fields and conditions) on each platform."""
        places: list[tuple[PathKey, Any]] = []
        cls = type(step)
        for name in selector_fields(cls):
            value = getattr(step, name)
            key = cls.model_fields[name].alias or name
            if isinstance(value, list):
                places.extend(((key, index), item) for index, item in enumerate(value))
            elif value is not None:
                places.append(((key,), value))
        for name, yaml_name in condition_fields(cls):
            condition = getattr(step, name)
            if condition is not None:
                for part in selector_fields(Condition):
                    if getattr(condition, part) is not None:
                        places.append(((yaml_name, part), getattr(condition, part)))
        only = step.when.platform if step.when is not None else None
        for data_loc, selector in places:
            self.check_selector(selector, to_yaml(data_loc), (only,) if only else self.platforms)

    def check_selector(
        self, selector: str | SelectorSpec, loc: PathKey, platforms: tuple[Platform, ...] | None = None
    ) -> None:
        if isinstance(selector, str):
            dotted = dotted_text_problem(selector, self.screens)
            if dotted:
                self.problem(loc, dotted)
                return
        for place, message in text_regex_problems(selector):
            self.problem((*loc, *place), message)
        for platform in self.platforms if platforms is None else platforms:
            try:
                resolve(selector, platform, self.screens)
            except PlatformGap:
                continue  # usable on the other platform; translating for this one says so
            except SelectorError as exc:
                self.problem(loc, str(exc))
                return

    def check_variables(self, data: Any, to_yaml: Any, data_loc: PathKey = ()) -> None:
        if isinstance(data, str):
            if "$" not in data:
                return
            self.check_malformed(data, to_yaml(data_loc))
            for name, _default, _secret in references(data):
                if name not in self.variables:
                    self.problem(
                        to_yaml(data_loc),
                        f"undefined variable ${{{name}}}: define it under env: (scenario) or params: (flow)"
                        f"{suggest(name, self.variables)}",
                    )
        elif isinstance(data, dict):
            for key, value in data.items():
                if key in ("steps",):
                    continue
                self.check_variables(value, to_yaml, (*data_loc, key))
        elif isinstance(data, list):
            for index, value in enumerate(data):
                self.check_variables(value, to_yaml, (*data_loc, index))

    def check_malformed(self, text: str, loc: PathKey) -> None:
        for bad in malformed(text):
            self.problem(loc, malformed_message(bad))

