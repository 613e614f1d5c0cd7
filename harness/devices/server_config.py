"""The `server:` section of a device profile: where sessions go, how the harness's server is exposed.

The harness binds its servers to 127.0.0.1; another address, or Appium's insecure features, only when the
profile says so in as many words (allow_remote, insecure_features), and then with a warning. Credentials
of a remote server never stay in its URL: they go to the client's auth configuration.
"""

from __future__ import annotations

from typing import Any, Literal
from urllib.parse import unquote, urlsplit, urlunsplit

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator

from harness.devices.profile_base import Strict, resolve_relative
from harness.ports import is_loopback

ADDRESS_FLAGS = ("--address", "-a")


class ServerConfig(Strict):
    """Where sessions go: a running server (url), or one the harness starts (sim / appium)."""

    url: str | None = Field(
        None, description="A running Appium-compatible server, e.g. http://127.0.0.1:4723 (credentials in "
        "it, user:key@, are moved to username / password and never shown)"
    )
    username: str | None = Field(None, description="User name for the server at url (HTTP basic auth)")
    password: SecretStr | None = Field(
        None, description="Password / access key for the server at url: write it as ${VAR:secret}"
    )
    start: Literal["sim", "appium"] | None = Field(
        None, description="sim: the built-in simulated device; appium: Appium 3 from node_modules"
    )
    device: Literal["sim"] | None = Field(
        None,
        description="With start: appium, sim = the simulated device plays the device behind the real "
        "driver (a fake adb and UiAutomator2 server, or a stand-in WebDriverAgent); null = a real device",
    )
    sim_app_model: str | None = Field(None, description="App model YAML for the simulated device")
    sim_latency_ms: float | None = Field(
        None, ge=0, description="Delay added to every simulated command (ms); null = the app model's own"
    )
    appium_args: list[str] = Field(default_factory=list, description="Extra `appium server` arguments")
    allow_remote: bool = Field(
        False, description="Let appium_args bind the server to an address other than 127.0.0.1 (warned)"
    )
    insecure_features: list[str] = Field(
        default_factory=list,
        description="Appium insecure features the profile allows (e.g. adb_shell; * for all, which is "
        "--relaxed-security); --allow-insecure / --relaxed-security in appium_args need them listed",
    )
    startup_timeout: float = Field(60, gt=0, description="Seconds to wait for GET /status to answer")
    new_session_timeout: float | None = Field(
        None, gt=0,
        description="Seconds a new session may take (a Grid's queue, a cloud allocating a device); past it, "
        "the profile's remaining scenarios in that worker are broken at once. null = as long as the "
        "server takes (Grid's own queue timeout: --session-request-timeout, 300 s by default)",
    )
    log: str | None = Field(None, description="Log file of a running server (url), attached on failure")

    @field_validator("sim_app_model", "log")
    @classmethod
    def _relative_to_profile(cls, value: str | None, info: ValidationInfo) -> str | None:
        return resolve_relative(value, info)

    @model_validator(mode="before")
    @classmethod
    def _credentials_out_of_url(cls, data: Any) -> Any:
        """user:key@ in the url go to username / password: the url is shown, they never are."""
        if isinstance(data, dict) and isinstance(data.get("url"), str):
            public, username, password = split_credentials(data["url"])
            if username is not None or password is not None:
                data = {**data, "url": public}
                data.setdefault("username", username)
                if password is not None:
                    data.setdefault("password", password)
        return data

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError(f'url must start with http:// or https://, got "{value}"')
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _one_source(self) -> ServerConfig:
        if (self.url is None) == (self.start is None):
            raise ValueError("give either url (a running server) or start: sim | appium, not both")
        if self.device is not None and self.start != "appium":
            raise ValueError("device: sim puts the simulated device behind Appium: use it with start: appium")
        if not self.simulated and (self.sim_app_model or self.sim_latency_ms is not None):
            raise ValueError("sim_app_model and sim_latency_ms apply only with start: sim or device: sim")
        if self.start != "appium" and self.appium_args:
            raise ValueError("appium_args apply only with start: appium")
        if self.log and self.url is None:
            raise ValueError("log names the log of a running server: use it with url")
        if (self.username or self.password) and self.url is None:
            raise ValueError("username and password are for the server at url")
        self._check_exposure()
        return self

    def _check_exposure(self) -> None:
        address = self.bind_address()
        if not is_loopback(address) and not self.allow_remote:
            raise ValueError(
                f"appium_args bind the server to {address}, reachable from other machines: remove it "
                "(the harness binds 127.0.0.1), or say allow_remote: true"
            )
        listed = {_feature(f) for f in self.insecure_features}
        if "--relaxed-security" in self.appium_args and "*" not in listed:
            raise ValueError("--relaxed-security turns on every insecure feature: list the features the "
                             "scenarios need under insecure_features (or * for all of them)")
        wanted = [_feature(f) for f in self.requested_insecure_features()]
        missing = [f for f in wanted if f not in listed and "*" not in listed]
        if missing:
            raise ValueError(f"--allow-insecure {','.join(missing)} is not listed under insecure_features: "
                             "list each insecure feature the profile allows")

    def bind_address(self) -> str:
        """The address the harness's Appium listens on: 127.0.0.1 unless appium_args say otherwise."""
        address = "127.0.0.1"
        args = self.appium_args
        for index, arg in enumerate(args):
            if arg in ADDRESS_FLAGS and index + 1 < len(args):
                address = args[index + 1]
            elif arg.startswith("--address="):
                address = arg.split("=", 1)[1]
        return address

    def requested_insecure_features(self) -> list[str]:
        """Features named by --allow-insecure in appium_args (driver prefixes kept)."""
        found: list[str] = []
        args = self.appium_args
        for index, arg in enumerate(args):
            value = None
            if arg == "--allow-insecure" and index + 1 < len(args):
                value = args[index + 1]
            elif arg.startswith("--allow-insecure="):
                value = arg.split("=", 1)[1]
            if value:
                found += [part.strip() for part in value.split(",") if part.strip()]
        return found

    def exposure_warnings(self) -> list[str]:
        """What a person must know before this server starts (remote binding, insecure features)."""
        out = []
        address = self.bind_address()
        if not is_loopback(address):
            out.append(f"the Appium server listens on {address} (allow_remote: true): any machine that "
                       "reaches this address can drive the device")
        features = sorted({*self.insecure_features, *self.requested_insecure_features()})
        if "--relaxed-security" in self.appium_args or features:
            out.append("the Appium server runs with insecure features: "
                       f"{', '.join(features) or 'all (--relaxed-security)'}")
        return out

    @property
    def simulated(self) -> bool:
        """The simulated device answers, directly (start: sim) or behind the real driver (device: sim)."""
        return self.start == "sim" or self.device == "sim"

    @property
    def credentials(self) -> tuple[str | None, str | None]:
        """(username, password) for the client's auth configuration, never for a URL."""
        password = self.password.get_secret_value() if self.password is not None else None
        return self.username, password


def _feature(name: str) -> str:
    """`uiautomator2:adb_shell` and `*:adb_shell` name the feature adb_shell."""
    return name.rsplit(":", 1)[-1].strip() if name.strip() != "*" else "*"


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(url without user:password@, username, password); a URL without them comes back as it is."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    public = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    username = unquote(parts.username) if parts.username is not None else None
    password = unquote(parts.password) if parts.password is not None else None
    return public, username, password
