"""The device is the parameter id of a scenario item, so pytest's own selection options work on scenarios."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import results, run_harness, run_pytest

OPENS = "scenarios/opens.yaml::Opens the app"
TAPS = "scenarios/taps.yaml::Taps what is not there"


def test_harness_run_then_last_failed_runs_exactly_the_failing_scenario(project: Path) -> None:
    first = run_harness("run", "scenarios", "--device", "sim-android", "--device", "sim-ios", cwd=project)
    assert first.code == 1, first.output
    assert first.failed_items() == [f"{TAPS}[sim-android]", f"{TAPS}[sim-ios]"]

    again = run_harness("run", "scenarios", "--device", "sim-android", "--device", "sim-ios", "--", "--lf",
                    cwd=project)
    assert again.code == 1, again.output
    assert "run-last-failure: rerun previous 2 failures" in again.output
    assert again.failed_items() == [f"{TAPS}[sim-android]", f"{TAPS}[sim-ios]"]
    assert again.passed_items() == []
    assert not (project / ".pytest_cache").is_dir() or (project / ".pytest_cache" / ".gitignore").is_file()


def test_plain_pytest_last_failed_failed_first_and_stepwise(project: Path) -> None:
    args = ("scenarios", "--device", "sim-android", "-v", "-o", f"cache_dir={project / 'cache'}")
    assert run_pytest(args, None, cwd=project).code == 1
    last_failed = run_pytest([*args, "--lf"], None, cwd=project)
    assert last_failed.failed_items() == [f"{TAPS}[sim-android]"] and last_failed.passed_items() == []

    failed_first = run_pytest([*args, "--ff"], None, cwd=project)
    order = [line.split("]")[0] + "]" for line in failed_first.output.splitlines()
             if line.startswith("scenarios/")]
    assert order == [f"{TAPS}[sim-android]", f"{OPENS}[sim-android]"], failed_first.output

    # stops at the failure, restarts from it next time
    stepwise = run_pytest([*args, "--sw"], None, cwd=project)
    assert stepwise.failed_items() == [f"{TAPS}[sim-android]"]
    resumed = run_pytest([*args, "--sw"], None, cwd=project)
    assert resumed.failed_items() == [f"{TAPS}[sim-android]"] and resumed.passed_items() == []
    assert "1 failed, 1 deselected" in resumed.output


def test_keyword_and_deselect_address_one_device(project: Path) -> None:
    devices = ("--device", "sim-android", "--device", "sim-ios", "--collect-only", "-q", "-p",
               "no:cacheprovider")
    by_keyword = run_pytest(["scenarios", *devices, "-k", "sim-ios and Opens"], None, cwd=project)
    assert [line for line in by_keyword.output.splitlines() if "::" in line] == [f"{OPENS}[sim-ios]"]

    deselected = run_pytest(["scenarios", *devices, "--deselect", f"{OPENS}[sim-ios]"], None, cwd=project)
    assert f"{OPENS}[sim-ios]" not in deselected.output
    assert f"{OPENS}[sim-android]" in deselected.output

    one = run_pytest([f"{TAPS}[sim-ios]", *devices], None, cwd=project)
    assert [line for line in one.output.splitlines() if "::" in line] == [f"{TAPS}[sim-ios]"]


def test_brackets_and_double_colons_in_a_name_do_not_break_the_id(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").write_text("name: 'Log in [fast] :: twice'\napp: netflix\nsteps:\n"
                                       "  - tap: {id: nowhere}\n    timeout: 0.1\n")
    args = ("odd.yaml", "--device", "sim-android", "-v", "-o", f"cache_dir={tmp_path / 'cache'}")
    assert run_pytest(args, None, cwd=tmp_path).code == 1
    again = run_pytest([*args, "--lf"], None, cwd=tmp_path)
    assert again.failed_items() == ["odd.yaml::Log in (fast) :  twice[sim-android]"], again.output
    assert "run-last-failure: rerun previous 1 failure" in again.output


def test_scenarios_collected_together_with_one_name_are_each_broken_naming_the_others(tmp_path: Path) -> None:
    """Three files named alike would be one row of the summary (hiding a pass) and one test id: each is
    a broken item whose message names the other files' name lines, as lint does for files linted together."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for stem, step in (("a", "launch_app"), ("b", "back"), ("c", "launch_app")):
        (folder / f"{stem}.yaml").write_text(f"# {stem}\nname: Opens the app\napp: netflix\nsteps:\n"
                                             f"  - {step}\n")
    (folder / "other.yaml").write_text("name: Something else\napp: netflix\nsteps:\n  - launch_app\n")
    done = run_harness("run", "scenarios", "--device", "sim-android", "--alluredir", "results", cwd=tmp_path)
    assert done.code == 1, done.output
    found = {r["name"]: r for r in results(tmp_path / "results")}
    assert sorted(found) == ["Something else", "a", "b", "c"]  # one row each: broken items show their file
    assert found["Something else"]["status"] == "passed"
    for stem in "abc":
        others = ", ".join(f"scenarios/{o}.yaml:2" for o in "abc" if o != stem)
        assert found[stem]["status"] == "broken"
        assert found[stem]["statusDetails"]["message"].endswith(
            f'scenarios/{stem}.yaml:2:7: scenario name "Opens the app" is also the name of {others}: names '
            "must be unique"), found[stem]["statusDetails"]["message"]
    summary = done.stdout[done.stdout.index("= scenarios ="):]
    assert summary.count("BROKEN") == 3 and summary.count("PASS") == 1
    assert "Opens the app (scenarios/b.yaml)  BROKEN" in summary  # a row per file, none hides another
