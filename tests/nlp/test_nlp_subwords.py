"""Subword pieces in the classifier's bag (issue 12, char12m; nlp.pipeline.SUBWORDS, off in the packaged model).

"S" adds each NORM word's first 4 and last 3 characters (words of 5+ characters), "C" the character trigrams of
"<" + word + ">" (words of 4+), "R" (rule20) the consonant skeleton of each a-z word of 4+ characters in a document
with two or more romanised Gujarati or Hindi function words. The expected pieces below are written by hand from
those definitions.
"""
from __future__ import annotations

import numpy
import pytest
from spacy.attrs import NORM
from spacy.ml.extract_ngrams import extract_ngrams
from spacy.training import Example as SpacyExample

from nlp.normalise import normalise
from nlp.pipeline import (
    SUBWORDS,
    TEXTCAT,
    NormArray,
    _batched_forward,
    build_pipeline,
    extract_ngrams_batched,
    load_pipeline,
    subword_pieces,
)
from nlp.verdict import LABELS

TEXTS = [
    "Send the relief figures by 5 pm today.",
    "send send send the the the",
    "બધા મામલતદારશ્રીઓએ આજે સાંજ સુધીમાં અહેવાલ મોકલવો.",
    "सभी तलाटी कल सुबह 10 बजे बैठक में उपस्थित रहें।",
    "Mamlatdar Sanand ne kal sudhi report mokalvu, mokalvo nahi to mokalo",
    "Tame aaje sanje report mokalvu che, jaldi karjo",
    "ok",
    "!!!",
    "Noted sir 🙏",
    "\ud800 confidential",
]


def _pipeline(kind: str):
    return build_pipeline(with_classifier=False) if not kind else build_pipeline(with_classifier=True, subwords=kind)


def _keys(kind: str, text: str) -> set[int]:
    """The bag's keys of one message (through the batched path: a message and a filler)."""
    pipeline = build_pipeline(with_classifier=True, subwords=kind)
    docs = [pipeline.make_doc(normalise(text).text), pipeline.make_doc("filler")]
    (keys, _, lengths), _ = _batched_forward(extract_ngrams_batched(2, NORM, subwords=kind), docs, False)
    return set(keys[: int(lengths[0])].tolist())


def _word_keys(text: str) -> set[int]:
    pipeline = build_pipeline(with_classifier=False)
    keys, _, _ = extract_ngrams(2, attr=NORM).predict([pipeline.make_doc(normalise(text).text)])
    return set(keys.tolist())


def test_the_shipped_setting_is_off():
    assert SUBWORDS == ""
    assert load_pipeline().config["components"][TEXTCAT]["model"].get("subwords", "") == ""


@pytest.mark.parametrize("kind, norm, pieces", [
    ("S", "mokalvu", ["moka", "lvu"]),
    ("S", "bhejiye", ["bhej", "iye"]),
    ("S", "મોકલવા", ["મોકલ", "લવા"]),
    ("S", "send", []),          # 4 characters: no pieces
    ("S", "98250", []),         # no letter
    ("C", "moklo", ["<mo", "mok", "okl", "klo", "lo>"]),
    ("C", "send", ["<se", "sen", "end", "nd>"]),
    ("C", "the", []),
    ("C", "2026", []),
    ("R", "gopniya", ["gpn"]),
    ("R", "gopaniya", ["gpn"]),
    ("R", "bhrashtachar", ["brstcr"]),   # bh -> b, sh -> s, ch -> c, vowels after the first letter dropped
    ("R", "bhrastachaar", ["brstcr"]),
    ("R", "zaroori", ["jrr"]),          # z -> j; vowels after the first letter dropped
    ("R", "jaruri", ["jrr"]),
    ("R", "karwanu", ["krvn"]),         # w -> v
    ("R", "send", ["snd"]),
    ("R", "chahiye", []),               # skeleton "ch": under 3 letters
    ("R", "the", []),                   # 3 characters
    ("R", "મોકલવા", []),                 # not a-z
    ("R", "10am", []),
    ("", "mokalvu", []),
])
def test_pieces_of_a_word(kind, norm, pieces):
    assert [piece for _, piece in subword_pieces(kind, norm)] == pieces


@pytest.mark.parametrize("kind", ["S", "C"])
def test_two_inflections_of_one_gujarati_verb_share_a_feature(kind):
    # મોકલવું (to send, infinitive) and મોકલજો (please send, polite): different NORM words, one stem મોકલ.
    one, other = "અહેવાલ મોકલવું", "અહેવાલ મોકલજો"
    assert _word_keys(one) & _word_keys(other) == _word_keys("અહેવાલ")
    shared = (_keys(kind, one) & _keys(kind, other)) - _word_keys("અહેવાલ") - _keys(kind, "અહેવાલ")
    assert shared


@pytest.mark.parametrize("kind", ["S", "C"])
def test_romanised_spelling_variants_share_a_feature(kind):
    one, other = "report mokalvu", "report mokalvo"
    assert _word_keys(one) & _word_keys(other) == _word_keys("report")
    assert (_keys(kind, one) & _keys(kind, other)) - _keys(kind, "report")


def test_romanised_spellings_share_a_skeleton_in_a_romanised_message():
    # "tame" and "che" are romanised Gujarati function words: the message is romanised.
    one, other = "tame aaje gopniya file mokalo che", "tame aaje gopaniya file mokalo che"
    assert _word_keys(one) - _word_keys(other) and _word_keys(other) - _word_keys(one)
    assert (_keys("R", one) & _keys("R", other)) - _word_keys(one) - _word_keys(other)


def test_no_skeleton_in_an_english_message():
    text = "Please send the confidential report to the Collector today"
    assert _keys("R", text) == _keys("", text) == _word_keys(text)


def test_a_skeleton_needs_two_romanised_function_words():
    # One ("aaje") is not enough; with "che" the two long words each add their skeleton.
    assert _keys("R", "report aaje mokalvu") == _word_keys("report aaje mokalvu")
    text = "report aaje mokalvu che"
    assert len(_keys("R", text) - _word_keys(text)) == 2


def test_a_piece_is_not_the_word_it_spells():
    # "moka" as a word of its own and "moka" as the first four characters of "mokalvu" are different features.
    assert not _word_keys("moka") & (_keys("S", "mokalvu") - _word_keys("mokalvu"))


@pytest.mark.parametrize("kind", ["S", "C", "R"])
def test_batched_bag_is_each_messages_bag(kind):
    """check_many's batch gives each message the keys and counts that check's single message gets."""
    pipeline = build_pipeline(with_classifier=True, subwords=kind)
    docs = [pipeline.make_doc(normalise(text).text) for text in TEXTS]
    model = extract_ngrams_batched(2, NORM, subwords=kind)
    (keys, counts, lengths), _ = _batched_forward(model, docs, False)
    views = [NormArray(doc.to_array([NORM])) for doc in docs]
    (view_keys, view_counts, view_lengths), _ = _batched_forward(model, views, False)
    assert view_keys.tolist() == keys.tolist() and view_counts.tolist() == counts.tolist()
    assert view_lengths.tolist() == lengths.tolist()
    at = 0
    for doc, length in zip(docs, lengths.tolist()):
        (one_keys, one_counts, one_lengths), _ = _batched_forward(model, [doc], False)
        assert one_lengths.tolist() == [length]
        assert one_keys.tolist() == keys[at:at + length].tolist()
        assert one_counts.tolist() == counts[at:at + length].tolist()
        at += length
    assert at == len(keys)


def test_counts_of_repeated_pieces():
    # "mokalvu mokalvu" : the word twice, its two S pieces twice each; "moka" also begins "mokalvo" once.
    pipeline = build_pipeline(with_classifier=True, subwords="S")
    model = extract_ngrams_batched(2, NORM, subwords="S")
    words = _word_keys("mokalvu mokalvu mokalvo")
    (keys, counts, _), _ = _batched_forward(model, [pipeline.make_doc("mokalvu mokalvu mokalvo")], False)
    pieces = sorted(c for k, c in zip(keys.tolist(), counts.tolist()) if k not in words)
    # lvu 2, lvo 1, moka 3
    assert pieces == [1.0, 2.0, 3.0]


def _tiny_trained(kind: str):
    pipeline = build_pipeline(with_classifier=True, subwords=kind)
    data = [("confidential report of the inquiry", "confidential"), ("mokalvu report aaje", "instruction"),
            ("you corrupt fool", "hostile"), ("thanks all", None)]
    examples = [SpacyExample.from_dict(pipeline.make_doc(t), {"cats": {label: float(label == gold) for label in LABELS}})
                for t, gold in data]
    with pipeline.select_pipes(enable=[TEXTCAT]):
        optimizer = pipeline.initialize(lambda: examples)
        for _ in range(5):
            pipeline.update(examples, sgd=optimizer)
    return pipeline


@pytest.mark.parametrize("kind", ["S", "C", "R"])
def test_a_saved_classifier_keeps_its_pieces(kind, tmp_path):
    pipeline = _tiny_trained(kind)
    pipeline.to_disk(tmp_path / "model")
    loaded = load_pipeline(tmp_path / "model")
    assert loaded.config["components"][TEXTCAT]["model"]["subwords"] == kind
    texts = ["please mokalvo the report", "confidentiality of the inquiry", "ok", "tame aaje report mokalvo che"]
    before = pipeline.get_pipe(TEXTCAT).predict([pipeline.make_doc(t) for t in texts])
    after = loaded.get_pipe(TEXTCAT).predict([loaded.make_doc(t) for t in texts])
    assert numpy.array_equal(before, after)
    # One message alone scores as it does in a batch.
    alone = loaded.get_pipe(TEXTCAT).predict([loaded.make_doc(texts[0])])
    assert alone.tolist() == after[:1].tolist()
