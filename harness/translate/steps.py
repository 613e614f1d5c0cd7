"""Step kind -> commands, once per kind, on top of the platform modules (android.py / ios.py / web.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from harness.scenario import steps as s
from harness.scenario.selectors import Locator, PlatformGap, Selector, SelectorError, Target, resolve
from harness.scenario.variables import (
    UndefinedVariable,
    Value,
    has_references,
    secrets_masked,
    substitute,
    substitute_fields,
    substitute_value,
)
from harness.translate import android, ios, web
from harness.translate.commands import Command, pointer_actions
from harness.translate.context import PlatformGapError, TranslateContext, TranslateError
from harness.translate.platform import PlatformForms, element_locator
from harness.translate.web import is_web_context

PLATFORM_FORMS: dict[str, PlatformForms] = {"android": android.FORMS, "ios": ios.FORMS, "web": web.FORMS}
Translator = Callable[[s.Step, TranslateContext, PlatformForms], list[Command]]
TRANSLATORS: dict[type[s.Step], Translator] = {}
COMPOSITE = (s.RunFlow, s.Repeat, s.Retry)  # the runner walks their children
StepT = TypeVar("StepT", bound=s.Step)


def translates(cls: type[s.Step]) -> Callable[[Translator], Translator]:
    def register(fn: Translator) -> Translator:
        TRANSLATORS[cls] = fn
        return fn

    return register


def text_of(value: str, ctx: TranslateContext) -> Value:
    """Substitute ${VAR}; in plans without the variable the reference stays visible."""
    try:
        return substitute(value, ctx.variables)
    except UndefinedVariable as exc:
        if ctx.strict_variables:
            raise TranslateError(f"variable ${{{exc.name}}} has no value") from None
        return Value(value)


def substituted(step: StepT, ctx: TranslateContext, *, masked: bool = False) -> StepT:
    """The step with ${VAR} replaced in every string field (selectors, per-platform blocks, names,
    labels, expectations, URLs); `masked`: secret values read *** (titles). Its `_secret` says whether
    a secret went into it."""
    if step._refs is None:
        step._refs = has_references(step)
    if not step._refs:
        return step
    if masked:
        ctx = ctx.with_variables(secrets_masked(ctx.variables))
    secret = False

    def replace(text: str) -> str:
        nonlocal secret
        value = text_of(text, ctx)
        secret = secret or value.secret
        return value.text

    resolved = substitute_fields(step, replace)
    if resolved is not step:
        resolved._secret = secret
    return resolved


def target_of(selector: Selector, ctx: TranslateContext) -> Target:
    """Resolve an (already substituted) selector on ctx.platform."""
    try:
        return resolve(selector, ctx.platform, ctx.screens)
    except PlatformGap as exc:
        raise PlatformGapError(str(exc)) from None
    except SelectorError as exc:
        raise TranslateError(str(exc)) from None


def locators(target: Target, ctx: TranslateContext) -> list[dict[str, object]]:
    """The driver locators of a target where the step runs (native screens or web content). A screen
    map's element may list locators for both: the ones that do not fit are left out."""
    forms = PLATFORM_FORMS[ctx.platform]
    if target.screen_map is None:
        return [element_locator(forms, loc, ctx) for loc in target.locators]
    out, refused = [], []
    for loc in target.locators:
        try:
            out.append(element_locator(forms, loc, ctx))
        except TranslateError as exc:
            refused.append(str(exc))
    if not out:
        where = "web" if ctx.web else "native"
        raise TranslateError(f"screen element {target.description} has no {where} locator in "
                             f"{target.screen_map}: {refused[0]}")
    return out


def context_after(step: s.Step, ctx: TranslateContext) -> TranslateContext:
    """The context (native or web) the steps after `step` run in, followed statically through
    switch_context, flows and nested steps (a step only for the other platform changes nothing)."""
    if step.when is not None and step.when.platform not in (None, ctx.platform):
        return ctx
    if isinstance(step, s.SwitchContext):
        return ctx.in_web(is_web_context(text_of(step.context, ctx).text))
    children: list[s.Step] = []
    if isinstance(step, s.RunFlow) and step.flow is not None:
        children = step.flow.steps
    elif isinstance(step, s.Repeat | s.Retry):
        children = step.steps
    after = ctx
    for child in children:
        after = context_after(child, after)
    return ctx.in_web(after.web)


def find(selector: Selector, ctx: TranslateContext) -> Command:
    target = target_of(selector, ctx)
    locs = locators(target, ctx)
    fields: dict[str, object] = {"locators": locs, "target": target.description}
    combined = None if ctx.web else PLATFORM_FORMS[ctx.platform].combined(locs, ctx)
    if combined is not None:  # one round trip per poll for all the fallbacks
        fields["combined"] = combined
    return Command("find_element", fields)


def translate(step: s.Step, ctx: TranslateContext) -> list[Command]:
    """The commands of one (non-composite) step on ctx.platform; raises TranslateError."""
    if isinstance(step, COMPOSITE):
        return []
    return TRANSLATORS[type(step)](substituted(step, ctx), ctx, PLATFORM_FORMS[ctx.platform])


def condition_locators(selector: Selector, ctx: TranslateContext) -> tuple[str, list[dict[str, object]]]:
    """How a `when:` / `while:` selector (as written, ${VAR} not yet replaced) is looked for."""
    selector = substitute_value(selector, lambda text: text_of(text, ctx).text)
    target = target_of(selector, ctx)
    return target.description, locators(target, ctx)


@translates(s.LaunchApp)
def _launch(step: s.LaunchApp, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return p.launch_app(step.app, step.clear_state, ctx)


@translates(s.StopApp)
def _stop(step: s.StopApp, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return p.stop_app(step.app, ctx)


@translates(s.OpenUrl)
def _open_url(step: s.OpenUrl, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return p.open_url(step.url, step.clear_state, ctx)


@translates(s.Tap)
def _tap(step: s.Tap, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    if step.element is None:
        return [pointer_actions([(step.x or 0, step.y or 0)], hold_ms=50)]
    return [find(step.element, ctx), Command("click")]


@translates(s.LongPress)
def _long_press(step: s.LongPress, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [find(step.element, ctx), p.long_press(step.duration)]


@translates(s.TypeText)
def _type(step: s.TypeText, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    first = find(step.into, ctx) if step.into is not None else Command("find_active_element")
    return [first, Command("send_keys", {"text": step.text}, secret=step._secret)]


@translates(s.ClearText)
def _clear(step: s.ClearText, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [find(step.element, ctx), Command("clear")]


@translates(s.AssertVisible)
def _assert_visible(step: s.AssertVisible, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [find(step.element, ctx), Command("is_displayed")]


def _absent(selector: Selector, ctx: TranslateContext) -> Command:
    description, locs = condition_locators(selector, ctx)
    return Command("wait_absent", {"locators": locs, "target": description})


@translates(s.AssertNotVisible)
def _assert_not_visible(step: s.AssertNotVisible, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [_absent(step.element, ctx)]


@translates(s.AssertText)
def _assert_text(step: s.AssertText, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    how, expected = step.expectation()
    return [find(step.element, ctx), Command("get_text", {"expect": {how: expected}})]


@translates(s.WaitFor)
def _wait_for(step: s.WaitFor, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    if step.gone:
        return [_absent(step.element, ctx)]
    return [find(step.element, ctx), Command("is_displayed")]


@translates(s.ScrollTo)
def _scroll_to(step: s.ScrollTo, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    target = target_of(step.element, ctx)
    locs: list[Locator] = list(target.locators)
    return p.scroll_to(locs, step.direction, step.max_swipes, ctx, target.description)


@translates(s.Swipe)
def _swipe(step: s.Swipe, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    if step.start is not None and step.end is not None:
        return [pointer_actions([step.start, step.end], move_ms=int(step.duration * 1000))]
    assert step.direction is not None
    if step.element is not None:
        return [find(step.element, ctx), p.swipe(step.direction, True, step.percent, ctx)]
    return [p.swipe(step.direction, False, step.percent, ctx)]


@translates(s.Back)
def _back(step: s.Back, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [Command("back")]


@translates(s.HideKeyboard)
def _hide_keyboard(step: s.HideKeyboard, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [p.hide_keyboard()]


@translates(s.PressKey)
def _press_key(step: s.PressKey, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [p.press_key(step.key, step.keycode)]


@translates(s.OpenLink)
def _open_link(step: s.OpenLink, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [p.open_link(step.url, ctx)]


@translates(s.SwitchContext)
def _switch_context(step: s.SwitchContext, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [p.set_context(step.context)]


@translates(s.AcceptAlert)
def _accept_alert(step: s.AcceptAlert, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [p.alert(True, step.button)]


@translates(s.DismissAlert)
def _dismiss_alert(step: s.DismissAlert, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [p.alert(False, step.button)]


@translates(s.Screenshot)
def _screenshot(step: s.Screenshot, ctx: TranslateContext, p: PlatformForms) -> list[Command]:
    return [Command("get_screenshot", {"name": step.name or "screenshot"})]


def title(step: s.Step, ctx: TranslateContext, commands: list[Command] | None = None) -> str:
    """Report title: the model's title (secrets as ***) and, for a step on an element, the strategy of
    its plan's first locator, e.g. "Tap 'Account' (accessibility id)". `commands`: the step's plan,
    when the caller has it already."""
    shown = substituted(step, ctx, masked=True)
    words = shown.title()
    if step.label or shown.target() is None:
        return words
    try:
        planned = translate(step, ctx) if commands is None else commands
    except TranslateError:
        return shown.verb()
    using = next((c.fields["locators"][0]["using"] for c in planned if c.fields.get("locators")), None)
    return f"{words} ({using})" if using else words
