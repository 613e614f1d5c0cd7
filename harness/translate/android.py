"""UiAutomator2 (Android) forms: locator strategies, `mobile:` methods and their arguments."""

from __future__ import annotations

from harness.drivers import Platform
from harness.scenario.selectors import Locator
from harness.translate.commands import Command, execute
from harness.translate.context import TranslateContext, TranslateError
from harness.translate.platform import AppForms, element_locator

# selector key -> UiSelector method; these forms also work inside UiScrollable.scrollIntoView
UISELECTOR = {
    "text": "text",
    "text_contains": "textContains",
    "text_regex": "textMatches",
    "accessibility_id": "description",
    "id": "resourceId",
    "class_name": "className",
}
DIRECT = {"accessibility_id": "accessibility id", "id": "id", "class_name": "class name", "xpath": "xpath"}
SCROLLABLE = "new UiScrollable(new UiSelector().scrollable(true).instance(0))"

# press_key names -> Android keycodes (KeyEvent.KEYCODE_*)
KEYCODES = {
    "home": 3, "back": 4, "volume_up": 24, "volume_down": 25, "power": 26, "tab": 61,
    "enter": 66, "delete": 67, "menu": 82, "search": 84, "app_switch": 187,
}


def java_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def resource_id(value: str, ctx: TranslateContext) -> str:
    """A bare id completed with the app's package: the `id` strategy does it itself, UiSelector does not."""
    return f"{ctx.app_id}:id/{value}" if ":" not in value and ctx.app_id else value


def ui_selector(loc: Locator, ctx: TranslateContext) -> str | None:
    method = UISELECTOR.get(loc.kind)
    if method is None:
        return None
    value = resource_id(loc.value, ctx) if loc.kind == "id" else loc.value
    instance = f".instance({loc.index})" if loc.index is not None else ""
    return f"new UiSelector().{method}({java_string(value)}){instance}"


def _with_index(out: dict[str, object], loc: Locator) -> dict[str, object]:
    if loc.index is not None:
        out["index"] = loc.index
    return out


def scroll_area(ctx: TranslateContext) -> dict[str, int]:
    """The content area between the status/app bar and the bottom navigation."""
    width, height = ctx.screen
    top = height // 8
    return {"left": 0, "top": top, "width": width, "height": height - 2 * top}


def _statement(loc: dict[str, object], ctx: TranslateContext) -> str | None:
    """A driver locator as one UiSelector statement that matches the same elements, or None."""
    using, value, index = loc["using"], str(loc["value"]), loc.get("index")
    instance = f".instance({index})" if index is not None else ""
    if using == "-android uiautomator":
        plain = value.startswith("new UiSelector()") and ";" not in value
        return value if plain and index is None else None
    if using == "accessibility id":
        return f"new UiSelector().description({java_string(value)}){instance}"
    if using == "id" and (":" in value or ctx.app_id):
        return f"new UiSelector().resourceId({java_string(resource_id(value, ctx))}){instance}"
    if using == "class name" and index is not None:  # without an index it would list every such widget
        return f"new UiSelector().className({java_string(value)}){instance}"
    return None


class AndroidForms(AppForms):
    """The PlatformForms of the UiAutomator2 driver."""

    name: Platform = "android"
    app_id_arg = "appId"
    launch_script = "mobile: activateApp"

    def locator(self, loc: Locator, ctx: TranslateContext) -> dict[str, object]:
        if loc.kind in ("text", "text_contains", "text_regex"):
            return {"using": "-android uiautomator", "value": ui_selector(loc, ctx)}
        if loc.kind == "android_uiautomator":
            return _with_index({"using": "-android uiautomator", "value": loc.value}, loc)
        if loc.kind in DIRECT:
            return _with_index({"using": DIRECT[loc.kind], "value": loc.value}, loc)
        raise TranslateError(f"{loc.kind} has no Android form: add an `android:` block")

    def combined(self, locators: list[dict[str, object]], ctx: TranslateContext) -> dict[str, object] | None:
        """Fallback locators as one `-android uiautomator` query, UiSelector statements joined by `;`.
        The UiAutomator2 server's find-elements evaluates the statements in order and returns their
        matches in that order, without duplicates (ByUiAutomatorFinder.findMany): its first element is
        the first locator's match. Its single-element find reads the first statement only, so the
        plural find is the one to send."""
        statements = [_statement(loc, ctx) for loc in locators]
        if len(statements) < 2 or not all(statements):
            return None
        query = ";".join(s for s in statements if s)
        return {"using": "-android uiautomator", "value": query, "ordered": True}

    def scroll_to(self, locs: list[Locator], direction: str, max_swipes: int, ctx: TranslateContext,
                  target: str) -> list[Command]:
        selectors = [ui_selector(loc, ctx) for loc in locs]
        if not ctx.web and all(selectors) and direction in ("down", "up"):
            # one call: UiAutomator scrolls inside the app until the target exists, at most max_swipes times
            scrollable = f"{SCROLLABLE}.setMaxSearchSwipes({max_swipes})"
            values = [{"using": "-android uiautomator", "value": f"{scrollable}.scrollIntoView({s})"}
                      for s in selectors]
            return [Command("find_element", {"locators": values, "target": target})]
        area = scroll_area(ctx)
        swipe = execute("mobile: scrollGesture", {**area, "direction": direction, "percent": 0.75})
        return [Command("scroll_until_visible", {
            "locators": [element_locator(self, loc, ctx) for loc in locs], "target": target,
            "max_swipes": max_swipes, "swipe": [swipe]})]

    def swipe(self, direction: str, on_element: bool, percent: float, ctx: TranslateContext) -> Command:
        if on_element:
            return execute("mobile: swipeGesture", {"direction": direction, "percent": percent}, "elementId")
        area = scroll_area(ctx)
        return execute("mobile: swipeGesture", {**area, "direction": direction, "percent": percent})

    def long_press(self, duration_s: float) -> Command:
        return execute("mobile: longClickGesture", {"duration": int(duration_s * 1000)}, "elementId")

    def alert(self, accept: bool, button: str | None) -> Command:
        args: dict[str, object] = {"buttonLabel": button} if button else {}
        return execute("mobile: acceptAlert" if accept else "mobile: dismissAlert", args)

    def press_key(self, key: str | None, keycode: int | None) -> Command:
        code = keycode if keycode is not None else KEYCODES[key or ""]
        return execute("mobile: pressKey", {"keycode": code})

    def open_link(self, url: str, ctx: TranslateContext) -> Command:
        return execute("mobile: deepLink", {"url": url, "package": ctx.app_id})


FORMS = AndroidForms()
