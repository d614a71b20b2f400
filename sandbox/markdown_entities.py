"""parse_mode=MarkdownV2: Telegram's markup to plain text plus MessageEntity dicts.

Covers bold, italic, underline, strikethrough, spoiler, inline code, pre blocks
with a language, links (text_link, and tg://user?id= as text_mention), custom
emoji and '>' blockquotes, with Telegram's rule that every reserved character
outside an entity's markup is escaped with a backslash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sandbox.html_entities import UserLookup
from sandbox.text_entities import utf16_len

RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_TOGGLES = (("||", "spoiler", "Spoiler"), ("__", "underline", "Underline"),
            ("*", "bold", "Bold"), ("_", "italic", "Italic"), ("~", "strikethrough", "Strikethrough"))  # fmt: skip
_USER_LINK = re.compile(r"tg://user\?id=(\d+)")
_EMOJI_LINK = re.compile(r"tg://emoji\?id=(\d+)")


class MarkdownError(Exception):
    """The text is not valid MarkdownV2; the message follows Telegram's wording."""


@dataclass(slots=True)
class _Open:
    marker: str
    entity: dict
    label: str
    byte_offset: int


def parse_markdown_v2(source: str, lookup_user: UserLookup) -> tuple[str, list[dict]]:
    """Plain text and entities (UTF-16 offsets) of a MarkdownV2-formatted text."""
    return _MarkdownParser(source, lookup_user).run()


class _MarkdownParser:
    def __init__(self, source: str, lookup_user: UserLookup) -> None:
        self.source = source
        self.lookup_user = lookup_user
        self.chunks: list[str] = []
        self.position = 0
        self.stack: list[_Open] = []
        self.entities: list[dict] = []
        self.quote: dict | None = None

    def run(self) -> tuple[str, list[dict]]:
        i = 0
        while i < len(self.source):
            if i == 0 or self.source[i - 1] == "\n":
                i = self._line_start(i)
                if i >= len(self.source):
                    break
            i = self._step(i)
        self._end_quote()
        if self.stack:
            opened = self.stack[-1]
            raise MarkdownError(
                f"Can't find end of {opened.label} entity at byte offset {opened.byte_offset}"
            )
        return "".join(self.chunks), [e for e in self.entities if e["length"] > 0]

    def _step(self, i: int) -> int:
        source, char = self.source, self.source[i]
        if char == "\\":
            return self._escaped(i)
        if char == "`":
            return self._pre(i) if source.startswith("```", i) else self._code(i)
        for marker, entity_type, label in _TOGGLES:
            if source.startswith(marker, i):
                self._toggle(marker, entity_type, label, i)
                return i + len(marker)
        if char == "[" or (char == "!" and source.startswith("![", i)):
            return self._open_link(i)
        if char == "]":
            return self._close_link(i)
        if char in RESERVED:
            raise MarkdownError(
                f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
            )
        self._emit(char)
        return i + 1

    def _emit(self, text: str) -> None:
        self.chunks.append(text)
        self.position += utf16_len(text)

    def _byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8"))

    def _escaped(self, i: int) -> int:
        if i + 1 >= len(self.source):
            raise MarkdownError(f"Can't parse entities: unexpected end of text at byte offset {self._byte_offset(i)}")
        self._emit(self.source[i + 1])
        return i + 2

    def _line_start(self, i: int) -> int:
        if self.source.startswith(">", i):
            if self.quote is None:
                self.quote = {"type": "blockquote", "offset": self.position, "length": 0}
                self.entities.append(self.quote)
            return i + 1
        self._end_quote()
        return i

    def _end_quote(self) -> None:
        if self.quote is not None:
            text = "".join(self.chunks)
            end = self.position - (1 if text.endswith("\n") else 0)
            self.quote["length"] = end - self.quote["offset"]
            self.quote = None

    def _toggle(self, marker: str, entity_type: str, label: str, i: int) -> None:
        if self.stack and self.stack[-1].marker == marker:
            opened = self.stack.pop()
            opened.entity["length"] = self.position - opened.entity["offset"]
            return
        if any(opened.marker == marker for opened in self.stack):
            opened = next(o for o in self.stack if o.marker == marker)
            raise MarkdownError(
                f"Can't find end of {opened.label} entity at byte offset {opened.byte_offset}"
            )
        entity = {"type": entity_type, "offset": self.position, "length": 0}
        self.entities.append(entity)
        self.stack.append(_Open(marker, entity, label, self._byte_offset(i)))

    def _code(self, i: int) -> int:
        text, end = self._verbatim(i + 1, "`", "Code", i)
        self.entities.append({"type": "code", "offset": self.position, "length": utf16_len(text)})
        self._emit(text)
        return end + 1

    def _pre(self, i: int) -> int:
        newline = self.source.find("\n", i + 3)
        closing = self.source.find("```", i + 3)
        language = ""
        start = i + 3
        if newline != -1 and (closing == -1 or newline < closing):
            language = self.source[i + 3 : newline].strip()
            start = newline + 1
        text, end = self._verbatim(start, "```", "Pre", i)
        entity = {"type": "pre", "offset": self.position, "length": utf16_len(text)}
        if language:
            entity["language"] = language
        self.entities.append(entity)
        self._emit(text)
        return end + 3

    def _verbatim(self, i: int, closer: str, label: str, opened_at: int) -> tuple[str, int]:
        """Text up to an unescaped `closer`, where only ` and \\ may be escaped."""
        chunks: list[str] = []
        while i < len(self.source):
            if self.source.startswith(closer, i):
                return "".join(chunks), i
            if self.source[i] == "\\" and i + 1 < len(self.source):
                chunks.append(self.source[i + 1])
                i += 2
                continue
            chunks.append(self.source[i])
            i += 1
        raise MarkdownError(
            f"Can't find end of {label} entity at byte offset {self._byte_offset(opened_at)}"
        )

    def _open_link(self, i: int) -> int:
        is_emoji = self.source[i] == "!"
        entity = {"type": "custom_emoji" if is_emoji else "text_link", "offset": self.position, "length": 0}
        self.stack.append(_Open("]", entity, "TextUrl", self._byte_offset(i)))
        return i + (2 if is_emoji else 1)

    def _close_link(self, i: int) -> int:
        if not self.stack or self.stack[-1].marker != "]":
            raise MarkdownError("Character ']' is reserved and must be escaped with the preceding '\\'")
        opened = self.stack.pop()
        if not self.source.startswith("(", i + 1):
            raise MarkdownError(f"Can't find end of TextUrl entity at byte offset {opened.byte_offset}")
        url, end = self._verbatim(i + 2, ")", "TextUrl", i)
        entity = opened.entity
        entity["length"] = self.position - entity["offset"]
        self._resolve_link(entity, url.strip())
        self.entities.append(entity)
        return end + 1

    def _resolve_link(self, entity: dict, url: str) -> None:
        if entity["type"] == "custom_emoji":
            emoji = _EMOJI_LINK.fullmatch(url)
            if emoji is None:
                raise MarkdownError(f'Custom emoji URL "{url}" is invalid')
            entity["custom_emoji_id"] = emoji.group(1)
            return
        mention = _USER_LINK.fullmatch(url)
        user = self.lookup_user(int(mention.group(1))) if mention else None
        if user is not None:
            entity["type"] = "text_mention"
            entity["user"] = user
        elif url:
            entity["url"] = url
        else:
            entity["length"] = 0  # an empty link is plain text
