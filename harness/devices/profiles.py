"""Device profiles: which device, which server, which apps, and the capabilities that reach the driver.

A profile is a YAML file in device_profiles/ (or any path). It is read with the shared line-keeping loader,
interpolated from the environment, then validated by pydantic models that forbid unknown keys, so every
mistake is reported as `path:line:col: message` with the nearest valid name, like scenario errors.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from harness.devices.capability_names import bare, check_name
from harness.devices.interpolate import interpolate
from harness.devices.profile_base import Strict, resolve_relative
from harness.devices.project import project_root
from harness.devices.server_config import ServerConfig, split_credentials
from harness.drivers import AUTOMATION_NAMES, BROWSERS, CHROMIUM, Browser
from harness.errors import HarnessError, InvalidInputError, Problem, suggest
from harness.validation import problems_from
from harness.yamlio import Locations, load_file

PROFILE_DIR = "device_profiles"
PositiveInt = Annotated[int, Field(gt=0)]
VariableName = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


class ProfileNotFoundError(HarnessError):
    """The name given to --device matches no profile file."""


class AppConfig(Strict):
    """One app under test: its id on the device and, optionally, the build to install."""

    id: str = Field(min_length=1, description="Android package or iOS bundle id")
    activity: str | None = Field(None, description="Android launch activity (appActivity)")
    path: str | None = Field(None, description="App build to install: .apk, simulator .app/.zip, or URL")
    reset: Literal["restart", "none"] = Field(
        "restart",
        description="Before a scenario that does not start with launch_app: restart = terminate + activate "
        "the app; none = leave it as it is (drivers without app control, e.g. Appium's fake driver)",
    )

    @field_validator("path")
    @classmethod
    def _relative_to_profile(cls, value: str | None, info: ValidationInfo) -> str | None:
        return resolve_relative(value, info)


class Screen(Strict):
    """Logical screen size used for swipe areas: pixels on Android, points on iOS."""

    width: PositiveInt
    height: PositiveInt


class SiteConfig(Strict):
    """A site the harness serves on 127.0.0.1 for the profile's web scenarios (harness/sim/site)."""

    folder: str = Field(min_length=1, description="A site folder (its site.yaml and pages), relative to the "
                        "profile")
    variable: VariableName = Field(description="The variable that gives "
                          "scenarios the site's address (their url: reads it); when the environment sets "
                          "it, that site is used and nothing is served")
    browser_host: str = Field("127.0.0.1", min_length=1, description="How the browser reaches this "
                              "machine's 127.0.0.1: 10.0.2.2 from an Android emulator")
    account: dict[Literal["email", "password"], VariableName] = \
        Field(default_factory=dict, description="Variables that get the served site's (demo) account, e.g. "
              "{email: SHOP_EMAIL, password: SHOP_PASSWORD}: the only one it signs in")

    @field_validator("folder")
    @classmethod
    def _relative_to_profile(cls, value: str, info: ValidationInfo) -> str:
        return resolve_relative(value, info) or value


class Timeouts(Strict):
    step: float = Field(10, gt=0, description="Default wait of a step for its element (s)")
    new_command: int = Field(120, gt=0, description="Appium newCommandTimeout (s)")


class DeviceProfile(Strict):
    """A device profile as the runner uses it (see docs/devices.md)."""

    name: str = Field("", min_length=1, description="Defaults to the file name without .yaml")
    description: str | None = None
    platform: Literal["android", "ios", "web"]
    browser: Literal[tuple(BROWSERS)] | None = Field(  # type: ignore[valid-type]
        None, description="web: the browser the scenarios run in: chrome (an Android phone, UiAutomator2), "
        "safari (an iPhone, XCUITest), chromium (this machine, Appium's Chromium driver)")
    site: SiteConfig | None = Field(None, description="web: a site the harness serves for the scenarios")
    server: ServerConfig
    apps: dict[str, AppConfig] = Field(default_factory=dict)
    screen: Screen
    timeouts: Timeouts = Field(default_factory=Timeouts)
    env: dict[str, str] = Field(default_factory=dict, description="Defaults for scenario variables")
    capabilities: dict[str, Any] = Field(
        default_factory=dict, description="Extra capabilities, Appium names (`appium:` prefix optional)"
    )
    pool: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Per parallel worker (entry N is worker gwN): its capabilities (a distinct avd / udid "
        "each) and, with `url:`, its own server; a bare URL is a server alone",
    )
    sessions: Literal["keep", "release"] | None = Field(
        None,
        description="How a worker holds its sessions: keep = until the run ends (the default for servers "
        "the harness starts); release = as soon as the worker moves to another profile or has no more "
        "scenarios for this one (the default for `server.url`: a Grid or a device cloud is shared)",
    )
    _source: Path | None = PrivateAttr(None)
    _secrets: frozenset[str] = PrivateAttr(frozenset())

    @property
    def source(self) -> Path | None:
        """The file this profile was loaded from."""
        return self._source

    @property
    def secret_values(self) -> frozenset[str]:
        """The values its `${NAME:secret}` references read: to be masked wherever they could show."""
        return self._secrets

    @field_validator("pool", mode="before")
    @classmethod
    def _bare_urls(cls, value: Any) -> Any:
        """A pool entry written as a URL is the server of that worker: `{url: ...}`."""
        if isinstance(value, list):
            return [{"url": entry} if isinstance(entry, str) else entry for entry in value]
        return value

    @property
    def session_policy(self) -> Literal["keep", "release"]:
        """`sessions:` as written, else keep for servers the harness starts and release for remote ones."""
        if self.sessions is not None:
            return self.sessions
        return "release" if self.server.url is not None or self.pool_urls() else "keep"

    def pool_urls(self) -> list[str]:
        """The servers the pool names, one per worker (empty when the pool names none)."""
        return [str(entry["url"]) for entry in self.pool if entry.get("url")]

    @property
    def automation_name(self) -> str:
        """The driver the sessions ask for: the platform's default unless capabilities override it."""
        for key in ("automationName", "appium:automationName"):
            if key in self.capabilities:
                return str(self.capabilities[key])
        if self.browser_info is not None:
            return self.browser_info.automation_name
        return AUTOMATION_NAMES.get(self.platform, CHROMIUM)  # a web profile without its browser: an error

    @property
    def browser_info(self) -> Browser | None:
        """The browser of a web profile (its driver, platformName, browserName), None for an app's."""
        return BROWSERS[self.browser] if self.browser is not None else None

    @property
    def driver_platform(self) -> str:
        """Whose capabilities the driver takes: android, ios, or the browser on this machine (chromium)."""
        info = self.browser_info
        if info is None:
            return self.platform
        return info.device or str(self.browser)

    def capability(self, name: str) -> Any:
        """A capability of the profile by its bare name (`avd`), whether written with `appium:` or not."""
        for key, value in self.capabilities.items():
            if bare(key) == name:
                return value
        return None


# ---------------------------------------------------------------------------------------------- lookup


def search_dirs(cwd: Path | None = None) -> list[Path]:
    """device_profiles/ of the current directory, then of the project root."""
    dirs = [(cwd or Path.cwd()) / PROFILE_DIR, project_root() / PROFILE_DIR]
    unique: list[Path] = []
    for directory in dirs:
        if directory.resolve() not in [d.resolve() for d in unique]:
            unique.append(directory)
    return unique


def available_profiles(cwd: Path | None = None) -> dict[str, Path]:
    """Profile name -> file, the first directory of `search_dirs` winning."""
    found: dict[str, Path] = {}
    for directory in search_dirs(cwd):
        if directory.is_dir():
            for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
                found.setdefault(path.stem, path)
    return found


def resolve_profile_path(name_or_path: str | os.PathLike[str], *, cwd: Path | None = None) -> Path:
    """A profile name (`sim-android`) or a path to a .yaml file -> the file to load."""
    text = os.fspath(name_or_path)
    if text.endswith((".yaml", ".yml")) or "/" in text or os.sep in text:
        path = Path(text)
        if not path.is_absolute() and cwd is not None:
            path = cwd / path
        if not path.is_file():
            raise ProfileNotFoundError(f"device profile file {text} not found")
        return path
    available = available_profiles(cwd)
    if text in available:
        return available[text]
    searched = ", ".join(str(d) for d in search_dirs(cwd))
    names = ", ".join(sorted(available)) or "none"
    raise ProfileNotFoundError(
        f'unknown device profile "{text}"{suggest(text, available)}; available: {names} (searched {searched})'
    )


# ---------------------------------------------------------------------------------------------- loading


def load_profile(
    name_or_path: str | os.PathLike[str], *, environ: Mapping[str, str] | None = None, cwd: Path | None = None
) -> DeviceProfile:
    """Find, read, interpolate and validate a profile; raise InvalidInputError with every problem found."""
    path = resolve_profile_path(name_or_path, cwd=cwd)
    shown = _display(path)
    document = load_file(path, display_path=shown)
    locations = document.locations
    if not isinstance(document.data, dict):
        raise InvalidInputError([locations.problem((), "a device profile is a YAML mapping (key: value)")])
    found = interpolate(document.data, locations, os.environ if environ is None else environ)
    data = found.data
    data.setdefault("name", path.stem)
    try:
        profile = DeviceProfile.model_validate(data, context={"base_dir": path.resolve().parent})
    except ValidationError as exc:
        # every problem at once; an unset variable's value (read as empty) has nothing more to say
        unset = {locations.of(loc) for loc in found.unresolved}
        problems = [p for p in problems_from(exc, data, locations, root=DeviceProfile)
                    if (p.line, p.column) not in unset]
        raise InvalidInputError([*found.problems, *problems]) from None
    if found.problems:
        raise InvalidInputError(found.problems)
    semantic = _semantic_problems(profile, locations, document.source)
    if semantic:
        raise InvalidInputError(semantic)
    profile._source = path
    profile._secrets = frozenset(found.secrets)
    return profile


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _raw_token(source: str, position: tuple[int, int]) -> str:
    """The plain scalar as written at line:col (17.10 stays 17.10, where YAML read 17.1)."""
    line, col = position
    lines = source.splitlines()
    text = lines[line - 1][col - 1 :] if 0 < line <= len(lines) else ""
    return re.split(r"[\s,}\]#]", text, maxsplit=1)[0]


def _semantic_problems(profile: DeviceProfile, locations: Locations, source: str) -> list[Problem]:
    """Checks that need the whole profile: capability names, platform-only keys, version types."""
    problems = web_problems(profile, locations)
    default_driver = (profile.browser_info.automation_name if profile.browser_info is not None
                      else AUTOMATION_NAMES.get(profile.platform, ""))
    own_driver = profile.automation_name.lower() == default_driver.lower()
    for app_name, app in profile.apps.items():
        if app.activity and profile.platform == "ios":
            problems.append(
                locations.problem(
                    ("apps", app_name, "activity"),
                    "activity is an Android launch activity: remove it for ios",
                    key=True,
                )
            )
    blocks = [(("capabilities",), profile.capabilities)]
    blocks += [(("pool", index), entry) for index, entry in enumerate(profile.pool)]
    for index, entry in enumerate(profile.pool):
        problem = _pool_url_problem(entry.get("url"), profile)
        if problem:
            problems.append(locations.problem(("pool", index, "url"), problem))
    for loc, caps in blocks:
        for key, value in caps.items():
            if loc[0] == "pool" and key == "url":
                continue  # the worker's server, not a capability
            message = check_name(key, profile.driver_platform, check_platform=own_driver)
            if message:
                problems.append(locations.problem((*loc, key), message, key=True))
            if bare(key) == "platformVersion" and value is not None and not isinstance(value, str):
                written = _raw_token(source, locations.of((*loc, key))) or str(value)
                problems.append(
                    locations.problem(
                        (*loc, key),
                        f'platformVersion must be text: write "{written}" in quotes '
                        f"(unquoted, YAML reads it as the number {value})",
                    )
                )
    return problems


def web_problems(profile: DeviceProfile, locations: Locations) -> list[Problem]:
    """A web profile names its browser and no apps; `browser` and `site` belong to web profiles."""
    if profile.platform != "web":
        return [locations.problem((key,), f"{key} is for web profiles (platform: web): remove it for "
                                  f"{profile.platform}", key=True)
                for key in ("browser", "site") if getattr(profile, key) is not None]
    problems = []
    if profile.browser is None:
        problems.append(locations.problem(("platform",), "a web profile names its browser: browser: "
                                          + " | ".join(BROWSERS)))
    if profile.apps:
        problems.append(locations.problem(("apps",), "a web profile opens pages, it has no apps: remove "
                                          "apps (scenarios give their url:)", key=True))
    if profile.server.simulated:
        problems.append(locations.problem(("server",), "the simulated device runs apps, not a browser: a "
                                          "web profile starts appium (or names a running server's url)"))
    return problems


def _pool_url_problem(url: Any, profile: DeviceProfile) -> str | None:
    """A pool entry's server: an http(s) URL, for a profile whose sessions go to a running server."""
    if url is None:
        return None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return f'url must start with http:// or https://, got "{url}"'
    if split_credentials(url)[1:] != (None, None):
        return ("a pool url carries no user:key@: give them once as server.username and server.password "
                "(they go to every worker's server)")
    if profile.server.url is None:
        return ("a pool url replaces server.url for that worker: give the profile a server.url (the "
                "server of workers without one), not start: sim | appium")
    return None
