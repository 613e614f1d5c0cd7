"""Scenario tags become pytest markers (`-m smoke`) and Allure tags: a tag must be a marker name that
selects what it says, and never one of pytest's own marks, which would change how the test runs
(`xfail` turns a failure into a pass, `skip` skips, `flaky` reruns)."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

from harness.drivers import PLATFORMS

# marks with a meaning of their own in pytest and the plugins a harness user has: never a plain tag
PYTEST_MARKS = frozenset((
    "skip", "skipif", "xfail", "parametrize", "usefixtures", "filterwarnings", "tryfirst", "trylast",
    "flaky", "timeout", "asyncio", "anyio", "order", "dependency", "xdist_group", "forked", "repeat",
    "no_cover", "django_db", "allure_label", "allure_link", "allure_display_name", "allure_description",
    "allure_description_html",
))
# marks the harness gives every scenario item itself (the platform of its device)
HARNESS_MARKS = frozenset(PLATFORMS)
MARKER_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def marker_for(tag: str) -> str:
    """The marker name nearest to a tag: letters, digits and underscores, not starting with a digit."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", tag)
    return f"_{name}" if name[:1].isdigit() else name


def check_tag(tag: str) -> str:
    if tag in PYTEST_MARKS:
        raise ValueError(f'tag "{tag}" is a pytest mark with a meaning of its own (it would change how '
                         f'the scenario runs): choose another name, e.g. "{tag}_scenario"')
    if tag in HARNESS_MARKS:
        raise ValueError(f'tag "{tag}" is the mark the harness gives scenarios run on {tag} devices: '
                         "remove it (`-m " + tag + "` selects them already)")
    if not MARKER_NAME.match(tag):
        raise ValueError(f'tag "{tag}" is not a pytest marker name (`-m {tag}` would select nothing): '
                         f'write "{marker_for(tag)}"')
    return tag


Tag = Annotated[str, AfterValidator(check_tag)]
