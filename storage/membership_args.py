"""The arguments of the membership commands, read without Telegram.

Each parser takes the text after the command and returns either what was asked
for or an ArgumentError saying what is wrong; none raises on any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage import gujarat
from storage.phones import InvalidMobileNumber, normalise_mobile

BIND_USAGE = (
    "/bind state · /bind hod land-records · /bind hod registration · /bind district NAME (e.g. /bind district Kutch)"
)
TRANSFER_USAGE = "/transfer POST_ID NEW_NUMBER [NEW HOLDER'S NAME] (e.g. /transfer mamlatdar-bhuj 98250 11111 Amit Shah)"
_POST_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_NUMBER_PIECE = re.compile(r"[+\d()\-.]+")
MAX_NAME = 120


@dataclass(frozen=True)
class ArgumentError:
    """Why a command's arguments cannot be used, and how to write them."""

    reason: str
    usage: str


@dataclass(frozen=True)
class BindTarget:
    """The level (and office or district) a group is to be bound to."""

    level: str
    jurisdiction: str  # '' for state, an office key, or a canonical district


@dataclass(frozen=True)
class TransferOrder:
    """A post to pass to a new number, and the new holder's name if it changes."""

    post_id: str
    mobile: str
    holder: str | None


def parse_bind(text: str) -> BindTarget | ArgumentError:
    """/bind's target: "state", "hod OFFICE", "district NAME" (or a bare district or office name)."""
    words = (text or "").split()
    if not words:
        return ArgumentError("say which group this is", BIND_USAGE)
    level, rest = words[0].casefold(), " ".join(words[1:])
    if level == "state":
        if rest:
            return ArgumentError(f"/bind state takes nothing after it (got {_clip(rest)!r})", BIND_USAGE)
        return BindTarget("state", "")
    if level == "hod":
        return _office_target(rest)
    if level == "district":
        return _district_target(rest)
    whole = " ".join(words)
    if (district := gujarat.district(whole)) is not None:
        return BindTarget("district", district)
    if (office := gujarat.office(whole)) is not None:
        return BindTarget("hod", office.key)
    return ArgumentError(f"{_clip(whole)!r} is not a level: use state, hod or district", BIND_USAGE)


def _office_target(name: str) -> BindTarget | ArgumentError:
    if not name:
        return ArgumentError("name the HoD office: land-records or registration", BIND_USAGE)
    office = gujarat.office(name)
    if office is None:
        return ArgumentError(gujarat.unknown_office_message(_clip(name)), BIND_USAGE)
    return BindTarget("hod", office.key)


def _district_target(name: str) -> BindTarget | ArgumentError:
    if not name:
        return ArgumentError("name the district, e.g. /bind district Kutch", BIND_USAGE)
    district = gujarat.district(name)
    if district is None:
        return ArgumentError(gujarat.unknown_district_message(_clip(name)), BIND_USAGE)
    return BindTarget("district", district)


def parse_transfer(text: str) -> TransferOrder | ArgumentError:
    """/transfer's post id, new number (spaces allowed inside it) and optional new holder's name."""
    words = (text or "").split()
    if len(words) < 2:
        return ArgumentError("give the post id and its new official number", TRANSFER_USAGE)
    post_id = words[0].casefold()
    if not _POST_ID.fullmatch(post_id):
        return ArgumentError(f"{_clip(words[0])!r} is not a post id (e.g. collector-kutch)", TRANSFER_USAGE)
    number_words = []
    for word in words[1:]:
        if not _NUMBER_PIECE.fullmatch(word):
            break
        number_words.append(word)
    if not number_words:
        return ArgumentError(f"{_clip(words[1])!r} is not a mobile number", TRANSFER_USAGE)
    try:
        mobile = normalise_mobile(" ".join(number_words))
    except InvalidMobileNumber as error:
        return ArgumentError(f"{_clip(' '.join(number_words))!r}: {error.reason}", TRANSFER_USAGE)
    name = " ".join(words[1 + len(number_words):])
    if len(name) > MAX_NAME:
        return ArgumentError(f"the name is longer than {MAX_NAME} characters", TRANSFER_USAGE)
    return TransferOrder(post_id, mobile, name or None)


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
