"""The corpus files are what the generator writes, and the splits keep their promises: every family in
exactly one split, the untouched families exactly those `gen/splits.py` names, no text in two splits."""
from __future__ import annotations

import json
import unicodedata

import pytest

from nlp.corpus.gen.__main__ import build
from nlp.corpus.gen.splits import CALIBRATION, UNTOUCHED
from nlp.training import DEFAULT_CORPUS

SPLITS = ("train", "calibration", "untouched")


@pytest.fixture(scope="module")
def files() -> dict[str, list[dict]]:
    return {name: [json.loads(line) for line in (DEFAULT_CORPUS / f"{name}.jsonl").read_text("utf-8").splitlines()]
            for name in SPLITS}


def _folded(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def test_the_files_are_what_the_generator_writes(files):
    rebuilt = build()
    for name in SPLITS:
        assert files[name] == rebuilt[name], f"{name}.jsonl differs from `python -m nlp.corpus.gen`"


def test_every_family_is_in_exactly_one_split(files):
    seen: dict[str, str] = {}
    for name in SPLITS:
        for row in files[name]:
            assert seen.setdefault(row["family"], name) == name, row["family"]


def test_the_untouched_split_holds_exactly_the_families_held_out(files):
    assert {row["family"] for row in files["untouched"]} == UNTOUCHED
    generated = {row["family"] for row in files["calibration"] if not row["family"].startswith("legacy_")}
    assert generated == CALIBRATION


def test_no_text_is_in_two_splits(files):
    where: dict[str, str] = {}
    for name in SPLITS:
        for row in files[name]:
            other = where.setdefault(_folded(row["text"]), name)
            assert other == name, (row["id"], other)


def test_the_corpus_is_large_enough_to_teach_meaning(files):
    # Issue 12: at least 6,000 messages, in all five language forms, every label on both sides in untouched.
    assert sum(len(rows) for rows in files.values()) >= 6000
    for name in SPLITS:
        assert {row["lang"] for row in files[name]} == {"en", "gu", "hi", "translit", "mixed"}
    labels = {label for row in files["untouched"] for label in row["labels"]}
    assert labels == {"confidential", "hostile", "instruction", "personal_data"}
    assert any(not row["labels"] for row in files["untouched"])
