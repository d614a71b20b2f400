"""Normalisation undoes each evasion form and maps spans back to the original text."""
from __future__ import annotations

import pytest

from nlp.normalise import normalise


@pytest.mark.parametrize(
    "text, expected",
    [
        ("s e c r e t", "secret"),  # spaced letters
        ("s.e.c.r.e.t", "secret"),  # dots
        ("s-e-c-r-e-t", "secret"),  # dashes
        ("s*e*c*r*e*t", "secret"),  # stars
        ("C O N F I D E N T I A L", "CONFIDENTIAL"),
        ("p.o.l.i.c.y p.r.o.p.o.s.a.l", "policy proposal"),  # one separator inside words, another between
        ("con*fidential", "confidential"),
        ("se\u200bcret", "secret"),  # zero-width space
        ("con\u200dfi\u2060dential", "confidential"),  # joiner, word joiner
        ("sec\u00adret", "secret"),  # soft hyphen
        ("ѕесrеt", "secret"),  # Cyrillic look-alikes
        ("Ѕесrеt", "Secret"),
        ("ꜱecret", "secret"),  # Latin small capital
        ("ＳＥＣＲＥＴ", "SECRET"),  # full-width (NFKC)
        ("𝐬𝐞𝐜𝐫𝐞𝐭", "secret"),  # mathematical bold (NFKC)
        ("s̲e̲c̲r̲e̲t̲", "secret"),  # combining underline
        ("sécrèt", "secret"),
        ("$ecret", "secret"),
        ("@adhaar", "aadhaar"),
        ("૯૮૨૪૦૧૨૩૪૫", "9824012345"),  # Gujarati digits
        ("९८२४०१२३४५", "9824012345"),  # Devanagari digits
        ("98240l2345", "9824012345"),  # letter l for digit 1
        ("L7401355", "L7401355"),  # a passport number keeps its series letter
        ("9 8 2 4 0 1 2 3 4 5", "9824012345"),
        ("nine eight two four zero one two three four five", "9824012345"),
        ("ગો પ ની ય", "ગોપનીય"),  # spaced Gujarati syllables
        ("गो.प.नी.य", "गोपनीय"),
        ("क़ानून", "कानून"),  # nukta dropped for matching
    ],
)
def test_evasion_forms_are_undone(text, expected):
    assert normalise(text).text == expected


@pytest.mark.parametrize(
    "text",
    ["Group A, B and C", "a b", "Meeting at 5 pm", "Options 1 2 3", "Shri P. M. Desai", "ok"],
)
def test_ordinary_text_is_left_alone(text):
    assert normalise(text).text == text


@pytest.mark.parametrize(
    "text, word",
    [
        ("this is s e c r e t ok", "secret"),
        ("this is se\u200bcret ok", "secret"),
        ("this is ѕесrеt ok", "secret"),
        ("this is ﬁle ok", "file"),
        ("call nine eight two four zero one two three four five now", "9824012345"),
        ("😀😀 se\u200bc\u200bret", "secret"),
    ],
)
def test_spans_map_back_to_the_original(text, word):
    norm = normalise(text)
    start = norm.text.index(word)
    o_start, o_end = norm.to_original(start, start + len(word))
    original = text[o_start:o_end]
    assert normalise(original).text == word
    assert 0 <= o_start < o_end <= len(text)


def test_identity_texts_need_no_offset_map():
    assert normalise("Please send the report").starts is None
