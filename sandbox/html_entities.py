"""parse_mode=HTML: Telegram's subset of HTML to plain text plus MessageEntity dicts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sandbox.text_entities import utf16_len

UserLookup = Callable[[int], "dict | None"]

_SIMPLE_TAGS = {
    "b": "bold", "strong": "bold",
    "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
}  # fmt: skip
_NAMED_CHARACTERS = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]+);")
_TAG_NAME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTE = re.compile(r"""\s*([a-zA-Z][a-zA-Z0-9_-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_USER_LINK = re.compile(r"tg://user\?id=(\d+)")


class HtmlError(Exception):
    """The text is not valid Telegram HTML; the message follows Telegram's wording."""


@dataclass(slots=True)
class _OpenTag:
    name: str
    entity: dict | None
    start: int  # UTF-16 offset where the tag's text begins


def parse_html(source: str, lookup_user: UserLookup) -> tuple[str, list[dict]]:
    """Plain text and entities (offsets in UTF-16 code units) of an HTML-formatted text."""
    parser = _HtmlParser(source, lookup_user)
    return parser.run()


class _HtmlParser:
    def __init__(self, source: str, lookup_user: UserLookup) -> None:
        self.source = source
        self.lookup_user = lookup_user
        self.chunks: list[str] = []
        self.position = 0  # UTF-16 length of the text produced so far
        self.stack: list[_OpenTag] = []
        self.entities: list[dict] = []

    def run(self) -> tuple[str, list[dict]]:
        source, i = self.source, 0
        while i < len(source):
            char = source[i]
            if char == "<":
                i = self._tag(i)
            elif char == "&":
                i = self._character_reference(i)
            else:
                stop = _next_special(source, i)
                self._emit(source[i:stop])
                i = stop
        if self.stack:
            raise HtmlError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        return "".join(self.chunks), [e for e in self.entities if e["length"] > 0]

    def _emit(self, text: str) -> None:
        self.chunks.append(text)
        self.position += utf16_len(text)

    def _byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8"))

    def _character_reference(self, i: int) -> int:
        match = _CHARACTER_REFERENCE.match(self.source, i)
        if match is None:
            self._emit("&")  # a lone ampersand stays as it is
            return i + 1
        name = match.group(1)
        if name.startswith("#"):
            code = int(name[2:], 16) if name[1:2] in "xX" else int(name[1:])
            self._emit(chr(code) if 0 < code <= 0x10FFFF else "\ufffd")
        elif name in _NAMED_CHARACTERS:
            self._emit(_NAMED_CHARACTERS[name])
        else:
            raise HtmlError(f'Unsupported HTML entity "&{name};" at byte offset {self._byte_offset(i)}')
        return match.end()

    def _tag(self, i: int) -> int:
        end = self.source.find(">", i)
        if end == -1:
            raise HtmlError(f"Unclosed start tag at byte offset {self._byte_offset(i)}")
        inner = self.source[i + 1 : end]
        if inner.startswith("/"):
            self._close(inner[1:].strip().lower(), i)
        else:
            self._open(inner, i)
        return end + 1

    def _open(self, inner: str, i: int) -> None:
        match = _TAG_NAME.match(inner)
        if match is None:
            raise HtmlError(f'Unsupported start tag "{inner}" at byte offset {self._byte_offset(i)}')
        name = match.group(1).lower()
        attributes = _attributes(inner[match.end():].rstrip("/"))
        entity = self._entity_for(name, attributes, i)
        self.stack.append(_OpenTag(name, entity, self.position))

    def _entity_for(self, name: str, attributes: dict[str, str], i: int) -> dict | None:
        start = self.position
        if name == "code" and self.stack and self.stack[-1].name == "pre":
            language = attributes.get("class", "")
            pre = self.stack[-1].entity
            if pre is not None and language.startswith("language-") and pre["offset"] == start:
                pre["language"] = language[len("language-"):]
                return None  # <pre><code class="language-x"> is one pre entity
        if name in _SIMPLE_TAGS:
            return self._new_entity(_SIMPLE_TAGS[name], start)
        if name == "span" and attributes.get("class") == "tg-spoiler":
            return self._new_entity("spoiler", start)
        if name == "blockquote":
            kind = "expandable_blockquote" if "expandable" in attributes else "blockquote"
            return self._new_entity(kind, start)
        if name == "a":
            return self._link(attributes.get("href", ""), start)
        if name == "tg-emoji" and attributes.get("emoji-id"):
            return self._new_entity("custom_emoji", start, custom_emoji_id=attributes["emoji-id"])
        raise HtmlError(f'Unsupported start tag "{name}" at byte offset {self._byte_offset(i)}')

    def _link(self, href: str, start: int) -> dict | None:
        href = href.strip()
        if not href:
            return None
        mention = _USER_LINK.fullmatch(href)
        if mention:
            user = self.lookup_user(int(mention.group(1)))
            if user is not None:
                return self._new_entity("text_mention", start, user=user)
        return self._new_entity("text_link", start, url=href)

    def _new_entity(self, entity_type: str, start: int, **extra: object) -> dict:
        entity = {"type": entity_type, "offset": start, "length": 0, **extra}
        self.entities.append(entity)
        return entity

    def _close(self, name: str, i: int) -> None:
        if not self.stack:
            raise HtmlError(f"Unexpected end tag at byte offset {self._byte_offset(i)}")
        opened = self.stack.pop()
        if name and name != opened.name:
            raise HtmlError(
                f'Unmatched end tag at byte offset {self._byte_offset(i)}, '
                f'expected "</{opened.name}>", found "</{name}>"'
            )
        if opened.entity is not None:
            opened.entity["length"] = self.position - opened.start


def _next_special(source: str, start: int) -> int:
    stops = [p for p in (source.find("<", start), source.find("&", start)) if p != -1]
    return min(stops) if stops else len(source)


def _attributes(text: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name, *values = match.groups()
        raw = next((v for v in values if v is not None), "")
        attributes[name.lower()] = _CHARACTER_REFERENCE.sub(_decode_reference, raw)
    return attributes


def _decode_reference(match: re.Match[str]) -> str:
    name = match.group(1)
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1:2] in "xX" else int(name[1:])
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return _NAMED_CHARACTERS.get(name, match.group(0))
