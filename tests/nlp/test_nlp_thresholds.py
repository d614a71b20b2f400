"""Accuracy floors on the untouched split (whole families no rule or threshold was tuned on; never the
development set), the thresholds file, and reproducible training."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from nlp.decision import DecisionModel
from nlp.evaluate import evaluate, read_examples
from nlp.filter import load_thresholds
from nlp.pipeline import PACKAGED_MODEL
from nlp.training import DECISION_FILE, DEFAULT_CORPUS, file_sha256, train
from nlp.verdict import LABELS

FLOORS = load_thresholds()["floors"]
MINI = Path(__file__).parent / "data" / "mini_corpus"


@pytest.fixture(scope="module")
def untouched_report(content_filter):
    return evaluate(content_filter, read_examples(DEFAULT_CORPUS / "untouched.jsonl"))


@pytest.mark.parametrize("label", sorted(FLOORS["f1"]))
def test_f1_on_untouched_meets_its_floor(untouched_report, label):
    assert untouched_report.prf(label)[2] >= FLOORS["f1"][label]


def test_micro_f1_and_false_alarms_on_untouched(untouched_report):
    assert untouched_report.micro()[2] >= FLOORS["micro_f1"]
    assert untouched_report.false_alarm_rate <= FLOORS["false_alarm_rate"]


@pytest.mark.parametrize("label", sorted(FLOORS["act_precision"]))
def test_upper_tier_precision_on_untouched_meets_its_floor(untouched_report, label):
    assert untouched_report.act_precision(label) >= FLOORS["act_precision"][label]


def test_thresholds_were_chosen_on_the_calibration_split_and_say_so():
    decision = DecisionModel.read(PACKAGED_MODEL / DECISION_FILE)
    assert decision.figures["chosen_on"] == "calibration.jsonl"
    for label in LABELS:
        model, chosen = decision.labels[label], decision.figures["labels"][label]
        assert 0.0 < model.lower <= model.upper
        assert chosen["at_lower"]["threshold"] == pytest.approx(model.lower, abs=1e-4)
        assert chosen["at_upper"]["threshold"] == pytest.approx(model.upper, abs=1e-4)
        # Where the upper tier exists, it was chosen for its precision.
        if model.upper <= 1.0:
            assert chosen["at_upper"]["precision"] >= decision.figures["act_precision_target"]


def test_packaged_model_was_trained_on_the_corpus_in_the_repo():
    """`samvad nlp train` reproduces the packaged model only from the corpus it was trained on: a corpus edited
    after packaging (or a model trained on an older corpus) must be retrained before it is committed."""
    figures = DecisionModel.read(PACKAGED_MODEL / DECISION_FILE).figures
    train_lines = (DEFAULT_CORPUS / "train.jsonl").read_text(encoding="utf-8").splitlines()
    calibration_lines = (DEFAULT_CORPUS / "calibration.jsonl").read_text(encoding="utf-8").splitlines()
    assert figures["messages"] == {"train": len(train_lines), "calibration": len(calibration_lines)}
    assert figures["corpus_sha256"] == {
        "train": file_sha256(DEFAULT_CORPUS / "train.jsonl"),
        "calibration.jsonl": file_sha256(DEFAULT_CORPUS / "calibration.jsonl"),
    }
    assert figures["seed"] == 0  # the documented command's default


def test_packaged_model_is_small_and_complete():
    files = [p for p in PACKAGED_MODEL.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 5_000_000
    assert (PACKAGED_MODEL / "config.cfg").is_file() and (PACKAGED_MODEL / DECISION_FILE).is_file()


def test_training_is_reproducible_with_a_fixed_seed(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    train(MINI, first, seed=7, epochs=3, out=io.StringIO())
    train(MINI, second, seed=7, epochs=3, out=io.StringIO())
    weights = Path("textcat_multilabel") / "model"
    assert (first / weights).read_bytes() == (second / weights).read_bytes()
    assert json.loads((first / DECISION_FILE).read_text()) == json.loads((second / DECISION_FILE).read_text())
