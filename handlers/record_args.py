"""Arguments of the record's commands and buttons, parsed without Telegram (so they can be tested alone).

Every parser returns a value or raises UsageError with the text a person should see.
"""

from __future__ import annotations

import re
import shlex

from coordination.exports import CALLBACK_LIMIT, RANGES, ExportChoice, TypedExport, range_of  # noqa: F401 - parsed here
from coordination.incidents import IncidentAction, IncidentCommand
from nlp.record.addressees import DISTRICTS
from nlp.record.text import normalise
from storage.exports import ExportOptionError, parse_day, parse_format


class UsageError(Exception):
    """A command's arguments cannot be understood; the message says how to write them."""


LOG_DEFAULT, LOG_MAX = 10, 50
PRIVATE_LOG_DEFAULT = 5  # per group, when a private /log lists several

_DISTRICT_OF = {normalise(spelling): canonical for canonical, names in DISTRICTS.items() for spelling in names}
_DISTRICT_OF.update({normalise(canonical): canonical for canonical in DISTRICTS})


def log_count(args: list[str]) -> int:
    """N in /log [N]."""
    if not args:
        return LOG_DEFAULT
    if len(args) > 1 or not args[0].isdecimal() or not 1 <= int(args[0]) <= LOG_MAX:
        raise UsageError(f"Usage: /log [N], where N is how many recent instructions to list (1 to {LOG_MAX}).")
    return int(args[0])


def private_log_request(args: list[str]) -> tuple[int, str | None]:
    """(N, GROUP) in a private /log [N] [GROUP]: how many per group, and which group (all when None)."""
    numbers = [arg for arg in args if arg.isdecimal()]
    group = " ".join(arg for arg in args if not arg.isdecimal()) or None
    if len(numbers) > 1 or (numbers and not 1 <= int(numbers[0]) <= LOG_MAX):
        raise UsageError(f"Usage: /log [N] [GROUP], where N is how many recent instructions to list (1 to {LOG_MAX})"
                         " and GROUP a group you administer or coordinate, e.g. /log 5 Kutch.")
    return (int(numbers[0]) if numbers else PRIVATE_LOG_DEFAULT), group


INCIDENT_USAGE = (
    "Usage: /incident open NAME [district ...] — e.g. /incident open Cyclone-Biparjoy Kutch Devbhumi-Dwarka\n"
    "or /incident close [NAME]. Quote a name with spaces: /incident open \"Cyclone Biparjoy\" Kutch"
)


def incident_command(text_args: str) -> IncidentCommand:
    """The action, name and districts of an /incident command."""
    try:
        words = shlex.split(text_args or "")
    except ValueError:
        words = (text_args or "").split()
    if not words or words[0].lower() not in {"open", "close"}:
        raise UsageError(INCIDENT_USAGE)
    action, rest = words[0].lower(), words[1:]
    if action == IncidentAction.CLOSE:
        if len(rest) > 1:
            raise UsageError(INCIDENT_USAGE)
        return IncidentCommand(IncidentAction.CLOSE, _incident_name(rest[0]) if rest else None)
    if not rest:
        raise UsageError(INCIDENT_USAGE)
    return IncidentCommand(IncidentAction.OPEN, _incident_name(rest[0]), tuple(dict.fromkeys(district(word) for word in rest[1:])))


def _incident_name(text: str) -> str:
    name = " ".join(text.split())
    if not 1 <= len(name) <= 60:
        raise UsageError("An incident name is 1 to 60 characters.")
    return name


def district(word: str) -> str:
    """The canonical district name for a word ("kachchh", "Devbhumi-Dwarka", "કચ્છ")."""
    key = normalise(word.replace("-", " ").replace("_", " ").strip(" ,"))
    key = re.sub(r"\s+", " ", key)
    if key not in _DISTRICT_OF:
        raise UsageError(f"{word!r} is not a district of Gujarat I know. Write it as on the roster, e.g. Kutch.")
    return _DISTRICT_OF[key]


def export_choice(data: str) -> ExportChoice:
    """Decode /export callback data; UsageError for anything not made by encode()."""
    parts = (data or "").split("|")
    if not parts or parts[0] != "x" or len(data.encode()) > CALLBACK_LIMIT:
        raise UsageError("This button is out of date: send /export again.")
    values: dict[str, object] = {}
    try:
        for part in parts[1:]:
            key, value = part[:1], part[1:]
            if key == "g":
                values["chat_id"] = int(value)
            elif key == "i":
                values["incident_id"] = int(value)
            elif key == "r" and value in RANGES:
                values["range_code"] = value
            elif key == "f":
                values["fmt"] = parse_format(value)
            elif key == "u" and value in {"0", "1"}:
                values["unmasked"] = value == "1"
            else:
                raise ValueError(part)
    except (ValueError, ExportOptionError):
        raise UsageError("This button is out of date: send /export again.") from None
    return ExportChoice(**values)  # type: ignore[arg-type]


EXPORT_USAGE = (
    "Send /export and choose with the buttons, or type: /export GROUP FROM TO FORMAT — e.g."
    " /export Kutch 2025-01-01 2025-01-31 html — or /export incident NAME FORMAT."
    " FORMAT is csv, jsonl or html; a state admin may add: unmasked."
)


def typed_export(text_args: str) -> TypedExport:
    """The options of a typed /export command."""
    try:
        words = shlex.split(text_args or "")
    except ValueError:
        words = (text_args or "").split()
    unmasked = bool(words) and words[-1].lower() == "unmasked"
    if unmasked:
        words = words[:-1]
    try:
        if len(words) == 3 and words[0].lower() == "incident":
            return TypedExport(None, words[1], None, None, parse_format(words[2]), unmasked)
        if len(words) == 4:
            return TypedExport(words[0], None, parse_day(words[1]), parse_day(words[2]), parse_format(words[3]), unmasked)
    except ExportOptionError as error:
        raise UsageError(f"{str(error)[0].upper()}{str(error)[1:]}.\n{EXPORT_USAGE}") from None
    raise UsageError(EXPORT_USAGE)


def search_words(text_args: str) -> str:
    """The words of /search WORDS."""
    words = " ".join((text_args or "").split())
    if not words or not re.search(r"[\w\u0900-\u097f\u0a80-\u0aff]", words):
        raise UsageError("Usage: /search WORDS — e.g. /search rainfall Bhuj, /search વરસાદ, /search बाढ़")
    return words[:200]


def sitrep_request(args: str) -> tuple[str | None, bool]:
    """(NAME, html?) in /sitrep [NAME] [html]."""
    words = args.split()
    as_html = bool(words) and words[-1].lower() == "html"
    if as_html:
        words = words[:-1]
    return (" ".join(words) or None), as_html
