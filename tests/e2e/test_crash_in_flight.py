"""A message the bot was posting when it was killed is posted once, not again after the restart.

Telegram posts a message even if the bot dies before the answer arrives, and the Bot API has no way to
send idempotently. The bot marks a post in flight before sending it; after a crash it looks for the
message (a no-change edit answers "not modified" only for its own) before posting again.
"""

from __future__ import annotations

import asyncio
import signal

from tests.conftest import eventually
from tests.e2e.test_stopping import _log_says, _start


async def test_a_reply_in_flight_at_a_kill_is_posted_once_after_the_restart(client, sandbox, tmp_path):
    officer = await client.create_user("Meena", last_name="Desai")
    chat = await client.create_group("District Bharuch", creator_id=officer["id"])
    await client.add_bot(chat["id"], added_by=officer["id"])
    first = await _start(sandbox.base_url, tmp_path)
    second = None
    try:
        await eventually(lambda: _log_says(tmp_path, "Samvad is running as"), timeout=90, interval=0.1)
        await client.wait_until_idle(timeout=30, quiet=1.0)  # what the bot says on joining is out of the way
        # The sandbox holds every sendMessage 3 s, then posts it: the bot is killed while it waits.
        await client.set_faults(slow_rate=1.0, slow_seconds=3.0, methods=["sendMessage"])
        before = (await client.stats())["calls"].get("sendMessage", 0)
        asked = await client.send_message(chat["id"], officer["id"], "/help")

        async def sending() -> bool:
            return (await client.stats())["calls"].get("sendMessage", 0) > before

        await eventually(sending, timeout=30, interval=0.05)
        first.send_signal(signal.SIGKILL)
        await first.wait()

        async def replies() -> list[dict]:
            return [m for m in await client.bot_messages(chat["id"])
                    if m.get("reply_to_message", {}).get("message_id") == asked["message_id"]]

        await eventually(replies, timeout=10)  # Telegram (the sandbox) posted it after all
        await client.reset_faults()
        second = await _start(sandbox.base_url, tmp_path)
        await eventually(lambda: _log_says(tmp_path, "was posted before a crash or a timeout"), timeout=90)
        later = await client.ask(chat["id"], officer["id"], "/help", timeout=30)  # the bot is working again

        assert len(await replies()) == 1, "the reply was posted twice"
        assert later["text"]
    finally:
        for process in (first, second):
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()
        await asyncio.sleep(0)
