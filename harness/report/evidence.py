"""Evidence per step: the screenshot and page source of the step that failed, or a screenshot after every
step, attached inside that step; and the list of steps a scenario ran, for reports other than Allure.

`EvidenceReporter` wraps the runner's reporter (the `Reporter` protocol of harness.runner.reporting):
every step the runner opens passes through it. `--screenshots` chooses what it captures:
- `on-failure` (default): when a step fails (an optional one too: the scenario goes on, the evidence of
  what went wrong stays), the screenshot and page source are taken while that step is still open, so
  Allure shows them on the failing step, not at the end of the test;
- `each-step`: also a screenshot after every step that sent commands to the device;
- `never`: nothing from the device's screen, neither screenshot nor page source (the failure's text, the
  last commands and the server log are still attached; `screenshot:` steps still take theirs).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

SCREENSHOT_MODES = ("on-failure", "each-step", "never")
FAILURE_SCREENSHOT = "screenshot on failure"
PAGE_SOURCE = "page source"
STEP_SCREENSHOT = "screenshot"


class Device(Protocol):
    """What evidence needs of the runner's executor."""

    log: Any  # ExecutionLog: .counts of commands sent

    def screenshot(self) -> bytes | None: ...

    def page_source(self) -> str | None: ...


@dataclass
class StepRecord:
    """One step as the scenario ran it: nesting depth, title, outcome, and `file:line:col` in the YAML."""

    depth: int
    title: str
    status: str = "passed"  # passed | failed | broken
    source: str | None = None

    def text(self) -> str:
        """`passed: Tap menu.account (scenarios/a.yaml:7:5)`"""
        return f"{self.status}: {self.title}" + (f" ({self.source})" if self.source else "")


@dataclass
class _Frame:
    commands_before: int
    children: bool = False
    attached_png: bool = False


@dataclass
class EvidenceReporter:
    inner: Any  # the Reporter that writes (Allure)
    mode: str = "on-failure"
    no_capture: tuple[type[BaseException], ...] = ()  # failures after which the device cannot answer
    steps: list[StepRecord] = field(default_factory=list)
    images: list[tuple[str, bytes]] = field(default_factory=list)  # captured here, for other reports
    captured: bool = False  # the scenario's failure carries its screenshot and source on its step
    _device: Device | None = None
    _stack: list[_Frame] = field(default_factory=list)
    _just_captured: bool = False  # a failure was captured and is still propagating up the steps

    def __post_init__(self) -> None:
        if self.mode not in SCREENSHOT_MODES:
            raise ValueError(f"screenshots must be one of {', '.join(SCREENSHOT_MODES)}, not {self.mode!r}")

    @property
    def failure_captured(self) -> bool:
        """The runner attaches no screenshot or page source at the end: the failing step has them, or
        none are wanted (`never`: nothing is taken from the device's screen)."""
        return self.captured or self.mode == "never"

    def watch(self, device: Device) -> None:
        """The runner hands over its executor once the session is up."""
        self._device = device

    # ---------------------------------------------------------------------------- Reporter protocol
    @contextlib.contextmanager
    def step(self, title: str, params: dict[str, str]) -> Iterator[None]:
        record = StepRecord(len(self._stack), title, source=params.get("source"))
        self.steps.append(record)
        if self._stack:
            self._stack[-1].children = True
        frame = _Frame(self._commands())
        self._just_captured = False
        with self.inner.step(title, params):
            self._stack.append(frame)
            try:
                yield
            except BaseException as exc:
                record.status = "failed" if isinstance(exc, AssertionError) else "broken"
                if self._should_capture(exc, frame):
                    self._capture_failure()
                if not self._stack[:-1] and self._just_captured:
                    self.captured = True
                raise
            else:
                if self._wants_step_screenshot(frame):
                    png = self._device.screenshot() if self._device else None
                    if png:
                        self._attach_image(STEP_SCREENSHOT, png, f"after: {title}")
            finally:
                self._stack.pop()

    def attach_png(self, name: str, png: bytes) -> None:
        if self._stack:
            self._stack[-1].attached_png = True
        self.inner.attach_png(name, png)

    def attach_text(self, name: str, text: str, kind: str = "text") -> None:
        self.inner.attach_text(name, text, kind)

    def attach_video(self, name: str, mp4: bytes) -> None:
        self.inner.attach_video(name, mp4)

    # ---------------------------------------------------------------------------------------- rules
    def _commands(self) -> int:
        log = getattr(self._device, "log", None)
        return sum(log.counts.values()) if log is not None else 0

    def _should_capture(self, exc: BaseException, frame: _Frame) -> bool:
        return (
            self.mode != "never"
            and self._device is not None
            and not self._just_captured  # an inner step already took it
            and isinstance(exc, Exception)
            and not isinstance(exc, self.no_capture)
        )

    def _capture_failure(self) -> None:
        assert self._device is not None
        png = self._device.screenshot()
        if png:
            self._attach_image(FAILURE_SCREENSHOT, png, f"{FAILURE_SCREENSHOT}: {self.steps[-1].title}")
        source = self._device.page_source()
        if source:
            self.inner.attach_text(PAGE_SOURCE, source, "xml")
        self._just_captured = True

    def _attach_image(self, name: str, png: bytes, caption: str) -> None:
        self.inner.attach_png(name, png)
        self.images.append((caption, png))

    def _wants_step_screenshot(self, frame: _Frame) -> bool:
        return (
            self.mode == "each-step"
            and self._device is not None
            and not frame.children
            and not frame.attached_png  # a `screenshot:` step attached its own
            and self._commands() > frame.commands_before
        )

    def numbered(self) -> list[tuple[str, StepRecord]]:
        """Each step with its number in the tree: 1, 2, 2.1, 2.2, 3..."""
        out: list[tuple[str, StepRecord]] = []
        counters: list[int] = []
        for record in self.steps:
            del counters[record.depth + 1:]
            while len(counters) <= record.depth:
                counters.append(0)
            counters[record.depth] += 1
            out.append((".".join(map(str, counters)), record))
        return out
