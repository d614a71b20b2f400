"""From what the sender typed (text, parse_mode or entities) to Telegram's stored text and entities."""

from __future__ import annotations

from sandbox.errors import bad_request
from sandbox.html_entities import HtmlError, UserLookup, parse_html
from sandbox.markdown_entities import MarkdownError, parse_markdown_v2
from sandbox.text_entities import detect_entities, sort_entities, strip_text, utf16_len


def render_text(
    text: str,
    *,
    parse_mode: str | None,
    entities: list[dict] | None,
    lookup_user: UserLookup,
) -> tuple[str, list[dict]]:
    """Plain text and entities as Telegram stores them; ApiError(400) for bad markup."""
    if entities is not None:
        plain, found = text, _explicit(entities, utf16_len(text), lookup_user)
    elif parse_mode:
        plain, found = _parse(text, parse_mode, lookup_user)
    else:
        plain, found = text, []
    plain, found = strip_text(plain, found)
    found.extend(detect_entities(plain, found))
    return plain, sort_entities(found)


def _parse(text: str, parse_mode: str, lookup_user: UserLookup) -> tuple[str, list[dict]]:
    mode = parse_mode.lower()
    try:
        if mode == "html":
            return parse_html(text, lookup_user)
        if mode == "markdownv2":
            return parse_markdown_v2(text, lookup_user)
    except (HtmlError, MarkdownError) as error:
        raise bad_request(f"can't parse entities: {error}") from None
    if mode == "markdown":
        raise bad_request(
            "parse_mode Markdown (legacy) is not implemented by the sandbox; use HTML or MarkdownV2"
        )
    raise bad_request(f"unsupported parse_mode {parse_mode!r}")


def _explicit(entities: list[dict], length: int, lookup_user: UserLookup) -> list[dict]:
    """Entities the sender listed, clipped to the text as Telegram does."""
    kept = []
    for entity in entities:
        start, end = entity["offset"], min(entity["offset"] + entity["length"], length)
        if start < 0 or end <= start:
            continue
        entity = {**entity, "offset": start, "length": end - start}
        if entity["type"] == "text_mention" and "user" in entity:
            entity["user"] = lookup_user(entity["user"]["id"]) or entity["user"]
        kept.append(entity)
    return kept
