"""Samvad's content filter: labels chat messages confidential, personal_data,
hostile or instruction, with evidence spans in the original text.

Importing this package is cheap: spaCy is imported when a filter is loaded.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nlp.verdict import LABELS, Evidence, MessageContext, Tier, Verdict

if TYPE_CHECKING:
    from nlp.filter import ContentFilter

__all__ = ["LABELS", "ContentFilter", "Evidence", "MessageContext", "Tier", "Verdict"]


def __getattr__(name: str) -> Any:
    if name == "ContentFilter":
        from nlp.filter import ContentFilter

        return ContentFilter
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
