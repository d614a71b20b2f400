"""The demo bot's Bot API token is new at every start and shaped as BotFather's (id, colon, 35 characters)."""

import re

from bot.sandbox_mode import demo_bot_token


def test_the_demo_bot_token_is_random_per_run_and_shaped_as_a_real_one():
    tokens = {demo_bot_token() for _ in range(20)}
    assert len(tokens) == 20
    assert all(re.fullmatch(r"700000001:[A-Za-z0-9_-]{35}", token) for token in tokens)
    assert "700000001:SANDBOX-samvad-demo-token" not in tokens
