"""Normalisation for matching, with a map back to offsets in the original text.

Steps: NFKC per character (case is kept: names need it; matching keys are
lower-cased by the tokenizer's NORM); format characters, variation selectors and
combining accents over Latin letters dropped; look-alike letters folded
(TR39); digits of any script read as ASCII digits; letters that
are spaced out or separated by dots, dashes or stars joined; symbols used for
letters inside words ($ecret, @adhaar) and letters inside long digit runs
(98240l2345) read as what they stand for. Digits used for letters inside
words (s3cr3t) are undone per token, in the tokenizer's NORM (see `lang.py`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from nlp.confusables import latin_lookalikes

_GENERIC_MARKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
# Characters that render as nothing (or as blank) and so hide inside words.
_INVISIBLE = frozenset(
    "\u115f\u1160\u3164\uffa0\u2800\u034f\u180b\u180c\u180d\u180e\u17b4\u17b5"
)
_NUKTA = frozenset("\u093c\u0abc")
_CHANDRABINDU = {"\u0901": "\u0902", "\u0a81": "\u0a82"}


def _generic_mark(c: str) -> bool:
    cp = ord(c)
    return any(lo <= cp <= hi for lo, hi in _GENERIC_MARKS) or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _fold_char(ch: str) -> str:
    """The normalised form of one character (possibly empty or several characters)."""
    category = unicodedata.category(ch)
    if category == "Cs":
        # A lone surrogate (from a JSON "\ud800" escape) cannot be encoded.
        return "\ufffd"
    if category == "Cf" or ch in _INVISIBLE or ch in _NUKTA or _generic_mark(ch):
        return ""
    if ch in _CHANDRABINDU:
        return _CHANDRABINDU[ch]
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    lookalikes = latin_lookalikes()
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if _generic_mark(c) or c in _NUKTA or unicodedata.category(c) == "Cf":
            continue
        if unicodedata.category(c) == "Nd":
            out.append(str(unicodedata.decimal(c)))
            continue
        c = lookalikes.get(c, c)
        if not c.isascii() and c.isalpha() and unicodedata.name(c, "").startswith("LATIN"):
            base = unicodedata.normalize("NFD", c)[0]
            c = base if base.isascii() else c
        out.append(c)
    return "".join(out)


class _FoldTable(dict):
    """`str.translate` table filled on first sight of each character."""

    def __init__(self) -> None:
        super().__init__()
        self.complex: set[str] = set()

    def complex_pattern(self) -> re.Pattern[str]:
        """A character class of the characters that fold to other than one character (the set only grows)."""
        if getattr(self, "_pattern_size", -1) != len(self.complex):
            self._pattern = re.compile("[" + "".join(re.escape(c) for c in sorted(self.complex)) + "]")
            self._pattern_size = len(self.complex)
        return self._pattern

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        folded = _fold_char(ch)
        if len(folded) != 1:
            self.complex.add(ch)
        self[cp] = folded
        return folded


_FOLD = _FoldTable()
# Characters that may fold to something else: all but ASCII and the Gujarati
# and Devanagari letters and signs (nukta, candrabindu, digits and the
# precomposed nukta letters do fold). Texts without them skip the translation.
_NEEDS_FOLD = re.compile(
    "[^\x00-\x7f\u0a82-\u0abb\u0abd-\u0ae5\u0af0-\u0aff\u0900\u0902-\u093b\u093d-\u0957\u0960-\u0965\u0970-\u097f]"
)

# A run of them, written as one and then any more (not `+`): a pattern that opens with a character class is
# searched by testing each character against the class, one that opens with a repeat by trying a whole match
# at every character (the same matches, about a fifth of the cost on a Gujarati or Hindi text).
_NEEDS_FOLD_RUN = re.compile(_NEEDS_FOLD.pattern + _NEEDS_FOLD.pattern + "*")


def _fold_run(match: re.Match[str], runs: list[str]) -> str:
    # (Each run kept in `runs`: `normalise` looks there for a character that folds to none or several.)
    run = match.group()
    runs.append(run)
    return run.translate(_FOLD)


_LETTER = r"[^\W\d_]"
_MARKS = r"[\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0a81-\u0a83\u0abc-\u0acd\u0ae2\u0ae3]"
_UNIT = rf"(?:{_LETTER}{_MARKS}*|\d)(?![^\W_]|{_MARKS})"
_SEP = r"[ .\-*_·•~|/\\+]{1,3}"
# Number words, so that "nine eight two four ..." reads as digits.
NUMBER_WORDS: dict[str, str] = {}
for _digit, _words in enumerate((
    "zero shunya shoonya sunya शून्य શૂન્ય",
    "one ek एक એક",
    "two do be दो બે",
    "three teen tin tran तीन ત્રણ",
    "four char chaar चार ચાર",
    "five panch paanch पांच पाँच પાંચ",
    "six chha chhah छह छः છ",
    "seven saat sat सात સાત",
    "eight aath aat आठ આઠ",
    "nine nau nav नौ નવ",
)):
    for _word in _words.split():
        NUMBER_WORDS[_word] = str(_digit)
NUMBER_WORDS["oh"] = "0"
_NUMBER_WORD = "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True))
_RUN = re.compile(rf"(?<![^\W_])(?<!{_MARKS}){_UNIT}(?P<sep>{_SEP})(?:{_UNIT}(?P=sep)){{1,}}{_UNIT}")
_NUMWORDS = re.compile(
    rf"(?<![^\W_])(?i:{_NUMBER_WORD})(?:[\s,\-.]+(?i:{_NUMBER_WORD})){{5,}}(?![^\W_]|{_MARKS})"
)
_STAR = re.compile(rf"(?<={_LETTER})[*·•]+(?={_LETTER})")
# "@" inside a word is a letter unless a domain follows (sh@meless, not abc@gmail.com).
_SYM = re.compile(
    rf"(?<![^\W_])[@$](?={_LETTER}{{2}})|(?<={_LETTER})[$!|](?={_LETTER})|(?<={_LETTER})@(?={_LETTER}+(?![\w.@]))"
)
_DIGITS = re.compile(r"(?<![^\W_])(?=(?:[oilOIL|]*\d){6})[\doilOIL|]{8,}(?![^\W_])")
# Cheap tests that rule each edit out for most messages.
# A run's second unit stands alone between separators and its third after them: a search that opens
# with a separator is cheaper than the run's own (which opens with look-behinds) and rules most texts out.
_RUN_HINT = re.compile(
    rf"[ .\-*_·•~|/\\+](?:{_LETTER}{_MARKS}*|\d)[ .\-*_·•~|/\\+]{{1,3}}(?:{_LETTER}{_MARKS}*|\d)(?![^\W_]|{_MARKS})"
)
# What a match of _DIGITS holds: six digits with only letters it reads as digits between them (a search that
# opens with a digit tries only where one stands; a search for the run itself tries at every o, i and l).
_SIX_DIGITS = re.compile(r"\d(?:[oilOIL|]*\d){5}")
_DIGIT = re.compile(r"\d")
# Each ASCII character's class for `_ascii_hints`: a separator of `_SEP` "s", a letter "a", a digit "d",
# anything else "-" (bytes over 127 never occur: the text is ASCII).
_ASCII_CLASSES = bytes(
    ord("s") if chr(b) in " .-*_~|/\\+" else ord("d") if chr(b).isdigit() else ord("a") if chr(b).isalpha()
    else ord("-")
    for b in range(256)
)
_NUMBER_WORD_SET = frozenset(NUMBER_WORDS)
SHORT_WORDS = frozenset(
    "a i o આ એ ન ને કે તો જ છે મા व न ने से का की के को है में तो ही भी या".split()
)
_UNIT_IN_RUN = re.compile(rf"{_LETTER}{_MARKS}*|\d")
_SYMBOL_LETTER = {"@": "a", "$": "s", "!": "i", "|": "l"}
_DIGIT_LETTER = {"o": "0", "O": "0", "i": "1", "I": "1", "l": "1", "L": "1", "|": "1"}


@dataclass(frozen=True, slots=True)
class Normalised:
    """Normalised text and, unless it lines up with the original, each character's origin."""

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    # Where a normalised character stands for several original ones (a
    # number word read as a digit), the end of the last; else start + 1.
    ends: tuple[int, ...] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span [start, end) of the normalised text to the original text."""
        if self.starts is None:
            return start, end
        if end <= start:
            raise ValueError("empty span")
        last = self.ends[end - 1] if self.ends is not None else self.starts[end - 1] + 1
        return self.starts[start], last


def _slow_fold(text: str) -> tuple[str, list[int]]:
    # Only the characters that fold to nothing or to several are looked at one by one: the runs
    # between them fold character for character (every character of `text` that may fold has been
    # looked up by now, so `complex` knows all of this text's).
    pieces: list[str] = []
    starts: list[int] = []
    pos = 0
    for m in _FOLD.complex_pattern().finditer(text):
        i = m.start()
        if i > pos:
            pieces.append(text[pos:i].translate(_FOLD))
            starts.extend(range(pos, i))
        folded = _FOLD[ord(text[i])]
        if folded:
            pieces.append(folded)
            starts.extend([i] * len(folded))
        pos = i + 1
    if pos < len(text):
        pieces.append(text[pos:].translate(_FOLD))
        starts.extend(range(pos, len(text)))
    return "".join(pieces), starts


def _ascii_hints(folded: str) -> tuple[bool, bool]:
    """For an ASCII text: whether a separator, a letter or digit, and a separator stand in a row (how every
    `_RUN_HINT` match opens: an ASCII unit is one character, marks are not ASCII), and whether it holds six
    digits (every `_SIX_DIGITS` match does). One byte translation and a few substring tests instead of two
    searches whose every try, at each blank or digit, is a call into the matching engine."""
    classes = folded.encode("ascii").translate(_ASCII_CLASSES)
    return b"sas" in classes or b"sds" in classes, classes.count(b"d") >= 6


def _edits(folded: str) -> tuple[set[int], dict[int, str], set[int]]:
    deleted: set[int] = set()
    replaced: dict[int, str] = {}
    merged: set[int] = set()  # deleted characters that belong to the character before them
    run_hint, six_digits = _ascii_hints(folded) if folded.isascii() else (True, True)
    if run_hint and _RUN_HINT.search(folded):
        for m in _RUN.finditer(folded):
            units = list(_UNIT_IN_RUN.finditer(m.group()))
            # A one-letter word next to a word spaced out by blanks is a word ("a", "આ", "है").
            spaced = m.group("sep").isspace()
            while spaced and len(units) > 3 and units[0].group().lower() in SHORT_WORDS:
                units.pop(0)
            while spaced and len(units) > 3 and units[-1].group().lower() in SHORT_WORDS:
                units.pop()
            if all(u.group().isdigit() for u in units) and len(units) < 8:
                continue
            base = m.start()
            kept = {i for u in units for i in range(base + u.start(), base + u.end())}
            first, last = base + units[0].start(), base + units[-1].end()
            deleted.update(i for i in range(first, last) if i not in kept)
    lowered = folded.lower()
    words = (lowered.replace(",", " ") if "," in lowered else lowered).split()
    if not _NUMBER_WORD_SET.isdisjoint(words) and sum(map(_NUMBER_WORD_SET.__contains__, words)) >= 6:
        for m in _NUMWORDS.finditer(folded):
            base = m.start()
            for word in re.finditer(r"[^\s,\-.]+", m.group()):
                start, end = base + word.start(), base + word.end()
                replaced[start] = NUMBER_WORDS[word.group().lower()]
                deleted.update(range(start + 1, end))
                merged.update(range(start + 1, end))
            deleted.update(i for i in range(m.start(), m.end()) if i not in replaced and not folded[i].isalnum())
    if "*" in folded or "·" in folded or "•" in folded:
        for m in _STAR.finditer(folded):
            deleted.update(range(m.start(), m.end()))
    if "@" in folded or "$" in folded or "!" in folded or "|" in folded:
        for m in _SYM.finditer(folded):
            replaced[m.start()] = _SYMBOL_LETTER[m.group()]
    if six_digits and _SIX_DIGITS.search(folded) is not None:
        for m in _DIGITS.finditer(folded):
            # Only inside the run: a leading or trailing letter belongs to a code (L7401355).
            for i in range(m.start() + 1, m.end() - 1):
                if folded[i] in _DIGIT_LETTER:
                    replaced[i] = _DIGIT_LETTER[folded[i]]
    return deleted, replaced, merged


def normalise(text: str) -> Normalised:
    """Normalise `text` for matching, keeping a map back to the original offsets."""
    starts: list[int] | None = None
    if text.isascii():
        folded = text  # ASCII, Gujarati and Devanagari letters fold to themselves
    else:
        # Only the runs of characters that may fold are translated (a Gujarati or Hindi message is
        # mostly letters that fold to themselves, and str.translate looks every character up).
        runs: list[str] = []
        folded = _NEEDS_FOLD_RUN.sub(lambda match: _fold_run(match, runs), text)
        # A character that folds to none or several is one that may fold, so it stands in one of those runs:
        # they are searched for one, not the whole text (a search of the class of such characters, not
        # `complex.isdisjoint(...)`, which would make a string object of each character).
        if _FOLD.complex and runs:
            pattern = _FOLD.complex_pattern()
            for run in runs:
                if pattern.search(run) is not None:
                    folded, starts = _slow_fold(text)
                    break
    deleted, replaced, merged = _edits(folded)
    if not deleted and not replaced:
        return Normalised(text, folded, tuple(starts) if starts is not None else None)
    origin = starts if starts is not None else range(len(folded))
    chars: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    for i, ch in enumerate(folded):
        if i in deleted:
            if i in merged and new_ends:
                new_ends[-1] = origin[i] + 1
            continue
        chars.append(replaced.get(i, ch))
        new_starts.append(origin[i])
        new_ends.append(origin[i] + 1)
    return Normalised(text, "".join(chars), tuple(new_starts), tuple(new_ends) if merged else None)
