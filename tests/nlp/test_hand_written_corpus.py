"""The hand-written training families (`nlp/corpus/gen/hand_written.jsonl`, `hand_*`): well formed, in the
training split only (and there only once they are trained on), both sides of every label, and Aadhaar-shaped
numbers valid exactly in personal_data lines.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter

import pytest

from nlp.corpus.gen.__main__ import build
from nlp.corpus.gen.hand import FAMILIES, HAND, IN_TRAIN
from nlp.training import DEFAULT_CORPUS
from tests.nlp.test_nlp_checksums import independent_valid
from tests.nlp.test_sealed_corpus import _AADHAAR_SHAPED, _NATIVE_DIGITS, LABELS, LANGS, STYLES, _folded


@pytest.fixture(scope="module")
def written() -> list[dict]:
    return [json.loads(line) for line in HAND.read_text("utf-8").splitlines() if line.strip()]


def test_every_line_is_well_formed_and_in_a_described_family(written):
    for n, row in enumerate(written, 1):
        assert set(row) == {"text", "labels", "lang", "family", "style"}, n
        assert row["text"].strip() and row["text"] == unicodedata.normalize("NFC", row["text"]), n
        assert row["labels"] == sorted(set(row["labels"])) and set(row["labels"]) <= LABELS, n
        assert row["lang"] in LANGS and row["style"] in STYLES, n
        assert row["family"].startswith("hand_") and row["family"] in FAMILIES, n
    assert {row["family"] for row in written} == set(FAMILIES)


def test_the_splits_hold_them_only_when_they_are_trained_on():
    # Not trained on yet (gen/hand.py IN_TRAIN): no split names a hand_ family. Built with them, they are
    # appended to train and nothing else changes.
    in_files = set()
    for name in ("train", "calibration", "untouched"):
        for line in (DEFAULT_CORPUS / f"{name}.jsonl").read_text("utf-8").splitlines():
            if json.loads(line)["family"].startswith("hand_"):
                in_files.add(name)
    assert in_files == ({"train"} if IN_TRAIN else set())
    without, with_hand = build(with_hand=False), build(with_hand=True)
    assert with_hand["calibration"] == without["calibration"] and with_hand["untouched"] == without["untouched"]
    added = with_hand["train"][len(without["train"]):]
    assert with_hand["train"][:len(without["train"])] == without["train"]
    assert {row["family"] for row in added} == set(FAMILIES)
    assert len(added) == len(HAND.read_text("utf-8").splitlines())


def test_both_sides_of_every_label_in_every_language_form(written):
    assert len(written) >= 600
    assert len({_folded(row["text"]) for row in written}) == len(written)
    assert {row["lang"] for row in written} == LANGS
    for label in LABELS:
        assert sum(label in row["labels"] for row in written) >= 40, label
    unlabelled = sum(not row["labels"] for row in written) / len(written)
    assert 0.45 <= unlabelled <= 0.60
    by_lang = Counter(row["lang"] for row in written if row["labels"])
    assert all(by_lang[lang] >= 20 for lang in LANGS), by_lang


def test_aadhaar_shaped_numbers_pass_verhoeff_exactly_in_personal_data_lines(written):
    # The table-free Verhoeff of test_nlp_checksums (checked there against published vectors).
    for n, row in enumerate(written, 1):
        text = row["text"].translate(_NATIVE_DIGITS)
        for match in _AADHAAR_SHAPED.finditer(text):
            assert independent_valid("".join(match.groups())) == ("personal_data" in row["labels"]), (n, match.group(0))
