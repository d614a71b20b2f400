"""The tokenizer splits Gujarati and Devanagari words from punctuation; NORM is the matching key."""
from __future__ import annotations

import pytest
import spacy

import nlp.lang  # noqa: F401 - registers the language
from nlp.lang import samvad_norm


@pytest.fixture(scope="module")
def tokenizer():
    return spacy.blank("samvad")


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("માહિતી.", ["માહિતી", "."]),
        ("ગોપનીય, માહિતી.", ["ગોપનીય", ",", "માહિતી", "."]),
        ("ગોપનીય,માહિતી", ["ગોપનીય", ",", "માહિતી"]),
        ("(કલેક્ટર)", ["(", "કલેક્ટર", ")"]),
        ('"ગોપનીય"', ['"', "ગોપનીય", '"']),
        ("નોંધ:આ", ["નોંધ", ":", "આ"]),
        ("जानकारी.", ["जानकारी", "."]),
        ("जानकारी।बैठक", ["जानकारी", "।", "बैठक"]),
        ("report, today.", ["report", ",", "today", "."]),
    ],
)
def test_indic_words_split_from_punctuation(tokenizer, text, tokens):
    assert [t.text for t in tokenizer(text)] == tokens


@pytest.mark.parametrize(
    "word, norm",
    [
        ("s3cr3t", "secret"),
        ("c0nfidential", "confidential"),
        ("g0pn1ya", "gopniya"),
        ("10am", "10am"),  # a time, not leetspeak
        ("covid19", "covid19"),
        ("ABCPE1234F", "abcpe1234f"),  # a PAN keeps its digits
        ("બેઠકમાં", "બેઠક"),  # Gujarati postposition stripped
        ("કરવી", "કરવા"),  # infinitive endings fold together
        ("કરવું", "કરવા"),
        ("बैठकों", "बैठक"),  # Hindi oblique plural
        ("करें", "करें"),  # imperatives are not stemmed
    ],
)
def test_norm(word, norm):
    assert samvad_norm(word) == norm


def test_the_tokenizer_remembers_more_chunks_than_the_lexicons_and_spacys_default_hold():
    # spaCy remembers 10,000 chunks by default; the lexicons' phrases alone are some 4,600 of them, and a chunk
    # past the limit goes through the affix searches on every message.
    from nlp.pipeline import build_pipeline, load_pipeline

    assert build_pipeline(with_classifier=False).tokenizer.max_cache_size >= 100_000
    assert load_pipeline().tokenizer.max_cache_size >= 100_000
