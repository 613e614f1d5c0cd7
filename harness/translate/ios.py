"""XCUITest (iOS) forms: locator strategies, `mobile:` methods and their arguments."""

from __future__ import annotations

from harness.drivers import Platform
from harness.scenario.selectors import Locator
from harness.translate.commands import Command, execute
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.platform import AppForms, element_locator

DIRECT = {"accessibility_id": "accessibility id", "id": "id", "class_name": "class name", "xpath": "xpath"}
# content direction to reveal -> finger direction of `mobile: swipe`
SWIPE_FOR_CONTENT = {"down": "up", "up": "down", "left": "right", "right": "left"}

# press_key names -> XCUITest's `mobile: pressButton` names (the hardware buttons an iPhone has)
BUTTONS = {"home": "home", "volume_up": "volumeup", "volume_down": "volumedown"}


def predicate_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _clause(loc: dict[str, object]) -> str | None:
    """A driver locator as a predicate clause that matches the same elements, or None."""
    using, value = loc["using"], str(loc["value"])
    if loc.get("index") is not None:
        return None
    if using == "-ios predicate string":
        return f"({value})"
    if using in ("accessibility id", "id"):  # WebDriverAgent looks both up by name
        return f"name == {predicate_string(value)}"
    if using == "class name":  # the driver adds the XCUIElementType prefix, as here
        full = value if value.startswith("XCUIElementType") else f"XCUIElementType{value}"
        return f"type == {predicate_string(full)}"
    return None


class IosForms(AppForms):
    """The PlatformForms of the XCUITest driver."""

    name: Platform = "ios"
    app_id_arg = "bundleId"
    launch_script = "mobile: launchApp"

    def locator(self, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
        quoted = predicate_string(loc.value)
        if loc.kind == "text":
            out: dict[str, object] = {
                "using": "-ios predicate string",
                "value": f"label == {quoted} OR name == {quoted} OR value == {quoted}",
            }
        elif loc.kind == "text_contains":
            out = {"using": "-ios predicate string", "value": f"label CONTAINS {quoted}"}
        elif loc.kind == "text_regex":
            out = {"using": "-ios predicate string", "value": f"label MATCHES {quoted}"}
        elif loc.kind == "ios_predicate":
            out = {"using": "-ios predicate string", "value": loc.value}
        elif loc.kind == "ios_class_chain":
            out = {"using": "-ios class chain", "value": loc.value}
        elif loc.kind in DIRECT:
            out = {"using": DIRECT[loc.kind], "value": loc.value}
        else:
            raise TranslateError(f"{loc.kind} has no iOS form: add an `ios:` block")
        if loc.index is not None:
            out["index"] = loc.index
        return out

    def combined(self, locators: list[dict[str, object]], ctx: TranslateContext) -> dict[str, object] | None:
        """Fallback locators as one `-ios predicate string`, their clauses joined by OR. WebDriverAgent
        returns the matches in the order of the tree, not of the locators: `ordered` is false, so the
        runner takes a sole match at once and asks locator by locator only when several match."""
        clauses = [_clause(loc) for loc in locators]
        if len(clauses) < 2 or not all(clauses):
            return None
        query = " OR ".join(c for c in clauses if c)
        return {"using": "-ios predicate string", "value": query, "ordered": False}

    def scroll_to(self, locs: list[Locator], direction: str, max_swipes: int, ctx: TranslateContext,
                  target: str) -> list[Command]:
        swipe_cmd = execute("mobile: swipe", {"direction": SWIPE_FOR_CONTENT[direction]})
        return [Command("scroll_until_visible", {
            "locators": [element_locator(self, loc, ctx) for loc in locs], "target": target,
            "max_swipes": max_swipes, "swipe": [swipe_cmd]})]

    def swipe(self, direction: str, on_element: bool, percent: float, ctx: TranslateContext) -> Command:
        del percent, ctx  # XCUITest swipes a fixed distance; velocity is the only tuning
        return execute("mobile: swipe", {"direction": direction}, "elementId" if on_element else None)

    def long_press(self, duration_s: float) -> Command:
        return execute("mobile: touchAndHold", {"duration": duration_s}, "elementId")

    def alert(self, accept: bool, button: str | None) -> Command:
        args: dict[str, object] = {"action": "accept" if accept else "dismiss"}
        if button:
            args["buttonLabel"] = button
        return execute("mobile: alert", args)

    def press_key(self, key: str | None, keycode: int | None) -> Command:
        if keycode is not None or key not in BUTTONS:
            what = f"keycode {keycode}" if keycode is not None else f'key "{key}"'
            raise TranslateError(f"press_key {what} has no iOS form: iOS has {', '.join(BUTTONS)}")
        return execute("mobile: pressButton", {"name": BUTTONS[key]})

    def open_link(self, url: str, ctx: TranslateContext) -> Command:
        return execute("mobile: deepLink", {"url": url, "bundleId": ctx.app_id})


FORMS = IosForms()
