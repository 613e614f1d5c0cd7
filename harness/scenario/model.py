"""File-level models: scenario, flow and screen-map files, and the loaded (resolved) results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from harness.drivers import Platform, platforms_of
from harness.scenario.selectors import ScreenLookup, SelectorError, SelectorSpec
from harness.scenario.steps import Step
from harness.scenario.tags import Tag

Severity = Literal["blocker", "critical", "normal", "minor", "trivial"]
EnvValue = str | int | float | bool


class ScenarioFile(BaseModel):
    """A scenario: a path through the app, run as one test per device."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, description="Test title.")
    description: str | None = None
    app: str | None = Field(None, description="App entry of the device profile (default: its first app).")
    url: str | None = Field(
        None, min_length=1, description="A web scenario's start page, instead of app: the scenario runs in a "
        "browser (web device profiles) and open_url opens it. Read like an env: value (${VAR} from the "
        "environment, then the device profile's env: and site).")
    tags: list[Tag] = Field(
        default_factory=list, description="pytest markers (-m) and Allure tags (not pytest's own marks)."
    )
    feature: str | None = Field(None, description="Allure feature label.")
    story: str | None = Field(None, description="Allure story label.")
    epic: str | None = Field(None, description="Allure epic label.")
    severity: Severity | None = Field(None, description="Allure severity.")
    env: dict[str, EnvValue] = Field(
        default_factory=dict,
        description="Variables: ${VAR}, ${VAR:-default}, ${VAR:secret} read the process environment.",
    )
    screens: str | None = Field(None, description="Screen-map file, relative to this file.")
    timeout: float | None = Field(None, gt=0, le=86400, description="Time limit of the scenario (s).")
    on_start: list[Any] = Field(default_factory=list, description="Steps run before `steps`.")
    steps: list[Any] = Field(..., min_length=1, description="The path through the app.")
    on_complete: list[Any] = Field(
        default_factory=list, description="Teardown steps, run even after a failure."
    )

    @model_validator(mode="after")
    def _app_or_url(self) -> ScenarioFile:
        if self.app is not None and self.url is not None:
            raise ValueError("a scenario runs an app (app:) or a page in a browser (url:), not both")
        return self

    @property
    def platforms(self) -> tuple[Platform, ...]:
        """Where the scenario runs: a page (`url:`) in a browser, else an app on a phone."""
        return platforms_of(self.url is not None)


class FlowFile(BaseModel):
    """A sub-flow: steps reused by scenarios through `run_flow`."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    description: str | None = None
    params: dict[str, EnvValue | None] = Field(
        default_factory=dict,
        description="Parameters with defaults; null = required (or taken from the caller's variable).",
    )
    screens: str | None = Field(None, description="Screen-map file (default: the caller's).")
    steps: list[Any] = Field(..., min_length=1)


ScreenElement = str | SelectorSpec | list[str | SelectorSpec]


class ScreenMapFile(BaseModel):
    """Logical element names per screen -> locators, tried in order, with per-platform overrides."""

    model_config = ConfigDict(extra="forbid")

    description: str | None = None
    screens: dict[str, dict[str, ScreenElement]]


class ScreenMap(ScreenLookup):
    def __init__(self, path: str, model: ScreenMapFile):
        self.path = path
        self.model = model
        self.resolved = {}

    def has_screen(self, screen: str) -> bool:
        return screen in self.model.screens

    def element(self, screen: str, name: str) -> list[SelectorSpec | str]:
        elements = self.model.screens[screen]
        if name not in elements:
            from harness.errors import suggest

            raise SelectorError(
                f"unknown screen element {screen}.{name} in {self.path}{suggest(name, elements)}"
            )
        value = elements[name]
        return list(value) if isinstance(value, list) else [value]

    def screen_names(self) -> list[str]:
        return list(self.model.screens)

    def element_names(self, screen: str) -> list[str]:
        return list(self.model.screens.get(screen, {}))

    def names(self) -> list[str]:
        return [f"{s}.{e}" for s, elements in self.model.screens.items() for e in elements]


@dataclass
class Flow:
    path: str
    name: str
    params: dict[str, EnvValue | None]
    steps: list[Step]
    screens: ScreenMap | None


@dataclass
class Scenario:
    """A loaded, validated scenario with its flows and screen map resolved."""

    path: str
    source: str
    line: int
    file: ScenarioFile
    steps: list[Step]
    on_start: list[Step]
    on_complete: list[Step]
    screens: ScreenMap | None
    flows: dict[str, Flow] = field(default_factory=dict)
    name_column: int = 1  # where the name's value starts on `line`
    # each `env:` entry -> line, column of its value
    env_locations: dict[str, tuple[int, int]] = field(default_factory=dict)

    def location_of_env(self, entry: str | None) -> str:
        """`path:line:col` of an `env:` entry's value (the `name:` line when it is not known)."""
        line, column = self.env_locations.get(entry or "", (self.line, self.name_column))
        return f"{self.path}:{line}:{column}"

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def directory(self) -> Path:
        return Path(self.path).parent
