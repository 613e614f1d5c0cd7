"""Each step kind is defined once: its title comes from its model and agrees with its plan; its selector
fields are read from its annotations; every kind has a translation."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from harness.errors import InvalidInputError
from harness.scenario import steps as s
from harness.scenario.loader import load_scenario
from harness.scenario.selectors import Selector, SelectorSpec, selector_fields
from harness.translate.context import default_context
from harness.translate.steps import COMPOSITE, TRANSLATORS, title, translate


def step(kind: type[s.Step], **fields: object) -> s.Step:
    return kind.model_validate(fields)


@pytest.mark.parametrize(
    ("platform", "selector", "expected"),
    [
        # down/up on Android: one UiScrollable find, whatever the key
        ("android", {"id": "x"}, "Scroll to id='x' (-android uiautomator)"),
        ("android", {"accessibility_id": "Help"}, "Scroll to accessibility_id='Help' (-android uiautomator)"),
        # an xpath target has no UiSelector form: the swipe loop with the xpath locator
        ("android", {"xpath": "//a"}, "Scroll to xpath='//a' (xpath)"),
        ("ios", {"id": "x"}, "Scroll to id='x' (id)"),
    ],
)
def test_the_title_names_the_strategy_the_plan_sends(platform: str, selector: dict, expected: str) -> None:
    scroll = step(s.ScrollTo, element=selector)
    ctx = default_context(platform, "shop")  # type: ignore[arg-type]
    commands = translate(scroll, ctx)
    assert commands[0].fields["locators"][0]["using"] in expected
    assert title(scroll, ctx) == expected


def test_titles_come_from_the_model() -> None:
    assert step(s.Tap, x=1, y=2).title() == "Tap at (1, 2)"
    assert step(s.Swipe, direction="up").title() == "Swipe up"
    assert step(s.PressKey, keycode=66).title() == "Press key keycode 66"
    assert step(s.LaunchApp, clear_state=True).title() == "Launch app (clear state)"
    assert step(s.Repeat, times=3, steps=["back"]).title() == "Repeat 3 times"
    assert step(s.TypeText, text="secret").title() == "Type text"  # the typed text is never in a title
    assert step(s.Back, label="Go back home").title() == "Go back home"
    for kind, cls in s.REGISTRY.items():
        assert cls.verb() == kind.replace("_", " ").capitalize()


def test_every_kind_has_a_translation_or_is_composite() -> None:
    for cls in s.REGISTRY.values():
        assert cls in TRANSLATORS or issubclass(cls, COMPOSITE), f"{cls.kind} has no translation"


def test_selector_fields_are_read_from_annotations() -> None:
    assert selector_fields(s.TypeText) == ("into",)
    assert selector_fields(s.Tap) == ("element",)
    assert selector_fields(s.Back) == ()
    assert selector_fields(s.Condition) == ("visible", "not_visible")
    assert s.condition_fields(s.Repeat) == (("when", "when"), ("while_", "while"))


def test_a_new_kind_gets_its_selectors_checked_without_touching_the_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Highlight(s.Step):
        """Highlight an element (a kind made up for this test)."""

        kind: ClassVar[str] = "highlight"
        around: Selector | None = None
        others: list[SelectorSpec] = []

    monkeypatch.setitem(s.REGISTRY, "highlight", Highlight)
    (tmp_path / "screens").mkdir()
    (tmp_path / "screens" / "m.yaml").write_text("screens:\n  login:\n    email: {id: email}\n")
    path = tmp_path / "t.yaml"
    path.write_text(
        "name: t\nscreens: screens/m.yaml\nsteps:\n"
        "  - highlight: {around: login.emial, others: [{android_uiautomator: x}]}\n"
    )
    with pytest.raises(InvalidInputError) as caught:
        load_scenario(path)
    assert [(p.line, p.column, p.message) for p in caught.value.problems] == [
        (4, 25, f'unknown screen element login.emial in {tmp_path}/screens/m.yaml (did you mean "email"?)'),
        (4, 47, "android_uiautomator in this selector has no ios form: add an `ios:` block"),
    ]
