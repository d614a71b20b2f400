"""Every command and button against every role, in groups and in private: allowed, refused, redirected or ignored.

What each person sees decides the outcome: a refusal starts with ⛔, a pointer to the
right kind of chat with ↪️, anything else the bot answers is the command at work, and
no answer at all means the bot ignored it. "-" marks what Telegram itself prevents (a
stranger cannot post in a group they are not in; a bot cannot write to a bot).

Coordinators (issue 18): the Relief Commissioner coordinates for the state, the Resident Additional
Collector of Kutch for Kutch, the District Disaster Management Officer of Valsad for Valsad. In the
table they are tried in their own groups and private chats; which groups they may read, with and
without an open incident, is tried group by group in test_a_coordinator_reads_its_scope_and_nothing_else.

Buttons: the Acknowledge button sits in the group, so every role in it is tried here. The
review buttons ("Not a violation", "Confirm") and the export menu live in one admin's private
chat, where nobody else can press them; what happens when the account is no longer an admin
post is tested in test_moderation_review.py (a member, and a Collector transferred out) and
test_records_exports.py (an unmasked export asked by someone who is not a state admin).

One demo world serves the whole table: the roster imported, each group bound by its admin
post, the officers verified; Dinesh (no post) sits unverified in the Kutch group beside a
weather bot.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import pytest
import pytest_asyncio
from pydantic import SecretStr

from bot.application import features
from bot.commands import all_commands
from bot.demo.world import DemoWorld, seed_demo_world, verify_and_bind
from bot.runner import running_bot
from bot.sandbox_mode import import_demo_roster
from runtime.settings import Settings
from sandbox.client import SandboxClient, SandboxError
from sandbox.server import SandboxServer
from tests.conftest import TEST_BACKEND, buttons, eventually
from tests.database_target import every_row, target_of
from storage import outbox

IN_MODULE_LOOP = pytest.mark.asyncio(loop_scope="module")

TOKEN = "700000001:MATRIX-token"
ALLOWED, REFUSED, ELSEWHERE, IGNORED, IMPOSSIBLE = "allowed", "refused", "elsewhere", "ignored", "-"
COORDINATORS = ("state_coordinator", "district_coordinator", "other_coordinator")
ROLES = ("state_admin", "hod", "district_admin", "member", "unverified", "stranger", "other_bot", *COORDINATORS)
HUMANS_IN_GROUPS = ("state_admin", "hod", "district_admin", "member", "unverified", *COORDINATORS)
ADMINS = ("state_admin", "hod", "district_admin")


def _row(group: dict[str, str], private: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Expected outcomes per role: (in the role's own group, in private)."""
    return {role: (group[role], private[role]) for role in ROLES}


def _everyone(outcome: str, *, stranger: str | None = None, bot: str = IGNORED) -> dict[str, str]:
    values = dict.fromkeys(HUMANS_IN_GROUPS, outcome)
    values["stranger"] = stranger if stranger is not None else outcome
    values["other_bot"] = bot
    return values


def _admins(admin: str, others: str, *, hod: str | None = None, stranger: str = IMPOSSIBLE,
            coordinators: str | None = None) -> dict[str, str]:
    """Admins get one outcome, everyone else another; coordinators the others' unless told."""
    values = {role: admin for role in ADMINS}
    if hod is not None:
        values["hod"] = hod
    values.update(member=others, unverified=others, stranger=stranger, other_bot=IGNORED)
    values.update(dict.fromkeys(COORDINATORS, others if coordinators is None else coordinators))
    return values


IN_GROUP_ONLY = _everyone(ELSEWHERE, bot=IMPOSSIBLE)
IN_PRIVATE_ONLY = _everyone(ELSEWHERE, stranger=IMPOSSIBLE)
PRIVATE_BOT = IMPOSSIBLE  # a bot cannot open a private chat with another bot

# command text -> expectations. Arguments are chosen so that an allowed use changes nothing that matters.
MATRIX: dict[str, dict[str, tuple[str, str]]] = {
    "/help": _row(_everyone(ALLOWED, stranger=IMPOSSIBLE), _everyone(ALLOWED, bot=PRIVATE_BOT)),
    "/start": _row(_everyone(ALLOWED, stranger=IMPOSSIBLE), _everyone(ALLOWED, bot=PRIVATE_BOT)),
    "/bind {binding}": _row(_admins(ALLOWED, REFUSED), IN_GROUP_ONLY),
    "/unbind": _row(_admins(ALLOWED, REFUSED), IN_GROUP_ONLY),
    "/members": _row(_admins(ALLOWED, REFUSED), IN_GROUP_ONLY),
    "/audit": _row(IN_PRIVATE_ONLY, {**_admins(REFUSED, REFUSED, stranger=REFUSED), "state_admin": ALLOWED,
                                      "other_bot": PRIVATE_BOT}),
    "/transfer mamlatdar-mandvi +919426240004": _row(
        _admins(ALLOWED, REFUSED, hod=REFUSED), {**_admins(ALLOWED, REFUSED, hod=REFUSED, stranger=REFUSED),
                                                 "other_bot": PRIVATE_BOT},
    ),
    "/pending": _row(_admins(ALLOWED, REFUSED), _everyone(ALLOWED, bot=PRIVATE_BOT)),
    # In private, /log lists the groups an admin or a coordinator may read; others are pointed to the group.
    "/log": _row(_admins(ALLOWED, REFUSED),
                 {**_admins(ALLOWED, ELSEWHERE, stranger=ELSEWHERE, coordinators=ALLOWED), "other_bot": PRIVATE_BOT}),
    "/export": _row(IN_PRIVATE_ONLY, {**_admins(ALLOWED, REFUSED, stranger=REFUSED, coordinators=ALLOWED),
                                      "other_bot": PRIVATE_BOT}),
    "/search relief": _row(IN_PRIVATE_ONLY, {**_admins(ALLOWED, ALLOWED, stranger=ALLOWED), "other_bot": PRIVATE_BOT}),
    "/incident open Matrix-{role}-{where}": _row(
        _admins(ALLOWED, REFUSED, hod=REFUSED), {**_admins(ALLOWED, REFUSED, hod=REFUSED, stranger=REFUSED),
                                                 "other_bot": PRIVATE_BOT},
    ),
    "/sitrep": _row(_admins(ALLOWED, REFUSED), {**_admins(ALLOWED, REFUSED, stranger=REFUSED, coordinators=ALLOWED),
                                                "other_bot": PRIVATE_BOT}),
    "/usage": _row(_admins(ALLOWED, REFUSED), {**_admins(ALLOWED, REFUSED, stranger=REFUSED), "other_bot": PRIVATE_BOT}),
    "/policy": _row(_everyone(ALLOWED, stranger=IMPOSSIBLE), {**IN_GROUP_ONLY, "other_bot": PRIVATE_BOT}),
    "/policy confidential delete notify": _row(_admins(ALLOWED, REFUSED), {**IN_GROUP_ONLY, "other_bot": PRIVATE_BOT}),
    "/flags": _row(_admins(ALLOWED, REFUSED), {**IN_GROUP_ONLY, "other_bot": PRIVATE_BOT}),
    # Not a reply: an admin post gets the usage (the command at work), anyone else the refusal.
    "/missed hostile": _row(_admins(ALLOWED, REFUSED), {**IN_GROUP_ONLY, "other_bot": PRIVATE_BOT}),
    "/check Visited the relief camp at Bhuj today.": _row(IN_PRIVATE_ONLY, _everyone(ALLOWED, bot=PRIVATE_BOT)),
}

# The Acknowledge button under an instruction in the Kutch group (the Collector's instruction).
ACKNOWLEDGE = {"district_admin": ALLOWED, "member": ALLOWED, "unverified": ALLOWED, "other_bot": IMPOSSIBLE,
               "district_coordinator": ALLOWED}


@dataclass
class MatrixWorld:
    """The demo world, its bot, and who plays each role where."""

    client: SandboxClient
    bot: object
    world: DemoWorld
    users: dict[str, int]
    home: dict[str, int | None]
    bindings: dict[int, str]
    instruction_prompt: dict


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def matrix(tmp_path_factory, request):
    tmp = tmp_path_factory.mktemp("matrix")
    on_postgresql = {}  # SAMVAD_TEST_BACKEND=postgresql: the module's one database, on the session's server
    if TEST_BACKEND == "postgresql":
        server = request.getfixturevalue("postgres_server")
        on_postgresql["database_url"] = SecretStr(server.url(server.create_database(template=server.migrated_template())))
    async with SandboxServer(token=TOKEN) as server, SandboxClient(server.base_url) as client:
        world = await seed_demo_world(client)
        kutch = world.group("district Kutch")
        stranger = await client.create_user("Kamal", last_name="Outsider", phone="+919898989898")
        weather_bot = await client.create_user("IMD Weather", username="imd_weather_bot", is_bot=True)
        for user_id in (world.newcomer.user_id, weather_bot["id"]):
            await client.add_member(kutch.chat_id, user_id, added_by=world.person(kutch.admin_post).user_id)
        settings = Settings(
            _env_file=None, bot_token=SecretStr(TOKEN), api_base_url=server.base_url, db_path=tmp / "samvad.db",
            poll_timeout=1,
            # The table sends hundreds of answers into one group; Telegram's 20 a minute would make it crawl.
            group_messages_per_minute=10_000, **on_postgresql,
        )
        await import_demo_roster(settings)
        async with running_bot(settings) as bot:
            await verify_and_bind(client, world)
            collector = world.person(kutch.admin_post).user_id
            asked = await client.send_message(
                kutch.chat_id, collector, "All Mamlatdars to send the shelter occupancy report by 5 pm today."
            )
            prompt = await client.wait_for_bot_message(kutch.chat_id, contains="Acknowledge", after_message_id=asked["message_id"])
            for group in world.groups:
                if group.binding != "district Kutch":
                    await client.send_message(group.chat_id, world.person(group.admin_post).user_id,
                                              "All members to send the weekly report by Friday 5 pm.")
            users = {
                "state_admin": world.person("acs-revenue").user_id,
                "hod": world.person("ssrd").user_id,
                "district_admin": collector,
                "member": world.person("mamlatdar-bhuj").user_id,
                "unverified": world.newcomer.user_id,
                "stranger": stranger["id"],
                "other_bot": weather_bot["id"],
                "state_coordinator": world.person("relief-commissioner").user_id,
                "district_coordinator": world.person("rac-kutch").user_id,
                "other_coordinator": world.person("ddmo-valsad").user_id,
            }
            home = {
                "state_admin": world.group("state").chat_id,
                "hod": world.group("hod land-records").chat_id,
                "district_admin": kutch.chat_id,
                "member": kutch.chat_id,
                "unverified": kutch.chat_id,
                "stranger": None,
                "other_bot": kutch.chat_id,
                "state_coordinator": world.group("state").chat_id,
                "district_coordinator": kutch.chat_id,
                "other_coordinator": world.group("district Valsad").chat_id,
            }
            for person in (world.newcomer.user_id, stranger["id"]):
                await client.start_bot(person)
            await _settle(client, bot)
            yield MatrixWorld(client, bot, world, users, home, {g.chat_id: g.binding for g in world.groups}, prompt)


async def _settle(client: SandboxClient, bot) -> None:
    """Wait until the bot has handled every update and sent everything it owes."""
    for _ in range(200):
        await client.wait_until_idle(quiet=0.05)
        await bot.ingress.idle()
        if (await outbox.counts(bot.services.db)).get("pending", 0) == 0 and await client.pending_updates() == 0:
            return
        await asyncio.sleep(0.02)
    owed = await bot.services.db.fetchall(
        "SELECT method, purpose, attempts, last_error FROM outbox WHERE state = 'pending'"
    )
    raise TimeoutError(f"the bot did not settle; still owed: {[tuple(row) for row in owed]}")


async def _outcome(m: MatrixWorld, role: str, where: str, text: str) -> str:
    user_id = m.users[role]
    chat_id = m.home[role] if where == "group" else user_id
    if chat_id is None:
        return IMPOSSIBLE
    try:
        sent = await m.client.send_message(chat_id, user_id, text)
    except SandboxError:
        return IMPOSSIBLE
    await _settle(m.client, m.bot)
    answers = [msg for msg in await m.client.bot_messages(chat_id) if msg["message_id"] > sent["message_id"]]
    if not answers:
        return IGNORED
    first = answers[0]["text"]
    if first.startswith("⛔"):
        return REFUSED
    if first.startswith("↪"):
        return ELSEWHERE
    return ALLOWED


async def _undo(m: MatrixWorld, command: str, role: str, outcome: str) -> None:
    """Put back what an allowed command changed, so the next row starts from the same world."""
    if command == "/unbind" and outcome == ALLOWED:
        chat_id = m.home[role]
        await m.client.send_message(chat_id, m.users[role], f"/bind {m.bindings[chat_id]}")
        await _settle(m.client, m.bot)


def _text(command: str, role: str, where: str, m: MatrixWorld) -> str:
    chat_id = m.home.get(role)
    binding = m.bindings.get(chat_id, "state") if chat_id else "state"
    return command.format(binding=binding, role=role, where=where)


CASES = [
    pytest.param(command, role, where, id=f"{command.split()[0]}-{role}-{where}")
    for command in MATRIX for role in ROLES for where in ("group", "private")
]


@IN_MODULE_LOOP
@pytest.mark.parametrize(("command", "role", "where"), CASES)
async def test_command_by_role(matrix, command, role, where):
    expected = MATRIX[command][role][0 if where == "group" else 1]
    outcome = await _outcome(matrix, role, where, _text(command, role, where, matrix))
    await _undo(matrix, command, role, outcome)
    assert outcome == expected, f"{command!r} by {role} in {where}: expected {expected}, got {outcome}"


@IN_MODULE_LOOP
@pytest.mark.parametrize("role", list(ACKNOWLEDGE))
async def test_acknowledge_button_by_role(matrix, role):
    prompt = matrix.instruction_prompt
    data = prompt["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    try:
        answer = await matrix.client.press_button(prompt["chat"]["id"], prompt["message_id"], matrix.users[role], data)
    except (SandboxError, TimeoutError):
        outcome = IMPOSSIBLE
    else:
        outcome = REFUSED if answer["text"].startswith("⛔") else ALLOWED
    assert outcome == ACKNOWLEDGE[role]


def test_the_matrix_covers_every_command_the_bot_offers():
    offered = {command.name for command in all_commands(features())}
    covered = {text.split()[0].lstrip("/") for text in MATRIX}
    assert offered == covered


# -- bad input: every command with hostile arguments, and the token nowhere ------------------------------

NASTY_ARGUMENTS = (
    "",
    " " * 50,
    "x" * 3900,
    "'; DROP TABLE messages; --",
    "<b>bold</b> <script>alert(1)</script> &amp;",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "\u202eevil\u200b\u200d\ufeff",
    "😀" * 40,
    "૧૨૩૪ ५६७८ ² ½ Ⅻ",
    "-1 0 99999999999999999999999",
    "2026-13-45 25:99",
    "district 'Kutch\" OR 1=1",
)


class _Errors:
    """Log records at ERROR or above, from any logger, while the block runs."""

    def __init__(self) -> None:
        self.records: list[logging.LogRecord] = []

    def __enter__(self) -> list[logging.LogRecord]:
        self._handler = logging.Handler(level=logging.ERROR)
        self._handler.emit = self.records.append  # type: ignore[method-assign]
        logging.getLogger().addHandler(self._handler)
        return self.records

    def __exit__(self, *exc: object) -> None:
        logging.getLogger().removeHandler(self._handler)


@IN_MODULE_LOOP
@pytest.mark.parametrize("command", sorted({text.split()[0] for text in MATRIX}))
async def test_every_command_answers_hostile_arguments_without_an_error(matrix, command):
    chat_ids = {"group": matrix.home["district_admin"], "private": matrix.users["district_admin"]}
    with _Errors() as errors:
        for where, chat_id in chat_ids.items():
            for arguments in NASTY_ARGUMENTS:
                if command == "/unbind":
                    continue  # an allowed /unbind takes no arguments and would unbind the group
                sent = await matrix.client.send_message(chat_id, matrix.users["district_admin"], f"{command} {arguments}")
                await _settle(matrix.client, matrix.bot)
                answers = [m for m in await matrix.client.bot_messages(chat_id) if m["message_id"] > sent["message_id"]]
                assert answers, f"{command} {arguments[:30]!r} in {where} got no answer"
                assert "<script>" not in answers[0]["text"] or "&lt;" not in answers[0]["text"]
    assert [record.getMessage() for record in errors] == []


@IN_MODULE_LOOP
async def test_the_token_is_nowhere_in_logs_records_or_exports(matrix, tmp_path):
    from bot.logs import configure_logging

    log_file = tmp_path / "bot.log"
    with open(log_file, "w", encoding="utf-8") as stream:
        configure_logging("DEBUG", secrets=[TOKEN], stream=stream)
        try:
            acs = matrix.users["state_admin"]
            for text in ("/export", "/audit", "/sitrep", "/search relief", f"/check {TOKEN}"):
                await matrix.client.send_message(acs, acs, text)
                await _settle(matrix.client, matrix.bot)
            day = matrix.bot.services.clock.now().astimezone(matrix.bot.services.settings.zone).date().isoformat()
            for form in ("csv", "jsonl", "html"):
                await matrix.client.send_message(acs, acs, f"/export Kutch {day} {day} {form}")
                await _settle(matrix.client, matrix.bot)
            logging.getLogger("samvad.test").error("a failing call to https://api.telegram.org/bot%s/getMe", TOKEN)
        finally:
            logging.getLogger().handlers.clear()
    documents = [m for m in await matrix.client.bot_messages(acs) if "document" in m]
    assert len(documents) >= 3, "the exports were sent as documents"
    exported = [await matrix.client.file_content(m["document"]["file_id"]) for m in documents]
    settings = matrix.bot.services.settings
    if settings.database_url is None:  # the SQLite file's bytes, its write-ahead log too
        stored = b"".join(path.read_bytes() for path in settings.db_path.parent.glob(settings.db_path.name + "*")
                          if path.is_file())
    else:  # every row of every table of the PostgreSQL database
        stored = "\n".join(f"{table} {row}" for table, row in every_row(target_of(settings))).encode()
    secret = TOKEN.encode()
    assert secret not in log_file.read_bytes()
    assert "[REDACTED]" in log_file.read_text(encoding="utf-8")
    assert secret not in stored, "the token reached the database (a /check draft must leave no bytes behind)"
    assert all(secret not in content for content in exported)


# -- coordinators: the groups each may read, with and without an open incident (issue 18) ----------------

SCOPE_GROUPS = ("state", "Kutch", "Valsad")
ROSTER_SCOPE = {"state_coordinator": {"state"}, "district_coordinator": {"Kutch"}, "other_coordinator": {"Valsad"}}
# While an incident over Kutch is open: the state coordinator gains Kutch; a district coordinator gains nothing.
INCIDENT_SCOPE = {**ROSTER_SCOPE, "state_coordinator": {"state", "Kutch"}}


async def _private(m: MatrixWorld, role: str, text: str) -> list[dict]:
    """What the bot answers a role's private message (after settling)."""
    user_id = m.users[role]
    sent = await m.client.send_message(user_id, user_id, text)
    await _settle(m.client, m.bot)
    return [msg for msg in await m.client.bot_messages(user_id) if msg["message_id"] > sent["message_id"]]


async def _readable(m: MatrixWorld, role: str) -> set[str]:
    """The groups whose instructions a private /log GROUP lists for this role."""
    found = set()
    for group in SCOPE_GROUPS:
        answers = await _private(m, role, f"/log 1 {group}")
        if answers and answers[0]["text"].startswith("Recent instructions"):
            found.add(group)
        else:
            assert answers and "do not administer or coordinate" in answers[0]["text"], answers
    return found


async def _exported(m: MatrixWorld, role: str, text: str) -> dict | None:
    documents = [msg for msg in await _private(m, role, text) if "document" in msg]
    return documents[0] if documents else None


@IN_MODULE_LOOP
async def test_a_coordinator_reads_its_scope_and_nothing_else(matrix):
    from storage import incidents, journal

    m = matrix
    for running in await incidents.open_incidents(m.bot.services.db):  # the table's /incident rows leave some open
        await _private(m, "state_admin", f"/incident close {running.name}")
    day = m.bot.services.clock.now().astimezone(m.bot.services.settings.zone).date().isoformat()

    for role in COORDINATORS:
        assert await _readable(m, role) == ROSTER_SCOPE[role], role
    assert await _exported(m, "state_coordinator", f"/export state {day} {day} csv")
    assert not await _exported(m, "state_coordinator", f"/export Kutch {day} {day} csv")
    assert await _exported(m, "district_coordinator", f"/export Kutch {day} {day} csv")
    assert not await _exported(m, "district_coordinator", f"/export Valsad {day} {day} csv")
    assert await _exported(m, "other_coordinator", f"/export Valsad {day} {day} csv")
    assert not await _exported(m, "other_coordinator", f"/export Kutch {day} {day} unmasked csv")

    titles = {group.binding: group.title for group in m.world.groups}
    [waiting] = await _private(m, "district_coordinator", "/pending")
    assert waiting["text"].startswith("Waiting for acknowledgement in the groups you coordinate")
    assert titles["district Kutch"] in waiting["text"] and titles["district Valsad"] not in waiting["text"]
    [found] = await _private(m, "other_coordinator", "/search weekly report")
    assert titles["district Valsad"] in found["text"] and titles["district Kutch"] not in found["text"]
    [nothing] = await _private(m, "district_coordinator", "/search weekly report")
    assert nothing["text"].startswith("Nothing found"), "Valsad's weekly report is outside Kutch's coordinator"

    opened = await _private(m, "state_admin", "/incident open Matrix-Scope Kutch")
    assert "is open over" in opened[0]["text"]
    for role in COORDINATORS:
        assert await _readable(m, role) == INCIDENT_SCOPE[role], role
    [report] = await _private(m, "state_coordinator", "/sitrep Matrix-Scope")
    assert "District Kutch" in report["text"] and "Instructions: " in report["text"]
    [refusal] = await _private(m, "other_coordinator", "/sitrep Matrix-Scope")
    assert refusal["text"].startswith("⛔") and "covers no group" in refusal["text"]
    page = await _exported(m, "state_coordinator", "/sitrep Matrix-Scope html")
    content = (await m.client.file_content(page["document"]["file_id"])).decode("utf-8")
    assert "<svg" in content and "Kutch" in content and "<script" not in content
    combined = await _exported(m, "state_coordinator", "/export incident Matrix-Scope csv")
    assert "UNMASKED" not in combined["caption"]
    assert not await _exported(m, "other_coordinator", "/export incident Matrix-Scope csv")
    assert not await _exported(m, "state_coordinator", "/export incident Matrix-Scope csv unmasked")

    # The export menu's buttons offer the scope only, and stop at masked.
    me = m.users["state_coordinator"]
    [menu] = await _private(m, "state_coordinator", "/export")
    assert set(buttons(menu)) == {"🚨 Matrix-Scope", titles["state"], titles["district Kutch"]}
    await m.client.press_button(me, menu["message_id"], me, buttons(menu)[titles["district Kutch"]])
    step = await eventually(lambda: _edited(m.client, me, menu["message_id"], "Which period?"))
    await m.client.press_button(me, menu["message_id"], me, buttons(step)["Today"])
    step = await eventually(lambda: _edited(m.client, me, menu["message_id"], "Which format?"))
    await m.client.press_button(me, menu["message_id"], me, buttons(step)["CSV"])
    await _settle(m.client, m.bot)
    step = await eventually(lambda: _edited(m.client, me, menu["message_id"], "Export ready"))
    assert not buttons(step)

    await _private(m, "state_admin", "/incident close Matrix-Scope")
    assert await _readable(m, "state_coordinator") == ROSTER_SCOPE["state_coordinator"]
    [refusal] = await _private(m, "state_coordinator", "/sitrep Matrix-Scope")
    assert refusal["text"].startswith("⛔")

    exports = [e for e in await journal.entries(m.bot.services.db, kind="export") if e["actor_id"] == me]
    wanted = {(m.world.group("state").chat_id,), (m.world.group("district Kutch").chat_id,)}
    assert {tuple(e["body"]["chats"]) for e in exports} >= wanted
    assert all(e["body"]["masked"] for e in exports)
    reads = [e for e in await journal.entries(m.bot.services.db, kind="record.read") if e["actor_id"] == me]
    assert {e["body"]["reading"] for e in reads} >= {"log", "sitrep"}
    assert any(e["body"]["as"] == "coordinator" for e in reads)


async def _edited(client: SandboxClient, chat: int, message_id: int, text: str) -> dict | None:
    for message in await client.bot_messages(chat):
        if message["message_id"] == message_id and text in (message.get("text") or ""):
            return message
    return None
