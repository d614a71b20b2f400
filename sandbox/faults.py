"""Faults a robustness test switches on: Telegram's rate limits, 500s, slow and dropped answers."""

from __future__ import annotations

import random
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sandbox.errors import ApiError

# Methods that post a message, which Telegram's sending limits count.
_EXEMPT_SENDERS = frozenset({"sendchataction"})


def is_sending(method: str) -> bool:
    lower = method.lower()
    return (lower.startswith("send") and lower not in _EXEMPT_SENDERS) or lower in (
        "forwardmessage",
        "copymessage",
    )


@dataclass(frozen=True, slots=True)
class FaultSettings:
    rate_limit: bool = False
    global_per_second: int = 30
    group_per_minute: int = 20
    retry_after: int = 1
    error_500_rate: float = 0.0
    slow_rate: float = 0.0
    slow_seconds: float = 0.0
    drop_rate: float = 0.0
    methods: frozenset[str] | None = None  # lower-case names the random faults apply to
    seed: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.rate_limit, bool):
            raise ValueError("rate_limit must be true or false")
        for name in ("global_per_second", "group_per_minute", "retry_after"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer")
        for name in ("error_500_rate", "slow_rate", "drop_rate"):
            value = getattr(self, name)
            if not _is_number(value) or not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be a probability between 0 and 1")
        if not _is_number(self.slow_seconds) or self.slow_seconds < 0:
            raise ValueError("slow_seconds must be a number of seconds")
        if self.seed is not None and (not isinstance(self.seed, int) or isinstance(self.seed, bool)):
            raise ValueError("seed must be an integer")

    def to_json(self) -> dict:
        body = {name: getattr(self, name) for name in self.__dataclass_fields__}
        body["methods"] = sorted(self.methods) if self.methods is not None else None
        return body


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(slots=True)
class Verdict:
    """What happens to one call: a delay first, then maybe a dropped connection or an error."""

    delay: float = 0.0
    drop: bool = False
    error: ApiError | None = None


@dataclass(slots=True)
class _Window:
    """Timestamps of recent sends, for a sliding-window limit."""

    span: float
    times: deque[float] = field(default_factory=deque)

    def count(self, now: float) -> int:
        while self.times and self.times[0] <= now - self.span:
            self.times.popleft()
        return len(self.times)


class Faults:
    """Decides, per Bot API call, whether to misbehave; off until configured."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.settings = FaultSettings()
        self._random = random.Random()
        self._global = _Window(1.0)
        self._per_group: dict[int, _Window] = {}

    def configure(self, settings: FaultSettings) -> None:
        self.settings = settings
        self._random = random.Random(settings.seed)
        self._global = _Window(1.0)
        self._per_group.clear()

    def reset(self) -> None:
        self.configure(FaultSettings())

    def update(self, **changes: object) -> FaultSettings:
        """New settings from the current ones; rate_limit=None keeps the current choice."""
        if changes.get("rate_limit") is None:
            changes.pop("rate_limit", None)
        methods = changes.get("methods")
        if methods is not None:
            if not isinstance(methods, (list, tuple, set, frozenset)):
                raise ValueError("methods must be a list of method names")
            changes["methods"] = frozenset(str(m).lower() for m in methods)
        settings = replace(FaultSettings(rate_limit=self.settings.rate_limit), **changes)  # type: ignore[arg-type]
        self.configure(settings)
        return settings

    def judge(self, method: str, chat_id: object) -> Verdict:
        verdict = Verdict()
        settings = self.settings
        if settings.methods is None or method.lower() in settings.methods:
            if settings.slow_rate and self._random.random() < settings.slow_rate:
                verdict.delay = settings.slow_seconds
            if settings.drop_rate and self._random.random() < settings.drop_rate:
                verdict.drop = True
                return verdict
            if settings.error_500_rate and self._random.random() < settings.error_500_rate:
                verdict.error = ApiError(500, "Internal Server Error")
                return verdict
        if settings.rate_limit and is_sending(method):
            verdict.error = self._rate_limit(chat_id)
        return verdict

    def _rate_limit(self, chat_id: object) -> ApiError | None:
        """Telegram's limits: so many messages a second overall, and a minute per group."""
        now = self._clock()
        settings = self.settings
        group = None
        if isinstance(chat_id, int) and chat_id < 0:
            group = self._per_group.setdefault(chat_id, _Window(60.0))
        if self._global.count(now) >= settings.global_per_second or (
            group is not None and group.count(now) >= settings.group_per_minute
        ):
            return ApiError(
                429,
                f"Too Many Requests: retry after {settings.retry_after}",
                retry_after=settings.retry_after,
            )
        self._global.times.append(now)
        if group is not None:
            group.times.append(now)
        return None
