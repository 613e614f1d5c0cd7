"""The platform contract: what a platform's translator (android.py, ios.py, web.py) provides, and the code
the two app platforms share.

A step's translation (translate/steps.py) is written once against `PlatformForms`; each platform module
supplies the forms its driver accepts (locator strategies, `mobile:` methods and their arguments, or, in a
browser, W3C commands and page scripts). What a platform cannot do raises TranslateError, which lint
reports at the step's line.
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

    def locator(self, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
        """A native locator: `{using, value, index?}` with one of the driver's strategies."""
        ...

    def combined(self, locators: list[dict[str, object]], ctx: TranslateContext) -> dict[str, object] | None:
        """Several fallback locators as one query (`{using, value, ordered}`), so a poll costs one round
        trip; None when the driver cannot express them together. `ordered`: the query returns the first
        locator's match first (else the runner resolves several matches locator by locator)."""
        ...

    def launch_app(self, app: str | None, clear_state: bool, ctx: TranslateContext) -> list[Command]:
        """Start the app `app` (an app entry of the profile; None: the scenario's) fresh."""
        ...

    def stop_app(self, app: str | None, ctx: TranslateContext) -> list[Command]:
        """Terminate the app."""
        ...

    def open_url(self, url: str | None, clear_state: bool, ctx: TranslateContext) -> list[Command]:
        """Open a page in the browser: `url` (relative to the scenario's `url:`), or the scenario's."""
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

    def open_link(self, url: str, ctx: TranslateContext) -> Command:
        """A deep link opened in the app (in a browser: the page at that URL)."""
        ...

    def hide_keyboard(self) -> Command:
        """Close the on-screen keyboard."""
        ...

    def set_context(self, name: str) -> Command:
        """Switch to the native context, a web view (`webview`: the first), or a context by its name."""
        ...


def element_locator(p: PlatformForms, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
    """The locator of `loc` where the step runs: web strategies in web content, else the platform's."""
    if ctx.web:
        return web_locator(loc)
    if CONTEXT_ONLY.get(loc.kind) == "web":
        raise TranslateError(f"{loc.kind} selects web content only: use it after `switch_context: webview`")
    return p.locator(loc, ctx)


class AppForms:
    """What the UiAutomator2 and XCUITest forms share: an app's lifecycle, contexts, the keyboard."""

    app_id_arg: str  # how `mobile:` app methods name the app: appId (Android) / bundleId (iOS)
    launch_script: str  # the `mobile:` method that starts the app

    def launch_app(self, app: str | None, clear_state: bool, ctx: TranslateContext) -> list[Command]:
        """Terminate, optionally clear the app's data, then start it: the same three calls on both drivers."""
        app_id = ctx.app_id_for(app)
        commands = [execute("mobile: terminateApp", {self.app_id_arg: app_id})]
        if clear_state:
            commands.append(execute("mobile: clearApp", {self.app_id_arg: app_id}))
        commands.append(execute(self.launch_script, {self.app_id_arg: app_id}))
        return commands

    def stop_app(self, app: str | None, ctx: TranslateContext) -> list[Command]:
        return [execute("mobile: terminateApp", {self.app_id_arg: ctx.app_id_for(app)})]

    def open_url(self, url: str | None, clear_state: bool, ctx: TranslateContext) -> list[Command]:
        raise TranslateError("open_url opens a page in a browser: it is a step of web scenarios (with "
                             "url: instead of app:); in an app, open_link opens a URL")

    def hide_keyboard(self) -> Command:
        """`mobile: hideKeyboard {}`: the same method on both drivers."""
        return execute("mobile: hideKeyboard", {})

    def set_context(self, name: str) -> Command:
        if name.lower() == "native":
            return Command("set_context", {"name": "NATIVE_APP", "match": "exact"})
        if name.lower() == "webview":
            return Command("set_context", {"name": "WEBVIEW", "match": "prefix"})
        return Command("set_context", {"name": name, "match": "exact"})
