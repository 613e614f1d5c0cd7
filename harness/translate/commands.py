"""The command plan: pure data describing the Appium calls of one step (see docs/plan-format.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from harness.scenario.variables import MASK

# Every op a plan may hold; the runner's executor has one `_op_<name>` handler per op (a test holds
# them together) and docs/plan-format.md one row per op.
Op = Literal[
    "find_element", "find_active_element", "find_elements", "wait_absent", "scroll_until_visible",
    "click", "clear", "send_keys", "is_displayed", "get_text",
    "execute", "perform_actions", "back", "get_screenshot", "set_context",
    "navigate", "delete_cookies", "run_script", "alert",  # in a browser (web scenarios)
]
OPS: frozenset[str] = frozenset(get_args(Op))
# ops only found in `when:` / `while:` checks: the runner evaluates them (no waiting), never runs them
CONDITION_OPS: frozenset[str] = frozenset({"find_elements"})


@dataclass(frozen=True)
class Command:
    op: Op
    fields: dict[str, Any] = field(default_factory=dict)
    secret: bool = False  # `text` holds a secret: shown as *** in plans and reports

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown plan op {self.op!r}: add it to Op and to the runner's executor")

    def to_json(self, *, mask: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op}
        for key, value in self.fields.items():
            if key == "text" and self.secret and mask:
                value = MASK
            elif isinstance(value, list) and value and isinstance(value[0], Command):
                value = [c.to_json(mask=mask) for c in value]
            out[key] = value
        return out

    def describe(self) -> str:
        """One human line: `find_element  -android uiautomator  new UiSelector().text("Account")`."""
        f = self.fields
        if self.op in ("find_element", "find_elements", "wait_absent", "scroll_until_visible"):
            locs = " | ".join(_locator_text(loc) for loc in f["locators"])
            extra = f"  (max {f['max_swipes']} swipes)" if self.op == "scroll_until_visible" else ""
            if f.get("combined"):
                extra += f"  (polled as one query: {_locator_text(f['combined'])})"
            return f"{self.op:<21} {locs}{extra}"
        if self.op == "execute":
            args = dict(f["args"])
            if f.get("element_arg"):
                args[f["element_arg"]] = "<element>"
            return f"{self.op:<21} {f['script']} {json.dumps(args, ensure_ascii=False)}"
        if self.op == "send_keys":
            text = MASK if self.secret else f["text"]
            return f"{self.op:<21} {json.dumps(text, ensure_ascii=False)}"
        if self.op == "perform_actions":
            return f"{self.op:<21} {_actions_text(f['actions'])}"
        if self.op == "run_script":
            on = "  (arguments[0]: the element)" if f.get("element") else ""
            return f"{self.op:<21} {f['script']}{on}"
        rest = " ".join(f"{k}={json.dumps(v, ensure_ascii=False)}" for k, v in f.items() if k != "target")
        return f"{self.op:<21} {rest}".rstrip()


def _locator_text(loc: dict[str, Any]) -> str:
    index = f" [{loc['index']}]" if loc.get("index") is not None else ""
    return f"{loc['using']}: {loc['value']}{index}"


def _actions_text(actions: list[dict[str, Any]]) -> str:
    parts = []
    for source in actions:
        for action in source.get("actions", []):
            kind = action["type"]
            if kind == "pointerMove" and action.get("origin") == ELEMENT_ORIGIN:
                parts.append(f"move(element,{action.get('duration', 0)}ms)")
            elif kind == "pointerMove":
                parts.append(f"move({action['x']},{action['y']},{action.get('duration', 0)}ms)")
            elif kind == "pause":
                parts.append(f"pause({action['duration']}ms)")
            elif kind in ("keyDown", "keyUp"):
                parts.append(f"{kind[3:].lower()}({KEY_NAMES.get(action['value'], action['value'])})")
            else:
                parts.append(kind.replace("pointer", "").lower())
    kinds = {source.get("type") for source in actions}
    return ("W3C keys: " if kinds == {"key"} else "W3C touch: ") + " ".join(parts)


def execute(script: str, args: dict[str, object], element_arg: str | None = None) -> Command:
    """`mobile: ...` through `POST /execute/sync`; `element_arg` names the argument that gets the element."""
    return Command("execute", {"script": script, "args": args, "element_arg": element_arg})


# W3C key values (WebDriver's "normalised key values" code points) of the keys a page can be sent
KEYS = {"enter": "\ue007", "tab": "\ue004", "delete": "\ue003"}  # delete: Android's DEL, a backspace
KEY_NAMES = {"\ue007": "Enter", "\ue004": "Tab", "\ue003": "Backspace"}
# the origin of a pointer move that starts on the element the step found (the runner puts it in)
ELEMENT_ORIGIN = "element"


def key_press(value: str) -> Command:
    """A W3C key action: press and release one key in the focused element."""
    source = {"type": "key", "id": "keyboard", "actions": [{"type": "keyDown", "value": value},
                                                         {"type": "keyUp", "value": value}]}
    return Command("perform_actions", {"actions": [source]})


def element_press(hold_ms: int) -> Command:
    """W3C touch actions: press the centre of the found element, hold `hold_ms`, release."""
    actions = [{"type": "pointerMove", "duration": 0, "origin": ELEMENT_ORIGIN, "x": 0, "y": 0},
               {"type": "pointerDown", "button": 0}, {"type": "pause", "duration": hold_ms},
               {"type": "pointerUp", "button": 0}]
    source = {"type": "pointer", "id": "finger1", "parameters": {"pointerType": "touch"}, "actions": actions}
    return Command("perform_actions", {"actions": [source], "on_element": True})


def pointer_actions(points: list[tuple[int, int]], hold_ms: int = 0, move_ms: int = 0) -> Command:
    """W3C pointer actions: press at points[0], optionally hold, move through the rest, release."""
    first, *rest = points
    actions: list[dict[str, Any]] = [
        {"type": "pointerMove", "duration": 0, "origin": "viewport", "x": first[0], "y": first[1]},
        {"type": "pointerDown", "button": 0},
    ]
    if hold_ms:
        actions.append({"type": "pause", "duration": hold_ms})
    for x, y in rest:
        actions.append({"type": "pointerMove", "duration": move_ms, "origin": "viewport", "x": x, "y": y})
    actions.append({"type": "pointerUp", "button": 0})
    source = {"type": "pointer", "id": "finger1", "parameters": {"pointerType": "touch"}, "actions": actions}
    return Command("perform_actions", {"actions": [source]})
