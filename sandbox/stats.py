"""Counts of Bot API calls per method and of errors per code."""

from __future__ import annotations

from collections import Counter


class Stats:
    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.errors: Counter[int] = Counter()
        self.errors_by_method: Counter[str] = Counter()
        self.dropped: Counter[str] = Counter()

    def called(self, method: str) -> None:
        self.calls[method] += 1

    def failed(self, method: str, code: int) -> None:
        self.errors[code] += 1
        self.errors_by_method[f"{method} {code}"] += 1

    def dropped_connection(self, method: str) -> None:
        self.dropped[method] += 1

    def to_json(self) -> dict:
        return {
            "calls": dict(self.calls),
            "total_calls": sum(self.calls.values()),
            "errors": {str(code): n for code, n in self.errors.items()},
            "errors_by_method": dict(self.errors_by_method),
            "dropped": dict(self.dropped),
        }
