"""W3C WebDriver errors with the HTTP status and `error` code the Appium drivers use.

Appium-Python-Client picks the selenium exception class from `error`, so these names decide what a
test sees: InvalidArgumentException, InvalidSelectorException, NoSuchElementException, ...
"""

from __future__ import annotations

STATUS = {
    "invalid argument": 400,
    "invalid selector": 400,
    "invalid element state": 400,
    "element not interactable": 400,
    "no such context": 400,
    "invalid session id": 404,
    "no such element": 404,
    "no such alert": 404,
    "stale element reference": 404,
    "unknown command": 404,
    "unknown method": 405,
    "session not created": 500,
    "unknown error": 500,
    "unsupported operation": 500,
    "timeout": 500,
}


class WebDriverError(Exception):
    def __init__(self, error: str, message: str, status: int | None = None):
        super().__init__(message)
        self.error = error
        self.message = message
        self._status = status  # the HTTP status, when not the one the error code implies

    @property
    def status(self) -> int:
        return self._status if self._status is not None else STATUS.get(self.error, 500)

    def payload(self) -> dict[str, object]:
        return {"value": {"error": self.error, "message": self.message, "stacktrace": ""}}


def invalid_argument(message: str) -> WebDriverError:
    return WebDriverError("invalid argument", message)


def invalid_selector(message: str) -> WebDriverError:
    return WebDriverError("invalid selector", message)


def no_such_element(using: str, value: str, detail: str | None = None) -> WebDriverError:
    return WebDriverError(
        "no such element",
        f"An element could not be located on the page using the given search parameters ({using}: {value!r})"
        + (f" ({detail})" if detail else ""),
    )


def stale(element_id: str) -> WebDriverError:
    return WebDriverError(
        "stale element reference",
        f"The element '{element_id}' does not exist in DOM anymore (the screen changed since it was found)",
    )
