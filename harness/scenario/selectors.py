"""Selectors: how a step names an element, and how that resolves per platform.

A selector is a screen-map reference (`account.sign_out_all_devices`), a bare string (visible text),
or a mapping with exactly one strategy key, optional `index`, and `android:` / `ios:` / `web:` override
blocks. Resolution gives a `Target`: the locators to try in order on one platform. No Appium here: the
translator turns each `Locator` into a driver strategy.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from harness.drivers import Platform

REFERENCE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$")


Context = Literal["native", "web"]


@dataclass(frozen=True)
class Strategy:
    """Field metadata of a strategy key: the platform and the kind of context (native screens, or web
    content: a page in a browser, or a web view after `switch_context: webview`) it exists in; None:
    both. A key of native screens only has no web form."""

    platform: Platform | None = None
    context: Context | None = None


class PlatformSelector(BaseModel):
    """One locator: exactly one strategy key, optionally an index among the matches."""

    # Every field annotated with `Strategy` is a strategy key: STRATEGY_KEYS and PLATFORM_ONLY are read
    # from these annotations, so a new key is one field here plus its form in each translator.
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str | None, Strategy()] = Field(None, description="Visible text, matched exactly.")
    text_contains: Annotated[str | None, Strategy()] = Field(
        None, description="Visible text containing this.")
    text_regex: Annotated[str | None, Strategy(context="native")] = Field(
        None, description="Visible text matching this regular expression (native screens).")
    accessibility_id: Annotated[str | None, Strategy(context="native")] = Field(
        None, description="content-desc (Android) / name (iOS); native screens.")
    id: Annotated[str | None, Strategy()] = Field(
        None, description="resource-id (Android; package prefix optional) / name (iOS) / the id attribute "
        "(web: CSS #id).")
    class_name: Annotated[str | None, Strategy(context="native")] = Field(
        None, description="android.widget.* / XCUIElementType*; native screens.")
    xpath: Annotated[str | None, Strategy()] = Field(
        None, description="XPath over the page source (slow on both drivers).")
    css: Annotated[str | None, Strategy(context="web")] = Field(
        None, description="CSS selector (web content only: a web scenario, or after switch_context webview).")
    android_uiautomator: Annotated[str | None, Strategy("android", "native")] = Field(
        None, description="Raw UiSelector expression (Android only, native screens).")
    ios_predicate: Annotated[str | None, Strategy("ios", "native")] = Field(
        None, description="Raw NSPredicate string (iOS only, native screens).")
    ios_class_chain: Annotated[str | None, Strategy("ios", "native")] = Field(
        None, description="Raw class chain (iOS only, native screens).")
    index: int | None = Field(None, ge=0, description="Pick the N-th match (0-based).")

    @model_validator(mode="after")
    def _one_strategy(self) -> PlatformSelector:
        given = [k for k in STRATEGY_KEYS if getattr(self, k) is not None]
        if len(given) > 1:
            raise ValueError(f"a selector takes one strategy key, got {', '.join(given)}")
        if not given and not self._has_overrides():
            raise ValueError(f"a selector needs one of: {', '.join(STRATEGY_KEYS)}")
        return self

    def _has_overrides(self) -> bool:
        return False

    def strategy(self) -> tuple[str, str] | None:
        for key in STRATEGY_KEYS:
            value = getattr(self, key)
            if value is not None:
                return key, value
        return None


def _strategies() -> dict[str, Strategy]:
    out = {}
    for name, info in PlatformSelector.model_fields.items():
        meta = next((m for m in info.metadata if isinstance(m, Strategy)), None)
        if meta is not None:
            out[name] = meta
    return out


STRATEGIES: dict[str, Strategy] = _strategies()
STRATEGY_KEYS: tuple[str, ...] = tuple(STRATEGIES)
PLATFORM_ONLY: dict[str, Platform] = {k: m.platform for k, m in STRATEGIES.items() if m.platform}
CONTEXT_ONLY: dict[str, Context] = {k: m.context for k, m in STRATEGIES.items() if m.context}
# the keys with a web form (a page, a web view), in the order messages suggest them: web-only first
WEB_KEYS: tuple[str, ...] = tuple(sorted(
    (k for k in STRATEGY_KEYS if CONTEXT_ONLY.get(k) != "native"),
    key=lambda k: (CONTEXT_ONLY.get(k) != "web", k != "xpath", k != "id")))
NATIVE_KEYS: tuple[str, ...] = tuple(k for k in STRATEGY_KEYS if k not in WEB_KEYS)


class WebSelector(PlatformSelector):
    """A locator of a `web:` block: a key with a web form only (the others are errors at their line)."""

    @field_validator(*NATIVE_KEYS)
    @classmethod
    def _has_a_web_form(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            raise ValueError(f"{info.field_name} has no web form (it selects native elements only): in a "
                             f"web: block use {', '.join(WEB_KEYS)}")
        return value


class SelectorSpec(PlatformSelector):
    """A selector with optional per-platform overrides (each one locator or a list tried in order)."""

    android: PlatformSelector | list[PlatformSelector] | None = Field(
        None, description="Locators used on Android instead of the base one."
    )
    ios: PlatformSelector | list[PlatformSelector] | None = Field(
        None, description="Locators used on iOS instead of the base one."
    )
    web: WebSelector | list[WebSelector] | None = Field(
        None, description="Locators used in a browser (web scenarios) instead of the base one."
    )

    def _has_overrides(self) -> bool:
        return self.android is not None or self.ios is not None or self.web is not None


Selector = str | SelectorSpec
"""A bare string (screen-map reference or visible text) or a selector mapping."""


SELECTOR_KEYS: frozenset[str] = frozenset(SelectorSpec.model_fields)


@dataclass(frozen=True)
class Locator:
    kind: str  # one of STRATEGY_KEYS
    value: str
    index: int | None = None


@dataclass(frozen=True)
class Target:
    """What a selector resolves to on one platform: locators tried in order."""

    description: str
    locators: tuple[Locator, ...]
    screen_map: str | None = None  # the screen map a reference came from


class SelectorError(ValueError):
    """A selector that cannot resolve (unknown screen element, no form for this platform)."""


class PlatformGap(SelectorError):
    """An element given for the other platform only: fine where it is used, an error where it is not
    (a team that tests one platform writes one platform's locators)."""


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def describe(selector: Selector) -> str:
    """Short human text for step titles: 'Account' or account.sign_out or id=…"""
    if isinstance(selector, str):
        return selector if REFERENCE.match(selector) else f"'{selector}'"
    pair = selector.strategy()
    if pair is None:
        return "per-platform selector"
    key, value = pair
    return f"'{value}'" if key == "text" else f"{key}={value!r}"


def _locators_of(selectors: list[PlatformSelector], platform: Platform, where: str) -> list[Locator]:
    out = []
    for sel in selectors:
        pair = sel.strategy()
        if pair is None:
            continue
        key, value = pair
        if platform == "web" and key in NATIVE_KEYS:
            # a gap, not a mistake: an element's native locator beside its web one is left out in a browser
            raise PlatformGap(f"{key} in {where} has no web form (it selects native elements only): add a "
                              f"`web:` block with one of {', '.join(WEB_KEYS)}")
        only = PLATFORM_ONLY.get(key)
        if only and only != platform:
            raise SelectorError(f"{key} in {where} has no {platform} form: add an `{platform}:` block")
        out.append(Locator(key, value, sel.index))
    return out


def resolve(selector: Selector, platform: Platform, screens: ScreenLookup | None) -> Target:
    """Resolve a selector for one platform; raises SelectorError."""
    if isinstance(selector, str):
        match = REFERENCE.match(selector)
        if match and screens is not None and screens.has_screen(match.group(1)):
            cache: dict[tuple[str, str], Target] = getattr(screens, "resolved", {})
            known = cache.get((selector, platform))
            if known is not None:
                return known
            element = screens.element(match.group(1), match.group(2))
            locators: list[Locator] = []
            for spec in element:
                try:
                    locators.extend(resolve(spec, platform, None).locators)
                except PlatformGap:
                    continue  # a locator for the other platform only
            where = getattr(screens, "path", "the screen map")
            if not locators:
                raise PlatformGap(f"screen element {selector} has no {platform} locator: "
                                  f"add `{platform}:` locators to it in {where}")
            target = cache[(selector, platform)] = Target(selector, tuple(locators), where)
            return target
        return Target(f"'{selector}'", (Locator("text", selector),))
    override = getattr(selector, platform)
    if override is not None:
        locators = _locators_of(as_list(override), platform, f"the {platform}: block")
    else:
        locators = _locators_of([selector], platform, "this selector")
    if not locators:
        raise PlatformGap(f"selector has no {platform} locator: add an `{platform}:` block")
    return Target(describe(selector), tuple(locators))


class ScreenLookup:
    """Interface of a screen map for resolution (implemented by model.ScreenMap)."""

    # (reference, platform) -> Target, filled by resolve(): a screen map is read-only once loaded
    resolved: dict[tuple[str, str], Target]

    def has_screen(self, screen: str) -> bool:  # pragma: no cover - interface
        raise NotImplementedError

    def element(self, screen: str, name: str) -> list[SelectorSpec | str]:  # pragma: no cover
        raise NotImplementedError


def holds_model(annotation: Any, model: type) -> bool:
    """Whether a field's annotation holds `model` (directly, in a union or in a list)."""
    if annotation is model:
        return True
    if get_origin(annotation) in (Union, types.UnionType, list):
        return any(holds_model(arg, model) for arg in get_args(annotation))
    return False


@cache
def selector_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that hold a selector, read from their annotations."""
    return tuple(name for name, f in cls.model_fields.items() if holds_model(f.annotation, SelectorSpec))
