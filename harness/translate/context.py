"""What translation needs besides the step: platform, app id, screen size, screen map, variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from harness.drivers import Platform
from harness.scenario.selectors import ScreenLookup
from harness.scenario.variables import Value

# pixels (UiAutomator2), points (XCUITest), CSS pixels of a phone's viewport (a browser)
DEFAULT_SCREENS: dict[str, tuple[int, int]] = {"android": (1080, 2400), "ios": (390, 844), "web": (390, 844)}


class TranslateError(ValueError):
    """A step that has no form on this platform (e.g. an Android-only locator on iOS).

    `source` is the `file:line:col` of the step, as data, when the raiser knows it (the runner adds the
    step's own otherwise)."""

    def __init__(self, message: str, *, source: str = ""):
        super().__init__(message)
        self.source = source


class PlatformGapError(TranslateError):
    """The step's element is given for the other platform only: an error where it runs, a lint warning."""


@dataclass(frozen=True)
class TranslateContext:
    platform: Platform
    app_ids: Mapping[str, str]  # app name -> package (Android) / bundle id (iOS)
    default_app: str | None = None
    screen: tuple[int, int] = (1080, 2400)
    screens: ScreenLookup | None = None
    variables: Mapping[str, Value] = field(default_factory=dict)
    strict_variables: bool = False  # True at run time: an unknown ${VAR} is an error, not left as is
    env_defaults: Mapping[str, str] = field(default_factory=dict)  # the device profile's `env:`
    # no device profile (plans, lint): an app's id is unknown and shown as `<name app id>`
    placeholder_ids: bool = False
    web: bool = False  # in web content (a browser, or after switch_context webview): see web.py
    url: Value | None = None  # a web scenario's start page (its `url:`), what open_url opens

    def __post_init__(self) -> None:
        if self.platform == "web" and not self.web:  # a page in a browser is web content throughout
            object.__setattr__(self, "web", True)

    @property
    def app_id(self) -> str:
        return self.app_id_for(None)

    def app_id_for(self, app: str | None) -> str:
        name = app or self.default_app or next(iter(self.app_ids), None)
        if self.placeholder_ids and name not in self.app_ids:
            return f"<{name} app id>" if name else "<app id>"
        if name is None or name not in self.app_ids:
            known = ", ".join(self.app_ids) or "none"
            raise TranslateError(f'app "{name}" is not in the device profile (apps: {known})')
        return self.app_ids[name]

    def with_screens(self, screens: ScreenLookup | None) -> TranslateContext:
        from dataclasses import replace

        return replace(self, screens=screens)

    def with_variables(self, variables: Mapping[str, Value]) -> TranslateContext:
        from dataclasses import replace

        return replace(self, variables=variables)

    def in_web(self, web: bool) -> TranslateContext:
        from dataclasses import replace

        if self.platform == "web":
            return self
        return self if web == self.web else replace(self, web=web)

    def with_url(self, url: Value | None) -> TranslateContext:
        from dataclasses import replace

        return replace(self, url=url)


def default_context(platform: Platform, default_app: str | None = None) -> TranslateContext:
    """Context for plans and lint without a device profile: any app name, its id shown as a placeholder."""
    return TranslateContext(
        platform=platform,
        app_ids={},
        default_app=default_app,
        screen=DEFAULT_SCREENS[platform],
        placeholder_ids=True,
    )
