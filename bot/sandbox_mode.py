"""`samvad sandbox`: the offline Bot API server, a seeded demo world, and the bot running against it."""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path

from pydantic import SecretStr

from bot.demo.world import DemoWorld, demo_roster_path, seed_demo_world, verify_and_bind
from bot.roster_commands import import_roster
from bot.runner import running_bot
from bot.settings import Settings
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer

log = logging.getLogger(__name__)

SANDBOX_TOKEN = "700000001:SANDBOX-samvad-demo-token"
SANDBOX_DB = Path("samvad-sandbox.db")


async def run_sandbox(settings: Settings, *, stop: asyncio.Event, fresh_db: bool = True) -> None:
    """Start the sandbox server, seed the demo, run the bot against it until stop is set."""
    db_path = SANDBOX_DB
    if fresh_db:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    async with SandboxServer(token=SANDBOX_TOKEN, host=settings.sandbox_host, port=settings.sandbox_port) as server:
        bot_settings = settings.model_copy(
            update={
                "bot_token": SecretStr(SANDBOX_TOKEN),
                "api_base_url": server.base_url,
                "use_test_environment": False,
                "db_path": db_path,
                "poll_timeout": 10,
            }
        )
        async with SandboxClient(server.base_url) as client:
            world = await seed_demo_world(client)
            if fresh_db:
                await import_demo_roster(bot_settings)
            async with running_bot(bot_settings) as bot:
                if fresh_db:
                    await verify_and_bind(client, world)
                print(describe(server.base_url, world, db_path), flush=True)
                log.info("Samvad is running as @%s", bot.application.bot.username)
                await stop.wait()
        log.info("Samvad stopped")


async def import_demo_roster(settings: Settings) -> None:
    """Import bot/demo/roster.csv into the bot's database, as `samvad roster import` would."""
    out = io.StringIO()
    data = demo_roster_path().read_bytes()
    status = await import_roster(settings, data, name="bot/demo/roster.csv", out=out)
    if status != 0:
        raise RuntimeError(f"the demo roster did not import:\n{out.getvalue()}")


def describe(base_url: str, world: DemoWorld, db_path: Path) -> str:
    """What a person needs to reach the sandbox, printed at start."""
    lines = [
        "",
        "Samvad is running on the offline sandbox (no Telegram token set).",
        f"  Sandbox Bot API and control API: {base_url}   (see sandbox/README.md)",
        f"  Bot database: {db_path.resolve()} (recreated at every start)",
        "",
        "Groups:",
    ]
    lines += [f"  {group.chat_id:>16}  {group.title}  [{group.binding}]" for group in world.groups]
    lines += ["", "People (user id, name, post):"]
    lines += [f"  {person.user_id:>16}  {person.name}  {person.designation}" for person in world.people]
    lines += [f"  {world.newcomer.user_id:>16}  {world.newcomer.name}  {world.newcomer.designation}"]
    lines += [
        "",
        "The demo roster (bot/demo/roster.csv) is imported, each group is bound by its admin post, and every",
        f"officer has verified. {world.newcomer.name} holds no post: add him to a group, or have him ask to join,",
        "to watch the gating (he is restricted and asked to verify, or his request is held).",
        "",
        "Press Ctrl-C to stop.",
        "",
    ]
    return "\n".join(lines)
