"""People and groups as the bot names them, the group a person names in a command, and the admin posts it tells."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from runtime.outbox import Outbox
from runtime.purposes import Purpose
from storage import chats, roster
from storage.database import Transaction, Unit
from storage.roster import Binding, Reader


def mention(user_id: int, name: str) -> str:
    """An HTML mention that notifies the person."""
    return f'<a href="tg://user?id={user_id}">{escape(name)}</a>'


async def group_title(db: Reader, binding: Binding) -> str:
    """The group's Telegram title, or how Samvad names its binding."""
    return await chats.title_of(db, binding.chat_id, fallback=binding.title)


async def display_name(db: Reader, user_id: int) -> str:
    """A person's name as last seen."""
    return await chats.user_name(db, user_id) or f"user {user_id}"


async def admin_accounts(db: Reader, binding: Binding) -> list[int]:
    """The verified accounts of a group's admin posts."""
    accounts = []
    for post in await roster.admin_posts_of(db, binding):
        account = await roster.account_of_post(db, post.post_id)
        if account is not None and account not in accounts:
            accounts.append(account)
    return accounts


def admin_accounts_in(unit: Unit, binding: Binding) -> list[int]:
    """admin_accounts as part of a unit of work (one trip for the posts and their accounts)."""
    accounts = []
    for post in roster.admin_posts_of_in(unit, binding):
        account = roster.account_of_post_in(unit, post.post_id)
        if account is not None and account not in accounts:
            accounts.append(account)
    return accounts


async def state_admin_accounts(db: Reader) -> list[int]:
    """The verified accounts of the state-level admin posts."""
    return await admin_accounts(db, Binding(0, "state", ""))


async def tell(
    tx: Transaction, outbox: Outbox, recipients: Iterable[int], text: str, *, purpose: Purpose
) -> None:
    """Owe the same private message to several people (each once)."""
    for user_id in dict.fromkeys(recipients):
        await outbox.send_message(tx, user_id, text, purpose=purpose)


class UnknownGroup(Exception):
    """A person named a group they do not administer or coordinate (the message says which they do)."""


def binding_named(bindings: tuple[Binding, ...], name: str | None) -> Binding:
    """The group among these that a person named ("Kutch", "district kutch", "state", its chat id)."""
    wanted = (name or "").strip().lower().replace("-", " ")
    for binding in bindings:
        if wanted in {binding.label.lower(), binding.jurisdiction.lower(), str(binding.chat_id)} and wanted:
            return binding
    names = ", ".join(b.jurisdiction or b.label for b in bindings) or "none"
    shown = name if name is None or len(name) <= 60 else name[:59] + "…"
    raise UnknownGroup(f"You do not administer or coordinate a group called {shown!r}. Yours: {names}.")
