"""`samvad run` runs on uvloop when SAMVAD_UVLOOP allows it, and on asyncio's own loop when it does not."""

from __future__ import annotations

import asyncio

import pytest
import uvloop

from bot.runner import choose_event_loop
from runtime.settings import Settings


@pytest.fixture
def restored_policy():
    yield
    asyncio.set_event_loop_policy(None)


def _loop_class_asyncio_run_would_use() -> type:
    loop = asyncio.new_event_loop()
    try:
        return type(loop)
    finally:
        loop.close()


def test_uvloop_is_the_default_event_loop(restored_policy, tmp_path):
    settings = Settings(_env_file=None, db_path=tmp_path / "samvad.db")
    assert choose_event_loop(settings) == "uvloop"
    assert _loop_class_asyncio_run_would_use() is uvloop.Loop


def test_uvloop_false_keeps_asyncios_own_loop(restored_policy, tmp_path):
    settings = Settings(_env_file=None, db_path=tmp_path / "samvad.db", uvloop=False)
    assert choose_event_loop(settings) == "asyncio"
    assert _loop_class_asyncio_run_would_use() is not uvloop.Loop
