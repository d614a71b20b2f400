"""Shared fixtures: one loaded content filter per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from nlp import ContentFilter
from nlp.pipeline import PACKAGED_MODEL

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def content_filter() -> ContentFilter:
    """The filter as the bot loads it: the packaged trained pipeline."""
    if not (PACKAGED_MODEL / "config.cfg").is_file():
        pytest.fail("no packaged model: run `python -m nlp nlp train`")
    return ContentFilter.load()


@pytest.fixture(scope="session")
def rules_filter() -> ContentFilter:
    """The rule components alone, for tests of what the rules find."""
    return ContentFilter.rules_only()
