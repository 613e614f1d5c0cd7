"""`harness inspect` on the command line: the tree it prints, and the usage errors it refuses."""

from __future__ import annotations

import pytest

from harness.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["inspect", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_tree_of_a_fresh_session(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--device", "sim-kestrel-android")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "sim-kestrel-android (android, app org.example.kestrelpost), 1080x2400: 4 elements"
    assert lines[2] == '  TextView "Your privacy"  at 44,66 992x154'
    assert lines[3].split() == ["ok", "{id:", "txtConsentTitle}", "unique"]
    assert '  Button "Accept all"  at 44,675 992x132  [clickable]' in lines


@pytest.mark.parametrize("args, message", [
    (["--device", "sim-kestrel-android", "--until", "3"], "--until and --at-failure need a SCENARIO"),
    (["--device", "sim-kestrel-android", "--check"], "--check needs a SCREEN_MAP"),
    (["--device", "sim-kestrel-android", "--serve", "--host", "example.org"], "not a loopback address"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err


def test_until_and_at_failure_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["inspect", "x.yaml", "--device", "sim-kestrel-android", "--until", "3", "--at-failure"])
    assert exit_info.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_yaml_fragment_needs_one_device_per_platform(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--device", "sim-kestrel-android", "--device", "sim-android", "--yaml")
    assert code == 1
    assert "one screen per platform" in err
