"""Accuracy floors on the holdout split (never the development set), and reproducible training."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from nlp.evaluate import evaluate, read_examples
from nlp.filter import load_thresholds
from nlp.pipeline import PACKAGED_MODEL
from nlp.training import DECISION_FILE, DEFAULT_CORPUS, train

FLOORS = load_thresholds()["floors"]
MINI = Path(__file__).parent / "data" / "mini_corpus"


@pytest.fixture(scope="module")
def holdout_report(content_filter):
    return evaluate(content_filter, read_examples(DEFAULT_CORPUS / "holdout.jsonl"))


@pytest.mark.parametrize("label", sorted(FLOORS["f1"]))
def test_f1_on_holdout_meets_its_floor(holdout_report, label):
    assert holdout_report.prf(label)[2] >= FLOORS["f1"][label]


def test_micro_f1_and_false_alarms_on_holdout(holdout_report):
    assert holdout_report.micro()[2] >= FLOORS["micro_f1"]
    assert holdout_report.false_alarm_rate <= FLOORS["false_alarm_rate"]


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
