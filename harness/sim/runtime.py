"""The running app: process state, current screen, dialog, scroll, typed text, state variables, faults.

The session drives it (taps, typing, scrolling, lifecycle) and reads the view tree, which is laid out
from a snapshot and rebuilt only when something changed (`version`) or a late element has just
appeared. What differs per platform comes from the flavour's rules, never from a platform name.
"""

from __future__ import annotations

import time
from enum import IntEnum
from typing import Any

from harness.sim.flavours.base import Flavour
from harness.sim.geometry import Geometry
from harness.sim.layout import build_tree
from harness.sim.loader import walk
from harness.sim.model import Action, AppModel, Condition, Faults
from harness.sim.snapshot import Snapshot, holds
from harness.sim.tree import View, ViewTree


class AppState(IntEnum):
    """Values of `mobile: queryAppState`, the same on both drivers."""

    NOT_INSTALLED = 0
    NOT_RUNNING = 1
    BACKGROUND_SUSPENDED = 2
    BACKGROUND = 3
    FOREGROUND = 4


class DeepLinkError(Exception):
    pass


class AppRuntime:
    def __init__(self, model: AppModel, flavour: Flavour, faults: Faults, data: dict[str, Any] | None = None):
        self.model = model
        self.flavour = flavour
        self.geometry: Geometry = flavour.geometry
        self.faults = faults
        self.vars: dict[str, Any] = dict(data) if data is not None else self.fresh_data()
        self.process = AppState.NOT_RUNNING
        self.screen: str | None = None
        self.dialog: str | None = None
        self.scroll = 0.0
        self.inputs: dict[str, str] = {}
        self.focus: str | None = None
        self.keyboard = False
        self.entered_at = time.monotonic()
        self.version = 0
        self.visit = 0
        self.screen_visit = 0
        self.dialog_visit = 0
        self.launcher_visit = 0
        self.crashes = 0
        self._cache: tuple[Any, ViewTree] | None = None
        self.screenshot_cache: tuple[ViewTree, bytes] | None = None
        self._late = self._late_delays()

    # ---- data ---------------------------------------------------------------------------------
    def fresh_data(self) -> dict[str, Any]:
        return {**self.model.state, "session_count": 0}

    @property
    def app_name(self) -> str:
        return self.flavour.app_name(self.model)

    @property
    def app_id(self) -> str:
        return self.flavour.app_id(self.model)

    @property
    def running_in_foreground(self) -> bool:
        return self.process == AppState.FOREGROUND and self.screen is not None

    def changed(self) -> None:
        self.version += 1

    # ---- the tree -----------------------------------------------------------------------------
    def tree(self) -> ViewTree:
        now = time.monotonic()
        key = (self.version, self._late_key(now))
        if self._cache is None or self._cache[0] != key:
            self._cache = (key, build_tree(self.snapshot(now)))
        return self._cache[1]

    def snapshot(self, now: float) -> Snapshot:
        return Snapshot(
            model=self.model,
            geometry=self.geometry,
            app_name=self.app_name,
            foreground=self.running_in_foreground,
            screen=self.screen,
            dialog=self.dialog,
            scroll=self.scroll,
            inputs=dict(self.inputs),
            focus=self.focus,
            keyboard=self.keyboard,
            launcher_visit=self.launcher_visit,
            state=dict(self.vars),
            elapsed=now - self.entered_at,
            late=self._late,
        )

    def _late_delays(self) -> dict[tuple[str, int], float]:
        """(owner, id(element)) -> seconds after the screen opens before the element exists."""
        out: dict[tuple[str, int], float] = {}
        for name, screen in self.model.screens.items():
            for element, _ in walk(screen.elements):
                if element.visible_after_ms is not None:
                    out[(name, id(element))] = element.visible_after_ms / 1000
                for late in self.faults.late_elements:
                    if late.screen == name and late.element == element.id:
                        out[(name, id(element))] = late.after_ms / 1000
        return out

    def _late_key(self, now: float) -> tuple[bool, ...]:
        if not self._late or self.screen is None:
            return ()
        elapsed = now - self.entered_at
        return tuple(elapsed >= d for (owner, _), d in self._late.items() if owner == self.screen)

    # ---- conditions and actions ---------------------------------------------------------------
    def holds(self, cond: Condition, owner: str) -> bool:
        return holds(cond, owner, self.vars, self.inputs)

    def run(self, actions: list[Action], owner: str) -> None:
        for action in actions:
            if self.process != AppState.FOREGROUND:
                return  # crashed or left the app half way
            if action.go is not None:
                self.go(action.go)
            elif action.back:
                self.back()
            elif action.open_dialog is not None:
                self.open_dialog(action.open_dialog)
            elif action.close_dialog:
                self.close_dialog()
            elif action.set is not None:
                self.vars.update(action.set)
                self.changed()
            elif action.clear_inputs:
                self.inputs.clear()
                self.changed()
            elif action.open_url is not None:
                self.deep_link(action.open_url)
            elif action.if_ is not None:
                self.run(
                    (action.then or []) if self.holds(action.if_, owner) else (action.else_ or []), owner
                )

    # ---- navigation ---------------------------------------------------------------------------
    def go(self, screen: str) -> None:
        self.screen, self.dialog = screen, None
        self.visit += 1
        self.screen_visit = self.visit
        self.scroll, self.focus, self.keyboard = 0.0, None, False
        self.entered_at = time.monotonic()
        self.changed()
        self._maybe_crash(screen, None)

    def open_dialog(self, dialog: str) -> None:
        self.dialog = dialog
        self.visit += 1
        self.dialog_visit = self.visit
        self.keyboard = False
        self.changed()
        self._maybe_crash(dialog, None)

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog = None
            self.changed()

    def back(self) -> None:
        """Android system back: dialog, then keyboard, then the screen's `back`, else leave the app."""
        if self.process != AppState.FOREGROUND:
            return
        if self.dialog is not None:
            if self.model.dialogs[self.dialog].cancelable:
                self.close_dialog()
            return
        if self.keyboard:
            self.keyboard = False
            self.changed()
            return
        target = self.model.screens[self.screen or ""].back if self.screen else None
        if target is not None:
            self.go(target)
        else:
            self.to_background()

    def scroll_by(self, dy: float) -> float:
        """Move the body by `dy` (positive reveals what is below); returns how far it really moved."""
        tree = self.tree()
        if tree.content is None:
            return 0.0
        limit = max(0.0, tree.content_height - tree.content.rect.h)
        new = min(limit, max(0.0, self.scroll + dy))
        moved = new - self.scroll
        if moved:
            self.scroll = new
            self.changed()
        return moved

    def can_scroll(self, direction: int) -> bool:
        tree = self.tree()
        if tree.content is None:
            return False
        limit = max(0.0, tree.content_height - tree.content.rect.h)
        return self.scroll < limit - 0.5 if direction > 0 else self.scroll > 0.5

    # ---- taps and typing ----------------------------------------------------------------------
    def tap(self, view: View | None) -> None:
        if view is None or view.tap is None or not view.enabled:
            return
        what = view.tap[0]
        if what == "element":
            _, owner, element = view.tap
            if self._maybe_crash(owner, element.id):
                return
            if element.role in ("input", "secure_input"):
                self.focus, self.keyboard = view.key, True
                self.changed()
            self.run(element.on_tap, owner)
        elif what == "dialog":
            _, dialog_id, index = view.tap
            button = self.model.dialogs[dialog_id].buttons[index]
            if self._maybe_crash(dialog_id, button.id):
                return
            self.close_dialog()
            self.run(button.on_tap, self.screen or "")
        elif what == "back":
            self.back()
        elif what == "launch":
            self.activate()
        elif (
            what == "outside"
            and self.dialog is not None
            and self.flavour.outside_tap_closes_dialog
            and self.model.dialogs[self.dialog].cancelable
        ):
            self.close_dialog()

    def long_press(self, view: View | None) -> None:
        if view is not None and view.long_press is not None and view.enabled:
            _, owner, element = view.long_press
            self.run(element.on_long_press, owner)

    def type_text(self, view: View, text: str, *, replace: bool) -> None:
        old = "" if replace else self.inputs.get(view.key, "")
        self.inputs[view.key] = old + text
        self.changed()

    def clear_text(self, view: View) -> None:
        self.inputs[view.key] = ""
        self.changed()

    def hide_keyboard(self) -> bool:
        shown, self.keyboard = self.keyboard, False
        if shown:
            self.changed()
        return shown

    # ---- lifecycle ----------------------------------------------------------------------------
    def launch(self) -> None:
        """Cold start: the first start rule that holds, then the interstitial if its condition holds."""
        self.process = AppState.FOREGROUND
        self.vars["session_count"] = self.vars.get("session_count", 0) + 1
        rule = next(
            (r for r in self.model.start if r.when is None or self.holds(r.when, "")), self.model.start[-1]
        )
        self.go(rule.screen)
        extra = self.faults.interstitial
        if (
            self.process == AppState.FOREGROUND
            and extra is not None
            and (extra.when is None or self.holds(extra.when, ""))
        ):
            if extra.screen is not None:
                self.go(extra.screen)
            elif extra.dialog is not None:
                self.open_dialog(extra.dialog)

    def activate(self) -> None:
        if self.process == AppState.FOREGROUND:
            return
        if self.process in (AppState.BACKGROUND, AppState.BACKGROUND_SUSPENDED) and self.screen is not None:
            self.process = AppState.FOREGROUND
            self.changed()
            return
        self.launch()

    def to_background(self) -> None:
        if self.process == AppState.FOREGROUND:
            self.process = AppState.BACKGROUND
            self.keyboard = False
            self._show_launcher()

    def terminate(self) -> bool:
        if self.process in (AppState.NOT_RUNNING, AppState.NOT_INSTALLED):
            return False
        self._stop()
        return True

    def clear_data(self) -> None:
        self._stop()
        self.vars = self.fresh_data()
        self.changed()

    def _stop(self) -> None:
        self.process = AppState.NOT_RUNNING
        self.screen = self.dialog = self.focus = None
        self.inputs.clear()
        self.keyboard = False
        self._show_launcher()

    def _show_launcher(self) -> None:
        self.launcher_visit += 1
        self.changed()

    def deep_link(self, url: str) -> None:
        for link in self.model.deep_links:
            if url.startswith(link.url) and (link.when is None or self.holds(link.when, "")):
                if self.process != AppState.FOREGROUND:
                    self.process = AppState.FOREGROUND
                    self.vars["session_count"] = self.vars.get("session_count", 0) + 1
                self.go(link.screen)
                return
        raise DeepLinkError(f"no activity of {self.app_id} handles {url}")

    def _maybe_crash(self, owner: str, element: str | None) -> bool:
        crash = self.faults.crash
        if crash is None or crash.screen != owner or crash.element != element or self.crashes >= crash.times:
            return False
        self.crashes += 1
        self._stop()
        return True
