"""How people are named in what the bot says."""

from __future__ import annotations

from html import escape


def mention(user_id: int, name: str) -> str:
    """An HTML mention that notifies the person."""
    return f'<a href="tg://user?id={user_id}">{escape(name)}</a>'
