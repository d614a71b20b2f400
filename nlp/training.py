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
from nlp.evaluate import Example, paraphrased_from, print_report, read_examples, score
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
# It may also be asked as a guarantee, not only a point estimate: a calibration split of a couple of hundred
# messages a label shows 0.98 with a wide margin of error (184 right of 187 is consistent with 0.959 at 95%). With
# ACT_BOUND set, the upper threshold is the lowest at which the one-sided Clopper-Pearson lower bound (at
# ACT_CONFIDENCE) of calibration's precision above it is still >= ACT_BOUND (nlp.decision.choose_thresholds). Tried
# as rule19 (4 December 2026, nlp/README.md): 0.97 at 95% raised the upper tier's precision on the untouched split
# (confidential 0.953 -> 0.980, hostile 0.953 -> 0.972) but lowered hostile's on the sealed set by 0.001 (84 of
# 88 against 86 of 90), which the rule written first did not allow: not adopted, so off.
ACT_BOUND: float | None = None
ACT_CONFIDENCE = 0.95
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


def out_of_fold_parts(train_set: list[Example], folds: int, seed: int) -> list[list[int]]:
    """The parts the decision's out-of-fold features are computed in (indices into `train_set`): the lines dealt in
    a shuffled order (fixed by `seed`), one to each part in turn; a paraphrase (`nlp.evaluate.paraphrased_from`) goes
    to its source's part, so that no part's classifier was trained on a rewording of a line it scores. None when the
    set is too small for `folds` parts of two."""
    if len(train_set) < 2 * folds:
        return []
    order = [i for i, e in enumerate(train_set) if paraphrased_from(e.id) is None]
    random.Random(seed).shuffle(order)
    part_of = {train_set[i].id: k % folds for k, i in enumerate(order)}
    parts = [[i for k, i in enumerate(order) if k % folds == fold] for fold in range(folds)]
    for i, e in enumerate(train_set):
        source = paraphrased_from(e.id)
        if source is not None and source in part_of:
            parts[part_of[source]].append(i)
    return parts


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
    rows: list[dict[str, float] | None] = [None] * len(train_set)
    for fold, held in enumerate(out_of_fold_parts(train_set, folds, seed)):
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
    decision.figures = {
        "messages": {"train": len(train_set), "calibration": len(calibration)},
        # What the model was trained and calibrated on: a packaged model whose corpus files have changed since
        # (tests/nlp/test_nlp_thresholds.py checks) is not what `samvad nlp train` would now produce.
        "corpus_sha256": {"train": file_sha256(Path(corpus) / "train.jsonl")},
        "seed": seed, "epochs": epochs, "folds": folds,
    }
    _choose_thresholds_on(content_filter, calibration, calibration_path)
    output = Path(output)
    pipeline.to_disk(output)
    decision.write(output / DECISION_FILE)
    report = score(calibration, content_filter.check_many([e.text for e in calibration]))
    out.write(f"trained on {len(train_set)} messages in {time.perf_counter() - started:.1f}s;"
              f" calibration ({len(calibration)}):\n")
    print_report(report, out, show_errors=False)
    return {label: report.prf(label) for label in LABELS}


def rethreshold(corpus: Path = DEFAULT_CORPUS, model_dir: Path = DEFAULT_OUTPUT, *, out: TextIO = sys.stdout) -> dict:
    """Choose a trained model's thresholds again on the calibration split, as `train` chooses them now, keeping
    its classifier and its decision's weights: for a change of how thresholds are chosen (rule19), without a
    retrain that would also move the classifier. Rewrites the model's decision file; returns the calibration
    figures. The untouched split is never read here."""
    from nlp.filter import ContentFilter

    model_dir = Path(model_dir)
    calibration_path = _split(corpus, "calibration.jsonl", "holdout.jsonl")
    calibration = read_examples(calibration_path)
    if not (model_dir / DECISION_FILE).is_file():
        raise CorpusError(f"{model_dir}: no decision file ({DECISION_FILE}) to choose thresholds for; train one"
                          " with `samvad nlp train --output DIR`")
    content_filter = ContentFilter.load(model_dir=model_dir)
    _choose_thresholds_on(content_filter, calibration, calibration_path)
    content_filter.decision.write(model_dir / DECISION_FILE)
    report = score(calibration, content_filter.check_many([e.text for e in calibration]))
    out.write(f"thresholds chosen again on {calibration_path.name} ({len(calibration)}):\n")
    print_report(report, out, show_errors=False)
    return {label: report.prf(label) for label in LABELS}


def _choose_thresholds_on(content_filter, calibration: list[Example], calibration_path: Path) -> None:
    """Each label's two thresholds chosen on the calibration split's decision scores, set on the filter's decision
    with the figures that chose them (its other figures, of the training, kept)."""
    decision = content_filter.decision
    calibration_rows = feature_rows(content_filter, calibration)
    figures = dict(decision.figures)
    figures.update({
        "chosen_on": calibration_path.name,
        "date": datetime.date.today().isoformat(),
        "act_precision_target": ACT_PRECISION, "act_precision_bound": ACT_BOUND, "act_confidence": ACT_CONFIDENCE,
        "lower_beta": LOWER_BETA, "lower_precision": LOWER_PRECISION,
        "labels": {},
    })
    figures["messages"] = {**figures.get("messages", {}), "calibration": len(calibration)}
    figures["corpus_sha256"] = {**figures.get("corpus_sha256", {}), calibration_path.name: file_sha256(calibration_path)}
    for label in LABELS:
        model = decision.labels[label]
        scores = [sigmoid(model.logit(f)) for f in calibration_rows]
        chosen = choose_thresholds(scores, [label in e.labels for e in calibration], act_precision=ACT_PRECISION,
                                   beta=LOWER_BETA, act_bound=ACT_BOUND, confidence=ACT_CONFIDENCE)
        model.lower, model.upper = chosen["lower"], chosen["upper"]
        figures["labels"][label] = {k: chosen[k] for k in ("at_lower", "at_upper", "positives")}
    decision.figures = figures


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
