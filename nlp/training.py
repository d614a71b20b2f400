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
EPOCHS = 15
BATCH_SIZE = 16
DROPOUT = 0.1
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * i, 2) for i in range(15))  # 0.2 ... 0.9


def _training_examples(pipeline, examples: list[Example]):
    from spacy.training import Example as SpacyExample

    from nlp.normalise import normalise

    out = []
    for ex in examples:
        doc = pipeline.make_doc(normalise(ex.text).text)
        out.append(SpacyExample.from_dict(doc, {"cats": {label: float(label in ex.labels) for label in LABELS}}))
    return out


def train(corpus: Path = DEFAULT_CORPUS, output: Path = DEFAULT_OUTPUT, seed: int = 0, *,
          epochs: int = EPOCHS, out: TextIO = sys.stdout) -> dict:
    """Train, calibrate on the holdout split, save to `output`; returns the holdout figures."""
    from spacy.util import fix_random_seed, minibatch

    from nlp.filter import ContentFilter, Decision
    from nlp.pipeline import TEXTCAT, build_pipeline

    started = time.perf_counter()
    train_set = read_examples(Path(corpus) / "train.jsonl")
    holdout = read_examples(Path(corpus) / "holdout.jsonl")
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
            out.write(f"epoch {epoch + 1:2d} loss {losses.get(TEXTCAT, 0.0):.4f}\n")
    decision = calibrate(pipeline, holdout)
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
        "classifier": decision.classifier,
        "classifier_with_weak_rule": decision.classifier_with_weak_rule,
    }


def calibrate(pipeline, holdout: list[Example]):
    """Per label, the classifier thresholds that maximise F1 on the holdout split."""
    from nlp.filter import Decision, _combine
    from nlp.normalise import normalise

    base = Decision()
    docs = list(pipeline.pipe(normalise(e.text).text for e in holdout))
    rows = []
    for ex, doc in zip(holdout, docs):
        raw = doc.user_data.get("samvad_evidence", [])
        per_label = {}
        for label in LABELS:
            best: dict[str, float] = {}
            for item in raw:
                if item[0] == label and item[3] >= base.weak_rule:
                    best[item[4]] = max(best.get(item[4], 0.0), item[3])
            per_label[label] = (_combine(list(best.values())), doc.cats.get(label, 0.0))
        rows.append((ex.labels, per_label))
    classifier, with_weak = {}, {}
    for label in LABELS:
        best_key, best_f1 = (0.9, 0.9), -1.0
        for t in THRESHOLD_GRID:
            for t_weak in (x for x in THRESHOLD_GRID if x <= t):
                trial = Decision(base.rule_threshold, base.weak_rule, {label: t}, {label: t_weak})
                tp = fp = fn = 0
                for gold, per_label in rows:
                    got = trial.decide(label, *per_label[label])
                    tp += got and label in gold
                    fp += got and label not in gold
                    fn += (not got) and label in gold
                f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
                # Prefer higher thresholds on ties: fewer false alarms on unseen text.
                if f1 > best_f1 + 1e-9 or (abs(f1 - best_f1) <= 1e-9 and (t, t_weak) > best_key):
                    best_key, best_f1 = (t, t_weak), f1
        classifier[label], with_weak[label] = best_key
    return Decision(base.rule_threshold, base.weak_rule, classifier, with_weak)
