"""What translation needs besides the step: platform, app id, screen size, screen map, variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from harness.scenario.selectors import Platform, ScreenLookup
from harness.scenario.variables import Value

DEFAULT_SCREENS: dict[str, tuple[int, int]] = {"android": (1080, 2400), "ios": (390, 844)}
DEFAULT_APP_IDS: dict[str, dict[str, str]] = {
    "android": {"netflix": "com.netflix.mediaclient"},
    "ios": {"netflix": "com.netflix.Netflix"},
}


class TranslateError(ValueError):
    """A step that has no form on this platform (e.g. an Android-only locator on iOS).

    `source` is the `file:line:col` of the step, as data, when the raiser knows it (the runner adds the
    step's own otherwise)."""

    def __init__(self, message: str, *, source: str = ""):
        super().__init__(message)
        self.source = source


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

    @property
    def app_id(self) -> str:
        return self.app_id_for(None)

    def app_id_for(self, app: str | None) -> str:
        name = app or self.default_app or next(iter(self.app_ids), None)
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


def default_context(platform: Platform, default_app: str | None = None) -> TranslateContext:
    """Context for plans and lint without a device profile."""
    return TranslateContext(
        platform=platform,
        app_ids=DEFAULT_APP_IDS[platform],
        default_app=default_app if default_app in DEFAULT_APP_IDS[platform] else None,
        screen=DEFAULT_SCREENS[platform],
    )
