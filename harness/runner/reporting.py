"""Where the runner reports steps and artifacts: Allure when allure-pytest is active, else nowhere."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any, Protocol


class Reporter(Protocol):
    # True when the failure's screenshot and page source are already attached (to the failing step) or
    # are not wanted: then the runner attaches none at the end of the scenario (see `watch`)
    failure_captured: bool

    def step(self, title: str, params: dict[str, str]) -> contextlib.AbstractContextManager[None]: ...

    def attach_png(self, name: str, png: bytes) -> None: ...

    def attach_text(self, name: str, text: str, kind: str = "text") -> None: ...

    def attach_video(self, name: str, mp4: bytes) -> None: ...

    def watch(self, device: Any) -> None:
        """Called with the executor once the session is up, for reporters that capture evidence per
        step themselves (harness.report.evidence)."""


class NullReporter:
    failure_captured = False

    @contextlib.contextmanager
    def step(self, title: str, params: dict[str, str]) -> Iterator[None]:
        yield

    def attach_png(self, name: str, png: bytes) -> None:
        pass

    def attach_text(self, name: str, text: str, kind: str = "text") -> None:
        pass

    def attach_video(self, name: str, mp4: bytes) -> None:
        pass

    def watch(self, device: Any) -> None:
        pass


class AllureReporter:
    """Allure steps with parameters, and attachments, through allure-pytest's hooks."""

    failure_captured = False

    def __init__(self) -> None:
        import allure
        from allure_commons._allure import StepContext  # `allure.step` with parameters

        self._allure = allure
        self._step_context = StepContext

    def step(self, title: str, params: dict[str, str]) -> contextlib.AbstractContextManager[None]:
        return self._step_context(title, params)

    def attach_png(self, name: str, png: bytes) -> None:
        self._allure.attach(png, name=name, attachment_type=self._allure.attachment_type.PNG)

    def attach_video(self, name: str, mp4: bytes) -> None:
        self._allure.attach(mp4, name=name, attachment_type=self._allure.attachment_type.MP4)

    def attach_text(self, name: str, text: str, kind: str = "text") -> None:
        types = self._allure.attachment_type
        attachment_type = {"xml": types.XML, "yaml": types.YAML, "json": types.JSON}.get(kind, types.TEXT)
        self._allure.attach(text, name=name, attachment_type=attachment_type)

    def watch(self, device: Any) -> None:
        pass
