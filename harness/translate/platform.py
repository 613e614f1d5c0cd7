"""The platform contract: what a platform's translator (android.py, ios.py) provides, and the code both share.

A step's translation (translate/steps.py) is written once against `PlatformForms`; each platform module
supplies the forms its driver accepts (locator strategies, `mobile:` methods and their arguments).
"""

from __future__ import annotations

from typing import Protocol

from harness.drivers import Platform
from harness.scenario.selectors import CONTEXT_ONLY, Locator
from harness.translate.commands import Command, execute
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.web import web_locator


class PlatformForms(Protocol):
    """One driver's forms. Methods raise TranslateError for what the platform cannot do."""

    name: Platform
    app_id_arg: str  # how `mobile:` app methods name the app: appId (Android) / bundleId (iOS)
    launch_script: str  # the `mobile:` method that starts the app

    def locator(self, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
        """A native locator: `{using, value, index?}` with one of the driver's strategies."""
        ...

    def combined(self, locators: list[dict[str, object]], ctx: TranslateContext) -> dict[str, object] | None:
        """Several fallback locators as one query (`{using, value, ordered}`), so a poll costs one round
        trip; None when the driver cannot express them together. `ordered`: the query returns the first
        locator's match first (else the runner resolves several matches locator by locator)."""
        ...

    def scroll_to(
        self, locs: list[Locator], direction: str, max_swipes: int, ctx: TranslateContext, target: str
    ) -> list[Command]:
        """Commands that bring the target into view, at most `max_swipes` swipes."""
        ...

    def swipe(self, direction: str, on_element: bool, percent: float, ctx: TranslateContext) -> Command:
        """A swipe of the finger in `direction`, on the found element or the content area."""
        ...

    def long_press(self, duration_s: float) -> Command:
        """Press and hold the found element (duration in seconds, converted to the driver's unit)."""
        ...

    def alert(self, accept: bool, button: str | None) -> Command:
        """Accept / dismiss the alert on screen, optionally by button label."""
        ...

    def press_key(self, key: str | None, keycode: int | None) -> Command:
        """A hardware key by name, or an Android keycode."""
        ...

    def open_link(self, url: str, app_id: str) -> Command:
        """A deep link opened in the app."""
        ...


def element_locator(p: PlatformForms, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
    """The locator of `loc` where the step runs: web strategies in web content, else the platform's."""
    if ctx.web:
        return web_locator(loc)
    if CONTEXT_ONLY.get(loc.kind) == "web":
        raise TranslateError(f"{loc.kind} selects web content only: use it after `switch_context: webview`")
    return p.locator(loc, ctx)


def app_launch(p: PlatformForms, app_id: str, clear_state: bool) -> list[Command]:
    """Terminate, optionally clear the app's data, then start it: the same three calls on both drivers."""
    commands = [execute("mobile: terminateApp", {p.app_id_arg: app_id})]
    if clear_state:
        commands.append(execute("mobile: clearApp", {p.app_id_arg: app_id}))
    commands.append(execute(p.launch_script, {p.app_id_arg: app_id}))
    return commands


def app_stop(p: PlatformForms, app_id: str) -> list[Command]:
    return [execute("mobile: terminateApp", {p.app_id_arg: app_id})]


def hide_keyboard() -> Command:
    """`mobile: hideKeyboard {}`: the same method on both drivers."""
    return execute("mobile: hideKeyboard", {})
