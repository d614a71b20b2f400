"""A small real content filter for the tier tests: the packaged filter with chosen labels' upper thresholds
out of reach, so that every finding of those labels is a doubtful one (Tier.REVIEW), as a thresholds file
with such an upper threshold would make it. It also keeps what it was asked, to show what the bot told it.

Passed to the bot through `running_bot(content_filter=...)`, the way the application takes its filter;
nothing of the bot or of python-telegram-bot is replaced.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import replace

from nlp import ContentFilter, MessageContext, Verdict


class TieredFilter:
    """The packaged filter, with `doubtful` labels always at Tier.REVIEW."""

    def __init__(self, inner: ContentFilter, doubtful: Iterable[str] = ()) -> None:
        self.inner = inner
        self.doubtful = frozenset(doubtful)
        self._lock = threading.Lock()
        self._asked: list[tuple[str, MessageContext | None]] = []

    def check(self, text: str, context: MessageContext | None = None) -> Verdict:
        return self.check_many([text], [context])[0]

    def check_many(self, texts: Iterable[str], contexts: Iterable[MessageContext | None] | None = None, *,
                   batch_size: int = 256) -> list[Verdict]:
        texts = list(texts)
        contexts = list(contexts) if contexts is not None else [None] * len(texts)
        with self._lock:
            self._asked += zip(texts, contexts)
        return [self._tiered(v) for v in self.inner.check_many(texts, contexts, batch_size=batch_size)]

    def set_official_numbers(self, numbers: Iterable[str]) -> None:
        self.inner.set_official_numbers(numbers)

    def contexts_for(self, text: str) -> list[MessageContext | None]:
        """The contexts the bot gave with this text, in the order asked."""
        with self._lock:
            return [context for asked, context in self._asked if asked == text]

    def _tiered(self, verdict: Verdict) -> Verdict:
        review = set(verdict.review) | (self.doubtful & set(verdict.labels))
        return replace(verdict, review=tuple(sorted(review)))
