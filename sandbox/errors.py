"""Errors as types: what the Bot API answers, and what the control API refuses."""

from __future__ import annotations


class ApiError(Exception):
    """A Bot API error, answered as {"ok": false, "error_code", "description"}."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> dict:
        body: dict = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(problem: str) -> ApiError:
    """400 with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {problem}")


def forbidden(problem: str) -> ApiError:
    """403 with Telegram's "Forbidden: " prefix."""
    return ApiError(403, f"Forbidden: {problem}")


class ControlError(Exception):
    """The world refuses something a test asked a user to do (HTTP 4xx on /sandbox)."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def not_found(what: str) -> ControlError:
    return ControlError(404, what)


def refused(why: str) -> ControlError:
    """403: Telegram would not let this user do that."""
    return ControlError(403, why)


def invalid(why: str) -> ControlError:
    """400: the request itself makes no sense."""
    return ControlError(400, why)


def conflict(why: str) -> ControlError:
    """409: the world is not in a state that allows it (already a member, ...)."""
    return ControlError(409, why)
