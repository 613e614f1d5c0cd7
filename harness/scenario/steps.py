"""The step kinds: one model per kind, registered once (model, shorthand, docs line, schema).

A step in YAML is a bare kind name (`- back`) or a mapping with exactly one kind key plus the common
options: `- tap: menu.account` / `  optional: true`. The kind's value is its arguments mapping, or a
shorthand that fills the kind's primary argument (`tap: Account` fills `element`).
A kind's class is its whole definition in the scenario layer: arguments, shorthand, docs line (the first
line of its docstring: README table, schema) and report title (`title()`). Its translation per platform
lives in harness/translate/steps.py, the one other place a new kind is written.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, PrivateAttr, model_validator

from harness.scenario.selectors import Selector
from harness.scenario.step_base import (  # noqa: F401 - the step model's parts, read as steps.X
    COMMON_OPTIONS,
    REGISTRY,
    Condition,
    Step,
    condition_fields,
    step_kind,
)

Direction = Literal["up", "down", "left", "right"]
class _ElementStep(Step):
    primary: ClassVar[str | None] = "element"
    primary_is_selector: ClassVar[bool] = True
    element: Selector = Field(..., description="The element.")


class _AlertStep(Step):
    primary: ClassVar[str | None] = "button"
    button: str | None = None


def _kind(name: str, kind: str, doc: str, base: type[Step] = Step, *, in_browser: str | None = None) -> Any:
    """A kind with no arguments of its own beyond its base's: its name, YAML key, docs line and, when it
    differs from the base's, what it does in a browser."""
    namespace: dict[str, Any] = {"__module__": __name__, "__qualname__": name, "__doc__": doc, "kind": kind,
                                 "__annotations__": {"kind": ClassVar[str]}}
    if in_browser is not None:
        namespace["in_browser"] = in_browser
    return step_kind(type(name, (base,), namespace))


@step_kind
class LaunchApp(Step):
    """Start the app fresh (terminate if running, then activate); `clear_state` wipes its data first."""

    kind: ClassVar[str] = "launch_app"
    in_browser: ClassVar[str] = "an error: a web scenario opens its page with `open_url`"
    clear_state: bool = Field(False, description="Clear the app's data before launching.")
    app: str | None = Field(None, description="App entry of the device profile (default: the scenario's).")

    def subject(self) -> str:
        return "(clear state)" if self.clear_state else ""


@step_kind
class StopApp(Step):
    """Terminate the app."""

    kind: ClassVar[str] = "stop_app"
    in_browser: ClassVar[str] = "an error: a page has no app to terminate"
    app: str | None = None


@step_kind
class OpenUrl(Step):
    """Open a page in the browser: the scenario's `url:`, or this URL (a relative one against `url:`)."""

    kind: ClassVar[str] = "open_url"
    in_browser: ClassVar[str] = "W3C navigate; `clear_state` deletes the cookies first; in an app: an error"
    primary: ClassVar[str | None] = "url"
    url: str | None = Field(None, description="The page (default: the scenario's url:).")
    clear_state: bool = Field(False, description="Delete the site's cookies before the page opens.")

    def subject(self) -> str:
        words = self.url or ""  # none: the scenario's url
        return f"{words} (clear state)".strip() if self.clear_state else words


@step_kind
class Tap(Step):
    """Tap an element (find + click), or a screen point (`{x, y}`) with a W3C pointer action."""

    kind: ClassVar[str] = "tap"
    in_browser: ClassVar[str] = "find + click; a point: a W3C touch action"
    primary: ClassVar[str | None] = "element"
    primary_is_selector: ClassVar[bool] = True
    element: Selector | None = None
    x: int | None = Field(None, ge=0)
    y: int | None = Field(None, ge=0)

    def subject(self) -> str:
        return super().subject() if self.element is not None else f"at ({self.x}, {self.y})"

    @model_validator(mode="after")
    def _element_or_point(self) -> Tap:
        point = self.x is not None or self.y is not None
        if point and (self.x is None or self.y is None):
            raise ValueError("a point needs both x and y")
        if point and self.element is not None:
            raise ValueError("tap takes an element or a point {x, y}, not both")
        if not point and self.element is None:
            raise ValueError("tap needs an element or a point {x, y}")
        return self


@step_kind
class LongPress(_ElementStep):
    """Press and hold an element."""

    kind: ClassVar[str] = "long_press"
    in_browser: ClassVar[str] = "W3C touch actions: press the element, hold, release"
    duration: float = Field(1.0, gt=0, le=60, description="Seconds to hold.")


@step_kind
class TypeText(Step):
    """Type text into an element (`into`), or into the focused element."""

    kind: ClassVar[str] = "type_text"
    primary: ClassVar[str | None] = "text"
    text: str = Field(..., description="The text; ${VAR} is replaced, secrets stay masked.")
    into: Selector | None = Field(None, description="The input element (default: the focused one).")


ClearText = _kind("ClearText", "clear_text", "Clear an input element.", _ElementStep)
AssertVisible = _kind("AssertVisible", "assert_visible",
                      "Fail unless the element is on screen within the timeout.", _ElementStep)
AssertNotVisible = _kind("AssertNotVisible", "assert_not_visible",
                         "Fail unless the element is gone within the timeout.", _ElementStep)


@step_kind
class AssertText(_ElementStep):
    """Fail unless the element's text equals / contains / matches the expectation."""

    kind: ClassVar[str] = "assert_text"
    equals: str | None = None
    contains: str | None = None
    matches: str | None = Field(None, description="A regular expression (search).")
    one_of = (("equals", "contains", "matches"), "assert_text takes exactly one of equals, contains, matches")

    def expectation(self) -> tuple[str, str]:
        for key in ("equals", "contains", "matches"):
            value = getattr(self, key)
            if value is not None:
                return key, value
        raise AssertionError("validated to have one")


@step_kind
class WaitFor(_ElementStep):
    """Wait until the element appears (or, with `gone: true`, disappears)."""

    kind: ClassVar[str] = "wait_for"
    gone: bool = False


@step_kind
class ScrollTo(_ElementStep):
    """Scroll until the element is on screen (bounded by `max_swipes`)."""

    kind: ClassVar[str] = "scroll_to"
    in_browser: ClassVar[str] = "find, then `scrollIntoView` (a page holds all its elements: no swipes)"
    direction: Direction = Field("down", description="Where the content to reveal lies.")
    max_swipes: int = Field(10, ge=1, le=100)


@step_kind
class Swipe(Step):
    """Swipe in a direction (on an element or the screen), or from one point to another."""

    kind: ClassVar[str] = "swipe"
    in_browser: ClassVar[str] = "`scrollBy` the page (or element) by `percent` of the view; points: W3C touch"
    primary: ClassVar[str | None] = "direction"
    direction: Direction | None = Field(None, description="Finger direction.")
    element: Selector | None = Field(None, description="Swipe inside this element.")
    start: tuple[int, int] | None = Field(None, alias="from", description="[x, y] start point.")
    end: tuple[int, int] | None = Field(None, alias="to", description="[x, y] end point.")
    percent: float = Field(0.75, gt=0, le=1)
    duration: float = Field(0.5, gt=0, le=10, description="Seconds (point-to-point swipes).")

    def subject(self) -> str:
        if self.element is not None:
            return super().subject()
        return self.direction or f"{self.start} -> {self.end}"

    @model_validator(mode="after")
    def _direction_or_points(self) -> Swipe:
        points = self.start is not None or self.end is not None
        if points and (self.start is None or self.end is None):
            raise ValueError("a swipe between points needs both from and to")
        if points == (self.direction is not None):
            raise ValueError("swipe takes a direction, or from and to points")
        if points and self.element is not None:
            raise ValueError("a swipe between points takes no element")
        return self


Back = _kind("Back", "back", "Press the system back (Android) / the navigation bar's back button (iOS).",
              in_browser="the browser's back (history)")
HideKeyboard = _kind("HideKeyboard", "hide_keyboard", "Hide the on-screen keyboard.",
                     in_browser="the focused field loses the focus (the keyboard closes)")


# the names press_key takes; what each is on a platform is the platform's (harness/translate/)
KEY_NAMES = ("app_switch", "back", "delete", "enter", "home", "menu", "power", "search", "tab",
             "volume_down", "volume_up")


@step_kind
class PressKey(Step):
    """Press a hardware/system key: a name (enter, home, back, volume_up…) or an Android keycode."""

    kind: ClassVar[str] = "press_key"
    in_browser: ClassVar[str] = "enter, tab, delete: W3C keys; back: history; others, keycodes: an error"
    primary: ClassVar[str | None] = "key"
    key: Literal[KEY_NAMES] | None = None  # type: ignore[valid-type]
    keycode: int | None = Field(None, ge=0, description="Raw Android keycode.")

    one_of = (("key", "keycode"), "press_key takes a key name or a keycode")

    def subject(self) -> str:
        return self.key or f"keycode {self.keycode}"


@step_kind
class OpenLink(Step):
    """Open a deep link / URL in the app."""

    kind: ClassVar[str] = "open_link"
    in_browser: ClassVar[str] = "W3C navigate to the URL (a relative one against `url:`)"
    primary: ClassVar[str | None] = "url"
    subject_field: ClassVar[str | None] = "url"
    url: str


@step_kind
class SwitchContext(Step):
    """Switch to the native context or a web view (`native`, `webview`, or an exact context name)."""

    kind: ClassVar[str] = "switch_context"
    in_browser: ClassVar[str] = "an error: a web scenario runs in the page throughout"
    primary: ClassVar[str | None] = "context"
    subject_field: ClassVar[str | None] = "context"
    context: str = Field(..., description="native | webview | an exact name such as WEBVIEW_com.app")


AcceptAlert = _kind("AcceptAlert", "accept_alert",
                    "Accept the system alert/dialog on screen (optionally by button label).", _AlertStep,
                    in_browser="the page's `alert` / `confirm` (W3C accept alert); `button`: an error")
DismissAlert = _kind("DismissAlert", "dismiss_alert",
                     "Dismiss the system alert/dialog on screen (optionally by button label).", _AlertStep,
                     in_browser="the page's `confirm` (W3C dismiss alert); `button`: an error")


@step_kind
class Screenshot(Step):
    """Take a screenshot and attach it to the report."""

    kind: ClassVar[str] = "screenshot"
    in_browser: ClassVar[str] = "the same"
    primary: ClassVar[str | None] = "name"
    subject_field: ClassVar[str | None] = "name"
    name: str | None = None


@step_kind
class RunFlow(Step):
    """Run the steps of another file (relative to this one) with parameters."""

    kind: ClassVar[str] = "run_flow"
    in_browser: ClassVar[str] = "the same"
    primary: ClassVar[str | None] = "file"
    subject_field: ClassVar[str | None] = "file"
    file: str
    params: dict[str, str | int | float | bool] = Field(default_factory=dict)
    _flow: Any = PrivateAttr(None)  # the loaded Flow, set by the loader

    @property
    def flow(self) -> Any:
        return self._flow


@step_kind
class Repeat(Step):
    """Run steps `times` times, or while a condition holds (at most `max` rounds)."""

    kind: ClassVar[str] = "repeat"
    in_browser: ClassVar[str] = "the same"
    times: int | None = Field(None, ge=1, le=1000)
    while_: Condition | None = Field(None, alias="while")
    max: int = Field(50, ge=1, le=1000, description="Upper bound of rounds for `while`.")
    steps: list[Any] = Field(..., min_length=1)

    one_of = (("times", "while_"), "repeat takes times or while")

    def subject(self) -> str:
        return f"{self.times} times" if self.times else "while condition holds"


@step_kind
class Retry(Step):
    """Run steps again from the first when one fails, up to `max` attempts."""

    kind: ClassVar[str] = "retry"
    in_browser: ClassVar[str] = "the same"
    max: int = Field(3, ge=1, le=20)
    steps: list[Any] = Field(..., min_length=1)

    def subject(self) -> str:
        return f"up to {self.max} attempts"


NESTED_STEP_KINDS = ("repeat", "retry")



