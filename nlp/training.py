"""Train the multi-label text classifier on the corpus kept in the repo
(never on the development set), calibrate the decision thresholds on the
holdout split, and save the pipeline into the package.

Reproducible: a fixed seed drives spaCy/thinc and the shuffling.
"""
from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path
from typing import TextIO

from nlp.evaluate import Example, print_report, read_examples, score
from nlp.verdict import LABELS

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS = PACKAGE_DIR / "corpus"
DEFAULT_OUTPUT = PACKAGE_DIR / "model"
DECISION_FILE = "samvad_decision.json"
EPOCHS = 30
BATCH_SIZE = 8
DROPOUT = 0.1
FOLDS = 5
# A false alarm costs trust: thresholds lean to precision (F-beta, beta < 1).
CALIBRATION_BETA = 0.8
# Alone, the classifier must find a label more likely than not.
CLASSIFIER_ALONE_FLOOR = 0.5
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(15))  # 0.2 ... 0.9


def _training_examples(pipeline, examples: list[Example]):
    from spacy.training import Example as SpacyExample

    from nlp.normalise import normalise

    out = []
    for ex in examples:
        doc = pipeline.make_doc(normalise(ex.text).text)
        out.append(SpacyExample.from_dict(doc, {"cats": {label: float(label in ex.labels) for label in LABELS}}))
    return out


def _fit(train_set: list[Example], seed: int, epochs: int, out: TextIO | None = None):
    """A pipeline whose classifier is trained on `train_set`."""
    from spacy.util import fix_random_seed, minibatch

    from nlp.pipeline import TEXTCAT, build_pipeline

    fix_random_seed(seed)
    rng = random.Random(seed)
    pipeline = build_pipeline(with_classifier=True)
    examples = _training_examples(pipeline, train_set)
    with pipeline.select_pipes(enable=[TEXTCAT]):
        optimizer = pipeline.initialize(lambda: examples)
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in minibatch(examples, size=BATCH_SIZE):
                pipeline.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
            if out is not None:
                out.write(f"epoch {epoch + 1:2d} loss {losses.get(TEXTCAT, 0.0):.4f}\n")
    return pipeline


def train(corpus: Path = DEFAULT_CORPUS, output: Path = DEFAULT_OUTPUT, seed: int = 0, *,
          epochs: int = EPOCHS, folds: int = FOLDS, out: TextIO = sys.stdout) -> dict:
    """Train, calibrate thresholds, save to `output`; returns the holdout figures.

    Thresholds are calibrated on classifier scores the classifier did not
    train on: out-of-fold scores on the training split plus the final
    model's scores on the holdout split.
    """
    from nlp.filter import ContentFilter

    started = time.perf_counter()
    train_set = read_examples(Path(corpus) / "train.jsonl")
    holdout = read_examples(Path(corpus) / "holdout.jsonl")
    order = list(range(len(train_set)))
    random.Random(seed).shuffle(order)
    rows = []
    for fold in range(folds if len(train_set) >= 2 * folds else 0):
        held = {i for k, i in enumerate(order) if k % folds == fold}
        fold_model = _fit([e for i, e in enumerate(train_set) if i not in held], seed, epochs)
        rows += score_rows(fold_model, [e for i, e in enumerate(train_set) if i in held])
        out.write(f"fold {fold + 1}/{folds} done\n")
    pipeline = _fit(train_set, seed, epochs, out)
    rows += score_rows(pipeline, holdout)
    decision = calibrate(rows)
    output = Path(output)
    pipeline.to_disk(output)
    (output / DECISION_FILE).write_text(json.dumps(decision_to_dict(decision), indent=2, sort_keys=True) + "\n", "utf-8")
    content_filter = ContentFilter(pipeline, decision)
    report = score(holdout, content_filter.check_many([e.text for e in holdout]))
    out.write(f"trained on {len(train_set)} messages in {time.perf_counter() - started:.1f}s; holdout ({len(holdout)}):\n")
    print_report(report, out, show_errors=False)
    return {label: report.prf(label) for label in LABELS}


def decision_to_dict(decision) -> dict:
    """The JSON form of a calibrated decision."""
    return {
        "rule_threshold": decision.rule_threshold,
        "weak_rule": decision.weak_rule,
        "countered": decision.countered,
        "classifier": decision.classifier,
        "classifier_with_weak_rule": decision.classifier_with_weak_rule,
    }


def score_rows(pipeline, examples: list[Example]) -> list[tuple[frozenset[str], dict[str, tuple[float, float]]]]:
    """For each example: gold labels and, per label, (rule score, classifier score)."""
    from nlp.filter import Decision, _combine
    from nlp.normalise import normalise

    base = Decision()
    rows = []
    docs = pipeline.pipe(normalise(e.text).text for e in examples)
    for ex, doc in zip(examples, docs):
        raw = doc.user_data.get("samvad_evidence", [])
        per_label = {}
        for label in LABELS:
            best: dict[str, float] = {}
            for item in raw:
                if item[0] == label and item[3] >= base.weak_rule:
                    best[item[4]] = max(best.get(item[4], 0.0), item[3])
            countered = label in doc.user_data.get("samvad_counter", ())
            per_label[label] = (_combine(list(best.values())), doc.cats.get(label, 0.0), countered)
        rows.append((ex.labels, per_label))
    return rows


def calibrate(rows):
    """Per label, the classifier thresholds that maximise F-beta (precision-leaning) on `rows`."""
    from nlp.filter import Decision

    base = Decision()
    classifier, with_weak = {}, {}
    beta2 = CALIBRATION_BETA**2
    for label in LABELS:
        best_key, best_f = (0.9, 0.9), -1.0
        for t in THRESHOLD_GRID:
            if t < CLASSIFIER_ALONE_FLOOR:
                continue
            for t_weak in (x for x in THRESHOLD_GRID if x <= t):
                trial = Decision(base.rule_threshold, base.weak_rule, base.countered, {label: t}, {label: t_weak})
                tp = fp = fn = 0
                for gold, per_label in rows:
                    got = trial.decide(label, *per_label[label])
                    tp += got and label in gold
                    fp += got and label not in gold
                    fn += (not got) and label in gold
                f = (1 + beta2) * tp / ((1 + beta2) * tp + beta2 * fn + fp) if tp else 0.0
                # Prefer higher thresholds on ties: fewer false alarms on unseen text.
                if f > best_f + 1e-9 or (abs(f - best_f) <= 1e-9 and (t, t_weak) > best_key):
                    best_key, best_f = (t, t_weak), f
        classifier[label], with_weak[label] = best_key
    return Decision(base.rule_threshold, base.weak_rule, base.countered, classifier, with_weak)
