"""Allure labels and parameters of a scenario's result: header labels, platform, device, driver, and the
facts of the device it ran on.

allure-pytest shows a parameter value as `repr(value)`, so a plain string would read `'sim-android'`;
values go through `Plain`, whose repr is the text itself.
"""

from __future__ import annotations

from typing import Any

import allure

DEVICE = "device"


class Plain:
    """A parameter value shown as written (allure-pytest renders parameters with repr())."""

    __slots__ = ("text",)

    def __init__(self, text: object):
        self.text = str(text)

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__


def parameter(name: str, value: object, *, in_history: bool = True) -> None:
    """A test parameter shown as plain text; `in_history=False` keeps it out of the historyId (device
    facts change with an OS update; the test stays the same test)."""
    allure.dynamic.parameter(name, Plain(value), excluded=None if in_history else True)


def label_scenario(scenario: Any, profile: Any, device: str) -> None:
    """Labels from the scenario header, plus platform, device and driver (the profile's automationName)."""
    header = scenario.file
    allure.dynamic.title(scenario.name)
    if header.description:
        allure.dynamic.description(header.description)
    if header.feature:
        allure.dynamic.feature(header.feature)
    if header.story:
        allure.dynamic.story(header.story)
    if header.epic:
        allure.dynamic.epic(header.epic)
    if header.severity:
        allure.dynamic.severity(allure.severity_level(header.severity))
    # group the report's tree by scenario folder, then device: one branch per platform to compare
    allure.dynamic.parent_suite(str(scenario.directory))
    allure.dynamic.suite(device)
    allure.dynamic.label("platform", profile.platform)
    allure.dynamic.label(DEVICE, device)
    allure.dynamic.label("driver", profile.automation_name)
    if getattr(profile, "browser", None):
        allure.dynamic.label("browser", profile.browser)
    parameter(DEVICE, device)  # per-device variants keep separate histories


def label_invalid(title: str, device: str) -> None:
    """An invalid scenario file: its own result, under its file name and device."""
    allure.dynamic.title(title)
    parameter(DEVICE, device)
    allure.dynamic.label(DEVICE, device)


def show_facts(shown: dict[str, str]) -> None:
    """Device facts (DeviceFacts.shown()) as parameters of the result, outside its history id."""
    for name, value in shown.items():
        parameter(name, value, in_history=False)


def show_session(node: str | None, link: tuple[str, str] | None) -> None:
    """Where a remote session ran: the Selenium Grid node (a parameter outside the history id) and the
    device cloud's page of the session (a link)."""
    if node:
        parameter("grid node", node, in_history=False)
    if link:
        name, url = link
        allure.dynamic.link(url, name=name)
