"""The runner's engine in-process, with a fake executor: optional, when, repeat, retry, run_flow, on_complete
order, the error classes and their precedence, the scenario's time limit. No device, no subprocess."""

from __future__ import annotations

import contextlib
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.runner import cancel
from harness.runner.engine import OptionalStepWarning, RunSettings, ScenarioRunner
from harness.runner.errors import (
    ElementNotFound,
    InfrastructureError,
    Interrupted,
    ScenarioTimeout,
    SessionLost,
    StepError,
    StepFailure,
    UnexpectedError,
    UntranslatableStep,
)
from harness.scenario.loader import load_scenario
from harness.scenario.variables import Value
from harness.translate.commands import Command
from harness.translate.context import TranslateContext


class FakeExecutor:
    """Answers plan commands from a script: ids that are missing, refused, raise, or show up later."""

    def __init__(self, *, missing: set[str] = frozenset(), refused: set[str] = frozenset(),
                 crash: dict[str, BaseException] | None = None, visible: set[str] = frozenset(),
                 fail_times: dict[str, int] | None = None):
        self.missing, self.refused, self.visible = set(missing), set(refused), set(visible)
        self.crash = crash or {}
        self.fail_times = dict(fail_times or {})
        self.sent: list[str] = []
        self.on_screenshot: Any = None

    def run(self, command: Command, timeout: float) -> None:
        if command.op == "find_element":
            target = command.fields["locators"][0]["value"]
            self.sent.append(f"find {target}")
            if target in self.crash:
                raise self.crash[target]
            if target in self.refused:
                raise StepError(f"the driver refused find_element: invalid selector {target}")
            if self.fail_times.get(target, 0) > 0:
                self.fail_times[target] -= 1
                raise ElementNotFound(f"no element matched {target} within {timeout:g}s")
            if target in self.missing:
                raise ElementNotFound(f"no element matched {target} within {timeout:g}s")
        elif command.op == "send_keys":
            self.sent.append(f"type {command.fields['text']}")
        elif command.op == "execute":
            self.sent.append(f"execute {command.fields['script']}")
        else:
            self.sent.append(command.op)

    def visible_now(self, locators: list[dict[str, Any]]) -> bool:
        target = locators[0]["value"]
        self.sent.append(f"check {target}")
        return target in self.visible

    def wait_app_foreground(self, args: dict[str, Any], timeout: float) -> None:
        self.sent.append(f"wait foreground {args}")

    def return_to_native(self) -> None:
        self.sent.append("native")


class RecordingReporter:
    def __init__(self) -> None:
        self.events: list[str] = []
        self.attachments: list[tuple[str, str]] = []
        self.depth = 0

    @contextlib.contextmanager
    def step(self, title: str, params: dict[str, str]) -> Iterator[None]:
        self.events.append("  " * self.depth + title)
        self.depth += 1
        try:
            yield
        except BaseException as exc:
            self.events.append("  " * self.depth + f"! {type(exc).__name__}")
            raise
        finally:
            self.depth -= 1

    def attach_png(self, name: str, png: bytes) -> None:
        self.attachments.append((name, ""))

    def attach_text(self, name: str, text: str, kind: str = "text") -> None:
        self.attachments.append((name, text))


def scenario(tmp_path: Path, body: str, name: str = "s.yaml") -> Any:
    path = tmp_path / name
    path.write_text("name: Engine test\n" + body)
    return load_scenario(path)


def run(tmp_path: Path, body: str, executor: FakeExecutor, *, timeout: float = 60,
        variables: dict[str, Value] | None = None) -> tuple[RecordingReporter, list[StepFailure]]:
    reporter = RecordingReporter()
    captured: list[StepFailure] = []
    ctx = TranslateContext(platform="android", app_ids={"app": "com.example"}, variables=variables or {},
                           strict_variables=True)
    runner = ScenarioRunner(executor, ctx, RunSettings(step_timeout=1, scenario_timeout=timeout), reporter,
                            on_failure=captured.append)
    runner.run(scenario(tmp_path, body))
    return reporter, captured


def test_optional_steps_go_on_after_any_step_failure(tmp_path: Path) -> None:
    executor = FakeExecutor(missing={"gone"}, refused={"bad"})
    body = ("steps:\n  - tap: {id: gone}\n    optional: true\n  - tap: {id: bad}\n    optional: true\n"
            "  - tap: {id: next}\n")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _, captured = run(tmp_path, body, executor)
    assert executor.sent == ["find gone", "find bad", "find next", "click"]
    messages = [str(w.message) for w in caught if issubclass(w.category, OptionalStepWarning)]
    source = tmp_path / "s.yaml"
    assert messages == [
        f"{source}:3:5: optional step failed: no element matched gone within 1s",
        f"{source}:5:5: optional step failed: the driver refused find_element: invalid selector bad",
    ]
    assert [type(f) for f in captured] == [ElementNotFound, StepError]  # artifacts for each, optional too


def test_a_refused_step_is_a_located_step_failure_with_artifacts(tmp_path: Path) -> None:
    executor = FakeExecutor(refused={"bad"})
    with pytest.raises(StepError) as info:
        run(tmp_path, "steps:\n  - tap: {id: ok}\n  - tap: {id: bad}\n", executor)
    assert isinstance(info.value, StepFailure) and isinstance(info.value, AssertionError)
    assert info.value.source.endswith("s.yaml:4:5")
    assert str(info.value).endswith(f"\n  at step {info.value.source}")


def test_when_skips_or_runs(tmp_path: Path) -> None:
    executor = FakeExecutor(visible={"banner"})
    body = ("steps:\n  - tap: {id: close}\n    when: {visible: {id: banner}}\n"
            "  - tap: {id: other}\n    when: {visible: {id: popup}}\n"
            "  - tap: {id: ios_only}\n    when: {platform: ios}\n")
    reporter, _ = run(tmp_path, body, executor)
    assert executor.sent == ["check banner", "find close", "click", "check popup"]
    assert any(e.endswith("(skipped: condition not met)") for e in reporter.events)


def test_repeat_times_and_while_with_max(tmp_path: Path) -> None:
    executor = FakeExecutor()
    run(tmp_path, "steps:\n  - repeat:\n      times: 3\n      steps: [{tap: {id: more}}]\n", executor)
    assert executor.sent.count("find more") == 3

    executor = FakeExecutor(visible={"spinner"})
    with pytest.raises(StepFailure, match="the while condition still held after 4 rounds") as info:
        run(tmp_path, "steps:\n  - repeat:\n      while: {visible: {id: spinner}}\n      max: 4\n"
                      "      steps: [{tap: {id: wait}}]\n", executor)
    assert executor.sent.count("find wait") == 4 and info.value.source.endswith(":3:5")

    executor = FakeExecutor()
    run(tmp_path, "steps:\n  - repeat:\n      while: {visible: {id: spinner}}\n"
                  "      steps: [{tap: {id: wait}}]\n", executor)
    assert executor.sent == ["check spinner"]


def test_a_long_repeat_reports_its_first_rounds_one_by_one(tmp_path: Path) -> None:
    executor = FakeExecutor()
    reporter, _ = run(tmp_path, "steps:\n  - repeat:\n      times: 100\n      steps: [back]\n", executor)
    assert executor.sent.count("back") == 100
    rounds = [e.strip() for e in reporter.events if e.strip().startswith("Round")]
    assert rounds[:2] == ["Round 1 of 100", "Round 2 of 100"]
    assert rounds[-1] == "Rounds 21 to 100 (not shown one by one)" and len(rounds) == 21


def test_retry_runs_again_until_it_passes_or_gives_the_last_failure(tmp_path: Path) -> None:
    executor = FakeExecutor(fail_times={"flaky": 2})
    run(tmp_path, "steps:\n  - retry:\n      max: 3\n      steps: [{tap: {id: flaky}}]\n", executor)
    assert executor.sent == ["find flaky"] * 3 + ["click"]

    executor = FakeExecutor(missing={"never"})
    with pytest.raises(ElementNotFound, match="no element matched never"):
        run(tmp_path, "steps:\n  - retry:\n      max: 2\n      steps: [{tap: {id: never}}]\n", executor)
    assert executor.sent == ["find never"] * 2


def test_run_flow_with_params(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "greet.yaml").write_text(
        "params:\n  WHO: nobody\n  GREETING: Hello\nsteps:\n  - type_text: {text: '${GREETING} ${WHO}', "
        "into: {id: box}}\n")
    executor = FakeExecutor()
    run(tmp_path, "steps:\n  - run_flow: {file: flows/greet.yaml, params: {WHO: '${NAME}'}}\n"
                  "env:\n  NAME: Ada\n", executor, variables={"NAME": Value("Ada")})
    assert executor.sent == ["find box", "type Hello Ada"]


def test_on_complete_runs_after_the_steps_and_after_a_failure(tmp_path: Path) -> None:
    executor = FakeExecutor()
    reporter, _ = run(tmp_path, "steps:\n  - tap: {id: a}\non_complete:\n  - tap: {id: z}\n", executor)
    assert executor.sent == ["find a", "click", "find z", "click"]
    assert "Teardown (on_complete)" in reporter.events

    executor = FakeExecutor(missing={"a"})
    with pytest.raises(ElementNotFound):
        run(tmp_path, "steps:\n  - tap: {id: a}\n  - tap: {id: b}\non_complete:\n  - tap: {id: z}\n",
            executor)
    assert executor.sent == ["find a", "find z", "click"]


def test_the_first_error_decides_and_a_teardown_failure_is_reported_too(tmp_path: Path) -> None:
    executor = FakeExecutor(missing={"a"}, refused={"z"})
    with pytest.raises(ElementNotFound) as info:
        run(tmp_path, "steps:\n  - tap: {id: a}\non_complete:\n  - tap: {id: z}\n", executor)
    message = str(info.value)
    assert message.startswith("no element matched a within 1s\n  at step ")
    assert "on_complete failed as well: the driver refused find_element: invalid selector z" in message
    assert info.value.source.endswith("s.yaml:3:5")

    executor = FakeExecutor(refused={"z"})
    with pytest.raises(StepError, match="invalid selector z") as only:
        run(tmp_path, "steps:\n  - tap: {id: a}\non_complete:\n  - tap: {id: z}\n", executor)
    assert only.value.source.endswith("s.yaml:5:5")


def test_infrastructure_errors_are_never_optional_and_skip_the_teardown(tmp_path: Path) -> None:
    executor = FakeExecutor(crash={"a": SessionLost("the Appium session was lost")})
    with pytest.raises(SessionLost):
        run(tmp_path, "steps:\n  - tap: {id: a}\n    optional: true\non_complete:\n  - tap: {id: z}\n",
            executor)
    assert executor.sent == ["find a"]
    assert issubclass(SessionLost, InfrastructureError) and not issubclass(SessionLost, AssertionError)


def test_an_unexpected_error_is_broken_short_and_its_trace_has_no_locals(tmp_path: Path) -> None:
    secret_local = "Local-Secret-Value"  # noqa: F841 - a frame local that must not reach the trace
    executor = FakeExecutor(crash={"a": RuntimeError("driver said: boom\nsecond line")})
    with pytest.raises(UnexpectedError) as info:
        run(tmp_path, "steps:\n  - tap: {id: a}\n    optional: true\n", executor)
    assert str(info.value) == f"unexpected RuntimeError at step {tmp_path / 's.yaml'}:3:5: driver said: boom"
    assert "Traceback (most recent call last)" in info.value.trace
    assert "RuntimeError: driver said: boom" in info.value.trace
    assert "Local-Secret-Value" not in info.value.trace


def test_a_translation_error_is_a_step_failure_at_its_step(tmp_path: Path) -> None:
    executor = FakeExecutor()
    with pytest.raises(UntranslatableStep) as info:
        run(tmp_path, "steps:\n  - back\n  - launch_app: {app: other}\n", executor)
    assert info.value.source.endswith("s.yaml:4:5")
    assert str(info.value).startswith('app "other" is not in the device profile (apps: app)\n  at step ')
    # ... and honours optional like any step failure
    with pytest.warns(OptionalStepWarning, match='optional step failed: app "other" is not in the device'):
        run(tmp_path, "steps:\n  - launch_app: {app: other}\n    optional: true\n  - back\n", executor)
    assert executor.sent[-1] == "back"


def test_an_interrupt_becomes_broken_at_its_step_and_skips_the_teardown(tmp_path: Path) -> None:
    executor = FakeExecutor(crash={"b": KeyboardInterrupt("SIGTERM")})
    with pytest.raises(Interrupted) as info:
        run(tmp_path, "steps:\n  - tap: {id: a}\n  - tap: {id: b}\n    optional: true\n"
                      "on_complete:\n  - tap: {id: z}\n", executor)
    assert str(info.value) == f"interrupted (SIGTERM) at step {tmp_path / 's.yaml'}:4:5"
    assert "find z" not in executor.sent


def test_a_stop_asked_before_a_step_interrupts_there(tmp_path: Path) -> None:
    cancel.request("SIGINT")
    try:
        with pytest.raises(Interrupted, match=r"interrupted \(SIGINT\) at step .*s\.yaml:3:5"):
            run(tmp_path, "steps:\n  - tap: {id: a}\n", FakeExecutor())
    finally:
        cancel.clear()


def test_a_runaway_scenario_fails_at_the_step_where_it_stood(tmp_path: Path) -> None:
    body = ("steps:\n  - repeat:\n      times: 1000\n      steps:\n"
            "        - repeat:\n            times: 1000\n"
            "            steps:\n              - retry:\n                  steps:\n"
            "                    - repeat:\n                        times: 1000\n"
            "                        steps:\n                          - back:\n"
            "                            optional: true\n")
    started = time.monotonic()
    with pytest.raises(ScenarioTimeout) as info:
        run(tmp_path, body, FakeExecutor(), timeout=0.3)
    assert time.monotonic() - started < 3
    assert str(info.value).startswith("the scenario ran past its time limit of 0.3s\n  at step ")
    # the innermost step: neither its optional nor the retry around it hid the time limit
    assert info.value.source.endswith("s.yaml:14:29")


def test_the_header_timeout_wins_over_the_default(tmp_path: Path) -> None:
    body = "timeout: 0.2\nsteps:\n  - repeat:\n      times: 1000\n      steps:\n        - repeat:\n" \
           "            times: 1000\n            steps: [back]\n"
    with pytest.raises(ScenarioTimeout, match=r"time limit of 0\.2s"):
        run(tmp_path, body, FakeExecutor(), timeout=600)


def test_launch_app_starts_clean_and_waits_for_the_foreground(tmp_path: Path) -> None:
    executor = FakeExecutor()
    run(tmp_path, "steps:\n  - launch_app\n", executor)
    assert executor.sent == ["native", "execute mobile: terminateApp", "execute mobile: activateApp",
                             "wait foreground {'appId': 'com.example'}"]
