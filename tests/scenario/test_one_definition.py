"""One definition per concept: the platform contract, the op set, the driver names, no app named in code."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import get_type_hints

import pytest

from harness.drivers import DRIVER_NAMES, PLATFORMS
from harness.runner.executor import Executor
from harness.translate import android, ios, web
from harness.translate.commands import CONDITION_OPS, OPS, Command
from harness.translate.platform import PlatformForms
from harness.translate.steps import PLATFORM_FORMS
from tests.helpers import ROOT

HARNESS = ROOT / "harness"


def contract_members() -> dict[str, object]:
    methods = {name: member for name, member in vars(PlatformForms).items()
               if callable(member) and not name.startswith("_")}
    attributes = {name: None for name in PlatformForms.__annotations__}
    return {**methods, **attributes}


@pytest.mark.parametrize("forms", [android.FORMS, ios.FORMS, web.FORMS], ids=lambda f: f.name)
def test_each_platform_implements_the_whole_contract_with_its_signatures(forms: PlatformForms) -> None:
    for name, member in contract_members().items():
        assert hasattr(forms, name), f"{type(forms).__name__} lacks {name}"
        if member is None:
            continue
        wanted = inspect.signature(member)
        given = inspect.signature(getattr(type(forms), name))
        assert list(given.parameters) == list(wanted.parameters), name
        assert get_type_hints(getattr(type(forms), name)) == get_type_hints(member), name


def test_the_translator_has_one_forms_object_per_platform() -> None:
    assert set(PLATFORM_FORMS) == set(PLATFORMS)
    assert all(PLATFORM_FORMS[p].name == p for p in PLATFORMS)
    assert {android.FORMS.app_id_arg, ios.FORMS.app_id_arg} == {"appId", "bundleId"}


def test_every_op_a_step_runs_has_an_executor_handler() -> None:
    handlers = {name.removeprefix("_op_") for name in dir(Executor) if name.startswith("_op_")}
    assert handlers >= OPS - CONDITION_OPS, f"no _op_ handler for {sorted(OPS - CONDITION_OPS - handlers)}"
    assert handlers <= OPS, f"handlers for ops no plan holds: {sorted(handlers - OPS)}"


def test_condition_ops_appear_only_in_conditions() -> None:
    import json

    for platform in PLATFORMS:  # the app's golden plans on android / ios, the website's on web
        plan = json.loads((ROOT / "tests/data/golden" / f"all_steps.{platform}.json").read_text())
        ops = {(c["op"], bool(c.get("condition"))) for c in plan}
        assert {op for op, condition in ops if not condition} & CONDITION_OPS == set()
        assert {op for op, condition in ops if condition} == CONDITION_OPS


def test_a_command_with_an_unknown_op_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown plan op 'tap'"):
        Command("tap")  # type: ignore[arg-type]


def test_documented_ops_are_the_op_set() -> None:
    text = (ROOT / "docs" / "plan-format.md").read_text()
    assert set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M)) == OPS


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


# Driver names spelt outside the table today, in files another change owns (the simulated device's
# flavours): they may only go away.
DRIVER_NAME_ALLOWED = {"harness/sim/caps.py": 1, "harness/sim/session.py": 1}


def test_driver_names_are_spelt_in_one_table() -> None:
    names = re.compile("|".join(f'"{name}"' for name in sorted(DRIVER_NAMES)))
    found = {}
    for path in python_files(HARNESS):
        shown = str(path.relative_to(ROOT))
        if shown == "harness/drivers.py":
            continue
        count = sum(1 for line in path.read_text().splitlines() if names.search(line))
        if count:
            found[shown] = count
    extra = {f: n for f, n in found.items() if n > DRIVER_NAME_ALLOWED.get(f, 0)}
    assert not extra, f"driver names spelt outside harness/drivers.py: {extra}"


# Mentions of Netflix under harness/ outside the Netflix app model and the Netflix stand-in site (its
# pages are data, like the app model): only the data that names the simulated device's default app model.
NETFLIX_ALLOWED = {"harness/sim/default_app.yaml": 1}
NETFLIX_DATA = ("harness/sim/apps/netflix.yaml", "harness/sim/sites/netflix/")


def test_no_code_under_harness_names_netflix() -> None:
    found = {}
    for path in sorted(HARNESS.rglob("*")):
        shown = str(path.relative_to(ROOT))
        if not path.is_file() or "__pycache__" in path.parts or shown.startswith(NETFLIX_DATA):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # fonts and other binaries
        count = sum(1 for line in text.splitlines() if "netflix" in line.lower())
        if count:
            found[shown] = count
    extra = {f: n for f, n in found.items() if n > NETFLIX_ALLOWED.get(f, 0)}
    assert not extra, f"Netflix named under harness/: {extra}"
