"""`samvad sandbox`: the offline Bot API server, a seeded demo world, and the bot running against it."""

from __future__ import annotations

import asyncio
import io
import logging
import secrets
import string
from pathlib import Path

from pydantic import SecretStr

from bot.demo.world import DemoWorld, demo_roster_path, demo_roster_rows, seed_demo_world, verify_and_bind
from bot.logs import add_secret
from bot.roster_commands import import_roster
from bot.runner import SIGNALLED_STOP_GRACE, running_bot
from bot.sandbox_console import BotMemberAnnotations
from runtime.settings import Settings
from bot.stopping import mark_running
from bot.startup_guards import database_lock, delete_database, ensure_port_free
from bot.tour import play_tour
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer

log = logging.getLogger(__name__)

SANDBOX_BOT_ID = 700000001
SANDBOX_DB = Path("samvad-sandbox.db")
SANDBOX_PORT_HINT = (
    "start this sandbox on another port: `samvad sandbox --port N` or SAMVAD_SANDBOX_PORT=N (0 picks a free one)"
)


_TOKEN_ALPHABET = string.ascii_letters + string.digits + "_-"


def demo_bot_token() -> str:
    """The demo bot's token: a new secret every run (shaped as BotFather's), so nobody can drive it with a known one."""
    return f"{SANDBOX_BOT_ID}:" + "".join(secrets.choice(_TOKEN_ALPHABET) for _ in range(35))


# With --tour, the tour waits this long for someone to open the console before it plays anyway.
TOUR_WAITS_FOR_CONSOLE = 60.0


async def run_sandbox(settings: Settings, *, stop: asyncio.Event, fresh_db: bool = True, tour: bool = False) -> None:
    """Start the sandbox server, seed the demo, run the bot against it until stop is set."""
    # The port first, before any file is touched: a second sandbox must not harm the first one.
    ensure_port_free(settings.sandbox_host, settings.sandbox_port, how_to_change=SANDBOX_PORT_HINT)
    with database_lock(SANDBOX_DB):
        await _run_sandbox(settings, stop=stop, fresh_db=fresh_db, tour=tour)


async def _run_sandbox(settings: Settings, *, stop: asyncio.Event, fresh_db: bool, tour: bool) -> None:
    db_path = SANDBOX_DB
    if fresh_db:
        delete_database(db_path)
    annotations = BotMemberAnnotations()
    world: DemoWorld | None = None
    bot_token = demo_bot_token()
    add_secret(bot_token)
    given = settings.sandbox_control_token

    async def play() -> None:
        assert world is not None
        await play_tour(server.base_url, world, say=print, control_token=server.control_token)

    server = SandboxServer(
        token=bot_token, host=settings.sandbox_host, port=settings.sandbox_port,
        member_annotations=annotations, tour=play, control_token=given.get_secret_value() if given else None,
    )  # fmt: skip
    if server.control_token:
        add_secret(server.control_token)  # printed once below, on the terminal; never in a log
    async with server:
        print(console_banner(server.console_url, tour=tour, guarded=server.control_token is not None), flush=True)
        bot_settings = settings.model_copy(
            update={
                "bot_token": SecretStr(bot_token),
                "api_base_url": server.base_url,
                "use_test_environment": False,
                "db_path": db_path,
                "poll_timeout": 10,
                "webhook_url": None,  # the sandbox is polled, whatever the environment says
            }
        )
        async with SandboxClient(server.base_url, control_token=server.control_token) as client:
            world = await seed_demo_world(client)
            label_demo_people(server, world)
            if fresh_db:
                await import_demo_roster(bot_settings)
            async with running_bot(bot_settings, stop=stop, stop_grace=SIGNALLED_STOP_GRACE) as bot:
                annotations.db = bot.services.db
                if fresh_db:
                    await verify_and_bind(client, world)
                print(describe(server.base_url, world, db_path, guarded=server.control_token is not None), flush=True)
                log.info("Samvad is running as @%s on the sandbox", bot.application.bot.username)
                touring = asyncio.create_task(_tour_once_watched(server)) if tour else None
                mark_running(stop)
                try:
                    await stop.wait()
                finally:
                    if touring is not None:
                        touring.cancel()
                annotations.db = None


async def import_demo_roster(settings: Settings) -> None:
    """Import bot/demo/roster.csv into the bot's database, as `samvad roster import` would."""
    out = io.StringIO()
    data = demo_roster_path().read_bytes()
    status = await import_roster(settings, data, name="bot/demo/roster.csv", out=out)
    if status != 0:
        raise RuntimeError(f"the demo roster did not import:\n{out.getvalue()}")


def label_demo_people(server: SandboxServer, world: DemoWorld) -> None:
    """Show each demo person's post beside their name in the console."""
    districts = {
        post: group.binding.removeprefix("district ")
        for group in world.groups
        if group.binding.startswith("district ")
        for post in group.post_ids
    }
    scopes = coordinator_scopes()
    for person in world.people:
        district = districts.get(person.post_id or "", "")
        if district and "," not in person.designation:  # "Mamlatdar, Bhuj" names its place already
            label = f"{person.designation}, {district}"
        else:
            label = person.designation
        if scopes.get(person.post_id or ""):
            label += f" · disaster coordinator ({scopes[person.post_id]})"
        server.console.label(person.user_id, label)
    server.console.label(world.newcomer.user_id, "newcomer, no post")


async def _tour_once_watched(server: SandboxServer) -> None:
    """`--tour`: play the tour once someone opens the console (or after a while, for the terminal)."""
    try:
        await asyncio.wait_for(server.console.opened.wait(), TOUR_WAITS_FOR_CONSOLE)
        await asyncio.sleep(1.0)  # let the page read the world before the first caption
    except TimeoutError:
        pass
    server.console.play_tour()


def coordinator_scopes() -> dict[str, str]:
    """The demo roster's coordinator posts and their scopes (post id -> "state" or a district)."""
    return {row["post_id"]: row.get("coordinator") or "" for row in demo_roster_rows()}


def console_banner(console_url: str, *, tour: bool, guarded: bool = False) -> str:
    """The console's address, printed as soon as the sandbox listens (the demo fills in as you watch)."""
    when = "The tour starts when you open it." if tour else "Press Play the tour there for a short scenario."
    banner = f"\nOpen the console in your browser: {console_url}\n  {when}\n"
    if guarded:
        banner += (
            "  The sandbox listens beyond this machine, so its console and control API ask for the token in this\n"
            "  address (or the X-Sandbox-Token header). It is for trying Samvad out, with fictional people only.\n"
        )
    return banner


def describe(base_url: str, world: DemoWorld, db_path: Path, *, guarded: bool = False) -> str:
    """What a person needs to reach the sandbox, printed once the demo is ready."""
    lines = [
        "",
        "Console: the address printed above, with its token" if guarded else f"Console: {base_url}/console",
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
    scopes = coordinator_scopes()
    coordinators = [f"{person.name} ({person.designation}: {scopes[person.post_id]})"
                    for person in world.people if scopes.get(person.post_id or "")]
    if coordinators:
        lines += ["", "Disaster coordinators (no group admins; in their private chat: /export masked, /log, /pending,",
                  "/search, /sitrep [NAME] html, for the groups of their scope): " + "; ".join(coordinators) + "."]
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
