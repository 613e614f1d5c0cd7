"""The ops of a page in a browser (web scenarios): navigate, delete cookies, page scripts, the page's alerts.

A mixin of the Executor: every driver call goes through its `call`, so errors map the one way."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from selenium.common.exceptions import WebDriverException

from harness.runner.errors import StepError
from harness.translate.commands import ELEMENT_ORIGIN, Command

W3C_ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference


class WebOps:
    driver: Any
    element: Any
    call: Callable[[str, str, Callable[[], Any]], Any]

    def _op_navigate(self, command: Command, timeout: float) -> None:
        url = command.fields["url"]
        self.call("navigate", "***" if command.secret else url, lambda: self.driver.get(url))

    def _op_delete_cookies(self, command: Command, timeout: float) -> None:
        self.call("delete_cookies", "", self.driver.delete_all_cookies)

    def _op_run_script(self, command: Command, timeout: float) -> Any:
        script = command.fields["script"]
        args = [self.element] if command.fields.get("element") else []
        return self.call("run_script", script, lambda: self.driver.execute_script(script, *args))

    def _op_alert(self, command: Command, timeout: float) -> None:
        accept = command.fields["action"] == "accept"
        alert = self.call("get_alert_text", "", lambda: self.driver.switch_to.alert)
        self.call(f"{command.fields['action']}_alert", "", alert.accept if accept else alert.dismiss)

    def close_page_alert(self) -> None:
        """Dismiss a page's alert left open (by the last scenario); none open costs one round trip."""
        try:
            alert = self.call("get_alert_text", "", lambda: self.driver.switch_to.alert)
        except (StepError, WebDriverException):
            return
        self.call("dismiss_alert", "", alert.dismiss)

    def element_actions(self, command: Command) -> list[dict[str, Any]]:
        """The command's W3C actions, a move from the element's centre pointing at the found element."""
        actions = command.fields["actions"]
        if not command.fields.get("on_element"):
            return list(actions)
        if self.element is None:
            raise StepError("no element was found for the touch action to start on")
        actions = copy.deepcopy(actions)
        for source in actions:
            for action in source.get("actions", []):
                if action.get("origin") == ELEMENT_ORIGIN:
                    action["origin"] = {W3C_ELEMENT: self.element.id}
        return list(actions)
