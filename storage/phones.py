"""Indian mobile numbers as people write them, brought to one form: E.164 (+91XXXXXXXXXX).

Accepted: the ten digits alone, or after 0, 91, +91 or 0091, with spaces, dashes,
dots or brackets anywhere. An Indian mobile number's ten digits start with 6, 7, 8 or 9.
"""

from __future__ import annotations

import re

COUNTRY_CODE = "91"
_SEPARATORS = re.compile(r"[\s\-.()/\u00a0\u2010-\u2015]")
_PREFIXES = ("+91", "0091", "91", "0")
_NATIONAL = re.compile(r"[6-9]\d{9}")


class InvalidMobileNumber(ValueError):
    """Text that is not an Indian mobile number; `reason` says why, for a person to fix it."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason


def normalise_mobile(text: str) -> str:
    """The number in E.164 (+91XXXXXXXXXX); raises InvalidMobileNumber with the reason."""
    compact = _SEPARATORS.sub("", text.strip())
    if not compact:
        raise InvalidMobileNumber(text, "no number given")
    if compact.startswith("+") and not compact.startswith("+91"):
        raise InvalidMobileNumber(text, "not an Indian number (only +91 numbers are official numbers)")
    if not compact.lstrip("+").isdigit() or not compact.isascii():
        raise InvalidMobileNumber(text, "a number may hold only digits, spaces, dashes and a leading +")
    national = _national_part(compact)
    if len(national) != 10:
        raise InvalidMobileNumber(text, f"an Indian mobile number has 10 digits after +91, this has {len(national)}")
    if not _NATIONAL.fullmatch(national):
        raise InvalidMobileNumber(text, "an Indian mobile number starts with 6, 7, 8 or 9 (after +91)")
    return f"+{COUNTRY_CODE}{national}"


def is_mobile(text: str) -> bool:
    """Whether text is an Indian mobile number in any accepted spelling."""
    try:
        normalise_mobile(text)
    except InvalidMobileNumber:
        return False
    return True


def display_mobile(e164: str) -> str:
    """+919426210001 as people read it: +91 94262 10001 (anything else unchanged)."""
    if len(e164) == 13 and e164.startswith("+91") and e164[1:].isdigit():
        return f"+91 {e164[3:8]} {e164[8:]}"
    return e164


def _national_part(compact: str) -> str:
    """The digits after the country code or trunk prefix, when the length says one is there."""
    if len(compact) == 10 and not compact.startswith("+"):
        return compact
    for prefix in _PREFIXES:
        if compact.startswith(prefix):
            return compact[len(prefix):]
    return compact
