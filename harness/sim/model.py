"""Typed app model of the simulated device: screens, elements, dialogs, state and faults.

One model renders as both Android (UiAutomator2) and iOS (XCUITest) trees, so everything here is
platform-neutral; per-platform spellings live in the small `android:` / `ios:` override blocks.
Sizes and positions are logical units (dp on Android, points on iOS).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

Scalar = bool | int | float | str

Role = Literal[
    "button",
    "text",
    "header",
    "input",
    "secure_input",
    "image",
    "tab",
    "cell",
    "list_item",
    "switch",
    "link",
    "group",
    "tab_bar",
    "toolbar",
]
ROLES: tuple[str, ...] = get_args(Role)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Condition(_Strict):
    """True when every listed part holds; an empty condition is always true."""

    state: dict[str, Scalar] | None = Field(None, description="state variables that must equal these values")
    filled: list[str] | None = Field(None, description="input element ids (this screen) that must hold text")
    empty: list[str] | None = Field(None, description="input element ids (this screen) that must be empty")
    typed: dict[str, str] | None = Field(
        None, description="input element ids (this screen) that must hold exactly this text (a password)"
    )
    not_: Condition | None = Field(None, alias="not", description="a condition that must NOT hold")
    any: list[Condition] | None = Field(None, description="at least one of these must hold")


class Action(_Strict):
    """One effect of a tap; exactly one key per action (`if` carries `then` / `else`)."""

    go: str | None = Field(None, description="navigate to this screen")
    back: bool | None = Field(None, description="navigate back (the screen's `back`, or leave the app)")
    open_dialog: str | None = Field(None, description="show this dialog on top of the screen")
    close_dialog: bool | None = Field(None, description="close the open dialog")
    set: dict[str, Scalar] | None = Field(None, description="assign app state variables")
    clear_inputs: bool | None = Field(None, description="forget the text typed in every input")
    open_url: str | None = Field(None, description="follow a deep link of this app")
    if_: Condition | None = Field(None, alias="if", description="run `then` when true, else `else`")
    then: list[Action] | None = None
    else_: list[Action] | None = Field(None, alias="else")

    @model_validator(mode="after")
    def _one_effect(self) -> Action:
        effects = [
            n
            for n in ("go", "back", "open_dialog", "close_dialog", "set", "clear_inputs", "open_url", "if_")
            if getattr(self, n) is not None
        ]
        if len(effects) != 1:
            names = ", ".join(e.rstrip("_") for e in effects) or "nothing"
            raise ValueError(
                "an action has exactly one of go, back, open_dialog, close_dialog, set, clear_inputs, "
                f"open_url, if (found {names})"
            )
        if (self.then is not None or self.else_ is not None) and self.if_ is None:
            raise ValueError("`then` / `else` belong to an `if` action")
        return self


class AndroidOverrides(_Strict):
    """Spellings of one element on Android when the defaults derived from role/text do not fit."""

    class_: str | None = Field(
        None, alias="class", description="widget class, e.g. android.widget.ImageButton"
    )
    text: str | None = None
    content_desc: str | None = None
    resource_id: str | None = None


class IosOverrides(_Strict):
    """Spellings of one element on iOS when the defaults derived from role/text do not fit."""

    type: str | None = Field(None, description="element type, e.g. XCUIElementTypeButton")
    name: str | None = None
    label: str | None = None
    value: str | None = None


class Element(_Strict):
    """A widget. Laid out top to bottom in its region unless `position` is given."""

    id: str | None = Field(None, description="unique within its screen; faults and conditions refer to it")
    role: Role = "text"
    text: str | None = Field(None, description="visible text (Android text, iOS label)")
    hint: str | None = Field(None, description="placeholder of an input")
    accessibility_id: str | None = Field(None, description="Android content-desc, iOS name")
    resource_id: str | None = Field(
        None, description="Android resource-id; `<package>:id/` is added if no `:`"
    )
    dock: Literal["top", "bottom", "content"] = Field(
        "content", description="top/bottom: fixed bars; content: the (scrollable) body"
    )
    position: tuple[float, float] | None = Field(None, description="[x, y] inside its region (logical units)")
    size: tuple[float, float] | None = Field(None, description="[width, height] (logical units)")
    height: float | None = Field(None, gt=0, description="height only, width fills the row")
    align: Literal["stretch", "left", "right", "center"] = "stretch"
    direction: Literal["row", "column"] = Field("column", description="how a group lays out its children")
    children: list[Element] = Field(default_factory=list)
    enabled: bool = True
    accent: bool = Field(False, description="drawn in the theme's accent colour (a logo, an error message)")
    checked: bool | None = None
    selected: bool | None = None
    visible_after_ms: int | None = Field(
        None, ge=0, description="absent until this long after the screen opens"
    )
    when: Condition | None = Field(None, description="present only while this holds")
    on_tap: list[Action] = Field(default_factory=list)
    on_long_press: list[Action] = Field(default_factory=list)
    android: AndroidOverrides | None = None
    ios: IosOverrides | None = None


class WebView(_Strict):
    """Marks a screen as web content: a WEBVIEW_<package|bundle> context appears while it is shown."""

    url: str
    title: str = ""


class Screen(_Strict):
    title: str | None = Field(None, description="shown in iOS navigation bars and screenshots")
    back: str | None = Field(None, description="screen that system back / the iOS Back button returns to")
    back_label: str = Field("Back", description="name of the iOS navigation bar back button")
    back_button: bool = Field(
        True, description="iOS: show a navigation bar with the Back button when `back` is set"
    )
    webview: WebView | None = None
    elements: list[Element] = Field(default_factory=list)


class DialogButton(_Strict):
    id: str | None = None
    text: str
    kind: Literal["positive", "negative", "neutral"] = Field(
        "positive", description="Android button1/button2/button3; accept presses positive, dismiss negative"
    )
    on_tap: list[Action] = Field(default_factory=list, description="run after the dialog closes")


class Dialog(_Strict):
    """A modal alert: Android AlertDialog window, iOS XCUIElementTypeAlert."""

    title: str
    message: str | None = None
    buttons: list[DialogButton] = Field(min_length=1)
    cancelable: bool = Field(True, description="Android back / a tap outside closes it (negative actions)")


class StartRule(_Strict):
    screen: str
    when: Condition | None = None


class DeepLink(_Strict):
    url: str = Field(description="matches URLs that start with this")
    screen: str
    when: Condition | None = None


class ElementRef(_Strict):
    screen: str = Field(description="screen or dialog id")
    element: str | None = Field(None, description="element (or dialog button) id; none = the screen itself")


class LateElement(ElementRef):
    after_ms: int = Field(ge=0)


class Interstitial(_Strict):
    """Shown on every cold launch while `when` holds, before the start screen can be used."""

    screen: str | None = None
    dialog: str | None = None
    when: Condition | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Interstitial:
        if (self.screen is None) == (self.dialog is None):
            raise ValueError("an interstitial names exactly one of `screen` or `dialog`")
        return self


class Crash(ElementRef):
    """The app process dies when this element is tapped (or the screen opens, without `element`)."""

    times: int = Field(1, ge=1, description="how many times it crashes per session")


class Faults(_Strict):
    """Injected misbehaviour. A session can replace any key with the `harness:faults` capability."""

    latency_ms: float = Field(0, ge=0, description="added to every session command")
    late_elements: list[LateElement] = Field(default_factory=list)
    interstitial: Interstitial | None = None
    stale_once: list[ElementRef] = Field(
        default_factory=list, description="the first click on a found reference raises stale element"
    )
    crash: Crash | None = None


class Theme(_Strict):
    """How the app looks in screenshots: data of the app, so no app is drawn as a special case."""

    accent: str = Field(
        "#0066CC",
        pattern=r"^#[0-9a-fA-F]{6}$",
        description="brand colour #RRGGBB: buttons, elements with `accent: true`, the launcher icon's letter",
    )

    @property
    def accent_rgb(self) -> tuple[int, int, int]:
        return int(self.accent[1:3], 16), int(self.accent[3:5], 16), int(self.accent[5:7], 16)


class AndroidApp(_Strict):
    package: str
    activity: str = ".MainActivity"


class IosApp(_Strict):
    bundle_id: str
    name: str | None = Field(None, description="XCUIElementTypeApplication name; defaults to the model name")


class AppModel(_Strict):
    """The whole app: what a simulated device runs."""

    schema_: str | None = Field(None, alias="$schema")
    name: str
    version: str = Field(
        "1.0", description="the version users see (Android versionName, iOS CFBundleShortVersionString)"
    )
    build: int = Field(1, ge=1, description="the build number (Android versionCode, iOS CFBundleVersion)")
    android: AndroidApp
    ios: IosApp
    theme: Theme = Field(default_factory=Theme)
    state: dict[str, Scalar] = Field(
        default_factory=dict, description="state variables and fresh-install values"
    )
    start: list[StartRule] = Field(min_length=1, description="first rule whose `when` holds picks the screen")
    screens: dict[str, Screen] = Field(min_length=1)
    dialogs: dict[str, Dialog] = Field(default_factory=dict)
    deep_links: list[DeepLink] = Field(default_factory=list)
    faults: Faults = Field(default_factory=Faults)


Condition.model_rebuild()
Action.model_rebuild()
Element.model_rebuild()
