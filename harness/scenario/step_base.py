"""What every step kind is built on: the options every step takes (`optional`, `timeout`, `when`,
`label`), its `when:` / `while:` conditions, its report title, and the registry the kinds enter (the
kinds themselves are in steps.py)."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from harness.drivers import Platform
from harness.scenario.selectors import Selector, describe, holds_model, selector_fields

COMMON_OPTIONS = ("optional", "timeout", "when", "label")


class Condition(BaseModel):
    """A `when:` / `while:` condition; all given parts must hold."""

    model_config = ConfigDict(extra="forbid")

    visible: Selector | None = Field(None, description="True when this element is on screen now.")
    not_visible: Selector | None = Field(None, description="True when this element is not on screen now.")
    platform: Platform | None = Field(None, description="True on this platform only.")

    @model_validator(mode="after")
    def _not_empty(self) -> Condition:
        if self.visible is None and self.not_visible is None and self.platform is None:
            raise ValueError("a condition needs visible, not_visible or platform")
        return self


class Step(BaseModel):
    """Options every step takes."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    kind: ClassVar[str] = ""
    primary: ClassVar[str | None] = None  # the argument a shorthand value fills
    primary_is_selector: ClassVar[bool] = False
    # what the kind does in a browser (a web scenario): the README's step table and docs/plan-format.md
    in_browser: ClassVar[str] = "the same, with web locators"
    subject_field: ClassVar[str | None] = None  # the argument a title names (default: the element)
    one_of: ClassVar[tuple[tuple[str, ...], str]] = ((), "")  # arguments of which exactly one is given; why

    optional: bool = Field(False, description="A failure is reported as a warning and the scenario goes on.")
    timeout: float | None = Field(None, gt=0, le=3600, description="Seconds to wait for this step.")
    when: Condition | None = Field(None, description="Run the step only when this holds.")
    label: str | None = Field(None, description="Title of the step in reports.")

    # set by the loader: where the step is, for errors at run time
    source: str = Field("", exclude=True, repr=False)
    _secret: bool = PrivateAttr(False)  # set by the translator: a string field was built from a secret
    _refs: bool | None = PrivateAttr(None)  # cache of "does a field hold ${...}" (see translate/steps.py)

    @model_validator(mode="after")
    def _exactly_one(self) -> Step:
        names, message = self.one_of
        if names and sum(getattr(self, name) is not None for name in names) != 1:
            raise ValueError(message)
        return self

    def title(self) -> str:
        """Report title: the label, else what the step does and on what. The translator adds the
        strategy its plan uses (`Tap 'Account' (accessibility id)`)."""
        if self.label:
            return self.label
        return f"{self.verb()} {self.subject()}".strip()

    @classmethod
    def verb(cls) -> str:
        return cls.kind.replace("_", " ").capitalize()

    def subject(self) -> str:
        """What the step acts on, in words: its subject_field, else its element."""
        if self.subject_field:
            return str(getattr(self, self.subject_field) or "")
        target = self.target()
        return describe(target) if target is not None else ""

    def target(self) -> Selector | None:
        """The element the step acts on: the first of its selector fields that is set."""
        for name in selector_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, list):
                value = value[0] if value else None
            if value is not None:
                return value
        return None


REGISTRY: dict[str, type[Step]] = {}


def step_kind(cls: type[Step]) -> type[Step]:
    REGISTRY[cls.kind] = cls
    return cls


@cache
def condition_fields(cls: type[BaseModel]) -> tuple[tuple[str, str], ...]:
    """(attribute, YAML key) of the fields of a step that hold a condition (`when`, `while`)."""
    return tuple((name, f.alias or name) for name, f in cls.model_fields.items()
                 if holds_model(f.annotation, Condition))
