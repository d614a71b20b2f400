"""Train the multi-label text classifier and the decision on the corpus kept in
the repo (never on the development set or the untouched split), choose the
two thresholds per label on the calibration split, and save the pipeline and
`samvad_decision.json` into the package.

Reproducible: a fixed seed drives spaCy/thinc and the shuffling.
"""
from __future__ import annotations

import datetime
import hashlib
import random
import sys
import time
from pathlib import Path
from typing import TextIO

from nlp.decision import LOWER_PRECISION, PRIORS, DecisionModel, choose_thresholds, fit_logistic, sigmoid
from nlp.errors import CorpusError
from nlp.evaluate import Example, print_report, read_examples, score
from nlp.verdict import LABELS

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS = PACKAGE_DIR / "corpus"
DEFAULT_OUTPUT = PACKAGE_DIR / "model"
DECISION_FILE = "samvad_decision.json"
EPOCHS = 15
BATCH_SIZE = 8
DROPOUT = 0.1
FOLDS = 4
# The upper tier acts in the group (deletes, warns, prompts): its precision on the calibration
# split is held a little above the 0.97 the issue asks on unseen text.
ACT_PRECISION = 0.98
# The lower threshold gives a label for review: it leans to precision too (F-beta, beta < 1), since
# the bar is at most 2% of ordinary messages flagged at either tier.
LOWER_BETA = 0.7


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


def _split(corpus: Path, *names: str) -> Path:
    """The first of `names` that exists in `corpus` (older corpora call the calibration split holdout)."""
    for name in names:
        if (Path(corpus) / name).is_file():
            return Path(corpus) / name
    raise CorpusError(f"{corpus}: none of {', '.join(names)}")


def train(corpus: Path = DEFAULT_CORPUS, output: Path = DEFAULT_OUTPUT, seed: int = 0, *,
          epochs: int = EPOCHS, folds: int = FOLDS, out: TextIO = sys.stdout) -> dict:
    """Train, choose the thresholds on the calibration split, save to `output`; returns the calibration figures.

    The classifier is trained on the training split. The decision (one
    logistic regression per label over cue features and classifier scores)
    is fitted on out-of-fold features of the training split, so that it
    sees classifier scores as they are on unseen text. Its two thresholds
    per label are chosen on the calibration split; the untouched split is
    never read here.
    """
    from nlp.filter import ContentFilter

    started = time.perf_counter()
    train_set = read_examples(Path(corpus) / "train.jsonl")
    calibration_path = _split(corpus, "calibration.jsonl", "holdout.jsonl")
    calibration = read_examples(calibration_path)
    order = list(range(len(train_set)))
    random.Random(seed).shuffle(order)
    rows: list[dict[str, float] | None] = [None] * len(train_set)
    for fold in range(folds if len(train_set) >= 2 * folds else 0):
        held = [i for k, i in enumerate(order) if k % folds == fold]
        held_set = set(held)
        fold_model = _fit([e for i, e in enumerate(train_set) if i not in held_set], seed, epochs)
        for i, f in zip(held, feature_rows(ContentFilter(fold_model), [train_set[i] for i in held])):
            rows[i] = f
        out.write(f"fold {fold + 1}/{folds} done ({time.perf_counter() - started:.0f}s)\n")
    pipeline = _fit(train_set, seed, epochs, out)
    content_filter = ContentFilter(pipeline)
    complete = [r for r in rows if r is not None]
    if len(complete) < len(rows):
        complete = feature_rows(content_filter, train_set)
    decision = DecisionModel({
        label: fit_logistic(complete, [label in e.labels for e in train_set], prior=PRIORS.get(label)) for label in LABELS
    })
    content_filter.decision = decision
    calibration_rows = feature_rows(content_filter, calibration)
    figures: dict = {
        "chosen_on": calibration_path.name,
        "date": datetime.date.today().isoformat(),
        "messages": {"train": len(train_set), "calibration": len(calibration)},
        # What the model was trained and calibrated on: a packaged model whose corpus files have changed since
        # (tests/nlp/test_nlp_thresholds.py checks) is not what `samvad nlp train` would now produce.
        "corpus_sha256": {"train": file_sha256(Path(corpus) / "train.jsonl"), calibration_path.name: file_sha256(calibration_path)},
        "act_precision_target": ACT_PRECISION, "lower_beta": LOWER_BETA, "lower_precision": LOWER_PRECISION,
        "seed": seed, "epochs": epochs, "folds": folds,
        "labels": {},
    }
    for label in LABELS:
        model = decision.labels[label]
        scores = [sigmoid(model.logit(f)) for f in calibration_rows]
        chosen = choose_thresholds(scores, [label in e.labels for e in calibration], act_precision=ACT_PRECISION,
                                   beta=LOWER_BETA)
        model.lower, model.upper = chosen["lower"], chosen["upper"]
        figures["labels"][label] = {k: chosen[k] for k in ("at_lower", "at_upper", "positives")}
    decision.figures = figures
    output = Path(output)
    pipeline.to_disk(output)
    decision.write(output / DECISION_FILE)
    report = score(calibration, content_filter.check_many([e.text for e in calibration]))
    out.write(f"trained on {len(train_set)} messages in {time.perf_counter() - started:.1f}s;"
              f" calibration ({len(calibration)}):\n")
    print_report(report, out, show_errors=False)
    return {label: report.prf(label) for label in LABELS}


def file_sha256(path: Path) -> str:
    """The SHA-256 of a corpus file's bytes (hex)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def feature_rows(content_filter, examples: list[Example]) -> list[dict[str, float]]:
    """The decision's features for each example, as the filter computes them."""
    from nlp.language import detect_language

    rows = []
    for start in range(0, len(examples), 256):
        norms = [content_filter._normalise(e.text) for e in examples[start:start + 256]]
        docs, cats = content_filter.annotate([n.text for n in norms])
        rows += [content_filter.features_of(n, d, c, detect_language(n.original)) for n, d, c in zip(norms, docs, cats)]
    return rows
