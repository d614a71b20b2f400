"""The hand-written training families, every wave (`nlp/corpus/gen/hand_written.jsonl`, `hand_*`;
`hand_written_2.jsonl`, `hw2_*`; `hand_written_3.jsonl`, `hw3_*`): well formed, in the training split only (and
there only once they are trained on), both sides of every label, and Aadhaar-shaped numbers valid exactly in
personal_data lines.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter

import pytest

from nlp.corpus.gen.__main__ import build
from nlp.corpus.gen.hand import FIRST, SECOND, THIRD, Wave
from nlp.training import DEFAULT_CORPUS
from tests.nlp.test_nlp_checksums import independent_valid
from tests.nlp.test_sealed_corpus import _AADHAAR_SHAPED, _NATIVE_DIGITS, LABELS, LANGS, STYLES, _folded

# (wave, at least this many lines, at least this many lines of each label)
WAVES = [pytest.param(FIRST, 600, 40, id="first"), pytest.param(SECOND, 1200, 100, id="second"),
         pytest.param(THIRD, 1200, 100, id="third")]


def _lines(wave: Wave) -> list[dict]:
    return [json.loads(line) for line in wave.path.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("wave, at_least, per_label", WAVES)
def test_every_line_is_well_formed_and_in_a_described_family(wave, at_least, per_label):
    written = _lines(wave)
    for n, row in enumerate(written, 1):
        assert set(row) == {"text", "labels", "lang", "family", "style"}, n
        assert row["text"].strip() and row["text"] == unicodedata.normalize("NFC", row["text"]), n
        assert row["labels"] == sorted(set(row["labels"])) and set(row["labels"]) <= LABELS, n
        assert row["lang"] in LANGS and row["style"] in STYLES, n
        assert row["family"].startswith(wave.prefix) and row["family"] in wave.families, n
    assert {row["family"] for row in written} == set(wave.families)


def test_the_splits_hold_each_wave_only_when_it_is_trained_on():
    # Each wave is appended to train, after the generated families and the waves before it, when its switch
    # (gen/hand.py IN_TRAIN, IN_TRAIN_2, IN_TRAIN_3) is on; calibration and untouched never change because of them.
    waves = (FIRST, SECOND, THIRD)
    in_files: dict[str, set[str]] = {wave.prefix: set() for wave in waves}
    for name in ("train", "calibration", "untouched"):
        for line in (DEFAULT_CORPUS / f"{name}.jsonl").read_text("utf-8").splitlines():
            family = json.loads(line)["family"]
            for prefix in in_files:
                if family.startswith(prefix):
                    in_files[prefix].add(name)
    for wave in waves:
        assert in_files[wave.prefix] == ({"train"} if wave.in_train else set()), wave.prefix
    built = [build(with_hand=False, with_second=False, with_third=False),
             build(with_hand=True, with_second=False, with_third=False),
             build(with_hand=True, with_second=True, with_third=False),
             build(with_hand=True, with_second=True, with_third=True)]
    for later in built[1:]:
        assert later["calibration"] == built[0]["calibration"] and later["untouched"] == built[0]["untouched"]
    for wave, before, after in zip(waves, built, built[1:]):
        assert after["train"][:len(before["train"])] == before["train"]
        added = after["train"][len(before["train"]):]
        assert {row["family"] for row in added} == set(wave.families)
        assert [row["text"] for row in added] == [row["text"] for row in _lines(wave)]


@pytest.mark.parametrize("wave, at_least, per_label", WAVES)
def test_both_sides_of_every_label_in_every_language_form(wave, at_least, per_label):
    written = _lines(wave)
    assert len(written) >= at_least
    assert len({_folded(row["text"]) for row in written}) == len(written)
    assert {row["lang"] for row in written} == LANGS
    for label in LABELS:
        assert sum(label in row["labels"] for row in written) >= per_label, label
    unlabelled = sum(not row["labels"] for row in written) / len(written)
    assert 0.45 <= unlabelled <= 0.60
    by_lang = Counter(row["lang"] for row in written if row["labels"])
    assert all(by_lang[lang] >= 20 for lang in LANGS), by_lang


def test_the_waves_share_no_text():
    seen: set[str] = set()
    for wave in (FIRST, SECOND, THIRD):
        texts = {_folded(row["text"]) for row in _lines(wave)}
        assert not seen & texts, wave.prefix
        seen |= texts


@pytest.mark.parametrize("wave, at_least, per_label", WAVES)
def test_aadhaar_shaped_numbers_pass_verhoeff_exactly_in_personal_data_lines(wave, at_least, per_label):
    # The table-free Verhoeff of test_nlp_checksums (checked there against published vectors).
    for n, row in enumerate(_lines(wave), 1):
        text = row["text"].translate(_NATIVE_DIGITS)
        for match in _AADHAAR_SHAPED.finditer(text):
            assert independent_valid("".join(match.groups())) == ("personal_data" in row["labels"]), (n, match.group(0))


def test_the_third_waves_hard_negatives_are_its_families_with_no_label_marked_plus():
    # A trial corpus of the third wave's hard negatives only (rule18, `--with-third-negatives`): whole families whose
    # stated side marks every label it names '-', with all their lines.
    built = build(with_hand=True, with_second=True, with_third=False, with_third_negatives=True)
    taken = Counter(row["family"] for row in built["train"] if row["family"].startswith(THIRD.prefix))
    assert "hw3_confA_bid_opened" in taken  # "confidential-": tender notices, bids read out at the opening
    assert "hw3_long_decoy_clean" in taken  # "all-"
    assert "hw3_confA_bid_unopened" not in taken  # "confidential+": bid amounts leaked before the opening
    assert "hw3_confB_reminder_instr" not in taken  # "confidential- instruction+": a positive for instructions
    in_file = Counter(row["family"] for row in _lines(THIRD))
    for family, count in taken.items():
        assert "+" not in THIRD.families[family][0] and count == in_file[family], family
    left_out = {family for family in in_file if family not in taken}
    assert all("+" in THIRD.families[family][0] for family in left_out)
    assert built["calibration"] == build(with_hand=True, with_second=True, with_third=False)["calibration"]
