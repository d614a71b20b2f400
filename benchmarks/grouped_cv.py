"""Family-grouped cross-validation of the content filter on the tunable splits (train + calibration).

The untouched split and shared/data/dev.jsonl are never read here. Whole families are held out: the
families of `train.jsonl` and `calibration.jsonl` are dealt into K folds (largest first, each to the
fold with the fewest messages so far); for each fold the classifier is trained on the *training-split*
messages of the other folds (as `nlp train` trains it on train.jsonl only), and every message of the
held-out fold is scored by it, so each message gets features from a classifier that never saw its
family. Every calibration message is also scored by every fold's classifier (calibration never trains
the classifier, so those rows are what `nlp train` would compute for calibration with that fold's
classifier).

    python -m benchmarks.grouped_cv rows [--folds 5] [--cache DIR]   # the K classifier fits (slow)
    python -m benchmarks.grouped_cv score [--cache DIR]               # the decision rules compared (fast)
    python -m benchmarks.grouped_cv score --old-only ...              # only the families older than hand_*
    python -m benchmarks.grouped_cv recue --cache SRC --to DST        # SRC's rows with the current code's cues

New families (`LATER_PREFIXES`, the hand-written `hand_*`) are dealt into folds after all the others, so the
older families keep their folds; with `--old-only` the pooled figures count only the older families' held-out
messages (the new ones still train the classifier and the decision), which is how a corpus with and without
new families is compared on what was there before.

`score` then fits the decision and chooses its thresholds for each held-out fold *without* that fold, under
several rules, and prints the pooled held-out figures (per label P/R/F1, micro, false alarms on unlabelled
messages, upper-tier precision):

* `today`: as `nlp train` does it: decision fitted on the training-split messages of the other folds
  (on out-of-family classifier scores; `nlp train` uses random out-of-fold scores, which this cannot
  reproduce without K*4 more fits), thresholds chosen on the calibration messages of the other folds.
* `oof-thresholds`: the same decision, thresholds chosen on the other folds' own held-out scores
  (each scored by a decision fitted without its fold): scores of families as unseen as the held-out
  ones, instead of calibration's.
* variants of the decision's regularisation and priors (`l2=`, `prior*`); `today:marking=1` applies
  nlp.decision.MARKING_HEADING's rule (a marking heading gives confidential at least at the lower threshold).
"""
from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import time
from pathlib import Path

from nlp.decision import (IDENTIFIER_CODES, LOWER_PRECISION, PRIORS, VALIDATED_IDENTIFIER, choose_thresholds, fit_logistic,
                          marked_by_heading, sigmoid)
from nlp.evaluate import Example, Report, paraphrased_from, read_examples
from nlp.training import ACT_PRECISION, DEFAULT_CORPUS, EPOCHS, LOWER_BETA, _fit, feature_rows
from nlp.verdict import LABELS

DEFAULT_CACHE = Path("/tmp/samvad-grouped-cv")


def group_of(e: Example) -> str:
    """What is held out together: the message's family; a line of the first hand-written corpus (`legacy_*`,
    whose "families" are its label sets, not phenomena, and which never go to untouched) on its own; a paraphrase
    (`nlp.evaluate.paraphrased_from`) with its source."""
    if not e.family or e.family.startswith("legacy_"):
        return "id:" + (paraphrased_from(e.id) or e.id)
    return e.family


# Families written after the fold assignment was first used (the hand-written `hand_*` families): dealt after
# all the others, so that every older family keeps the fold it had without them and a comparison with and
# without the new families holds out the same old families together.
# In the order they were written: the second wave of hand-written lines (`hw2_*`, 4 December 2026) is dealt after
# the first (`hand_*`), so that the first keeps the folds it had without the second; the third (`hw3_*`) after both.
LATER_PREFIXES = ("hand_", "hw2_", "hw3_")


def is_later(family: str | None) -> bool:
    return bool(family) and family.startswith(LATER_PREFIXES)


def later_rank(family: str) -> int:
    """0 for the older families, 1 + the index in LATER_PREFIXES for a later one."""
    for n, prefix in enumerate(LATER_PREFIXES, 1):
        if family.startswith(prefix):
            return n
    return 0


def family_folds(examples: list[Example], folds: int, assignment: int = 0) -> dict[str, int]:
    """Each group's fold (see `group_of`): largest first, each to the fold with the fewest messages (ties: lowest
    fold, then a hash of the name, so that single legacy lines spread evenly); the later families
    (`LATER_PREFIXES`) the same way, after all the others. Another `assignment` (1, 2, ...) deals the groups in the
    order of a SHA-256 of the assignment number and the name instead of largest first (still each to the fold with
    the fewest messages, the later families after the older): a different partition of the same families, so that a
    comparison can be repeated over several partitions."""
    sizes: dict[str, int] = {}
    for e in examples:
        # Paraphrases go with their source's group and do not weigh in the deal: a corpus with them holds out the
        # same groups together, in the same folds, as one without.
        if paraphrased_from(e.id) is None:
            sizes[group_of(e)] = sizes.get(group_of(e), 0) + 1
    load = [0] * folds
    out: dict[str, int] = {}

    def order(f: str) -> tuple:
        if assignment:
            return (later_rank(f), hashlib.sha256(f"{assignment}:{f}".encode()).hexdigest())
        # Ties in size broken by a hash of the name, not alphabetically (siblings share prefixes).
        return (later_rank(f), -sizes[f], hashlib.sha256(f.encode()).hexdigest())

    for family in sorted(sizes, key=order):
        k = min(range(folds), key=lambda i: (load[i], i))
        out[family] = k
        load[k] += sizes[family]
    return out


def build_rows(corpus: Path, folds: int, seed: int, epochs: int, cache: Path, only: list[int] | None = None,
               assignment: int = 0) -> None:
    from nlp.filter import ContentFilter

    train = read_examples(corpus / "train.jsonl")
    calibration = read_examples(corpus / "calibration.jsonl")
    pool = train + calibration
    split = ["train"] * len(train) + ["calibration"] * len(calibration)
    fold_of = family_folds(pool, folds, assignment)
    fold = [fold_of[group_of(e)] for e in pool]
    meta = {"ids": [e.id for e in pool], "gold": [sorted(e.labels) for e in pool], "family": [e.family for e in pool],
            "lang": [e.lang for e in pool], "split": split, "fold": fold, "folds": folds}
    cache.mkdir(parents=True, exist_ok=True)
    (cache / "meta.pkl").write_bytes(pickle.dumps(meta))
    started = time.perf_counter()
    cal_index = [i for i, s in enumerate(split) if s == "calibration"]
    for k in range(folds):
        if only is not None and k not in only:
            continue
        path = cache / f"fold{k}.pkl"
        if path.is_file() and pickle.loads(path.read_bytes())["ids"] == meta["ids"]:
            continue
        fit_on = [pool[i] for i in range(len(pool)) if split[i] == "train" and fold[i] != k]
        content_filter = ContentFilter(_fit(fit_on, seed, epochs))
        held = [i for i in range(len(pool)) if fold[i] == k and split[i] == "train"]
        out = {"ids": meta["ids"], "heldout": dict(zip(held, feature_rows(content_filter, [pool[i] for i in held]))),
               "calibration": dict(zip(cal_index, feature_rows(content_filter, [pool[i] for i in cal_index])))}
        for i in cal_index:
            if fold[i] == k:
                out["heldout"][i] = out["calibration"][i]
        path.write_bytes(pickle.dumps(out))
        print(f"fold {k + 1}/{folds}: trained on {len(fit_on)}, held out {sum(1 for f in fold if f == k)}"
              f" ({time.perf_counter() - started:.0f}s)", flush=True)


def load(cache: Path) -> dict:
    """The cached rows of every fold, joined."""
    data = pickle.loads((cache / "meta.pkl").read_bytes())
    data["heldout"] = [None] * len(data["ids"])
    data["calibration_by_fold"] = {}
    for k in range(data["folds"]):
        path = cache / f"fold{k}.pkl"
        if not path.is_file():
            sys.exit(f"{path}: fold {k} not computed yet (run `rows`)")
        part = pickle.loads(path.read_bytes())
        for i, row in part["heldout"].items():
            data["heldout"][i] = row
        data["calibration_by_fold"][k] = part["calibration"]
    return data


# Features that depend on the fold's classifier (its scores of the message and of its sentences); every other feature
# depends on the text and the code only (cue classes, rules, conjunctions, length, language).
CLASSIFIER_PREFIXES = ("clf:", "seg:", "seg_gain:", "seg_rule:", "segmented", "long_clf:")


def _from_classifier(name: str) -> bool:
    return name.startswith(CLASSIFIER_PREFIXES)


def recue(corpus: Path, source: Path, target: Path) -> None:
    """SRC's cached rows with the text-only features (cues, rules, conjunctions) computed again by the current code,
    the classifier's features kept: a change of cues or conjunctions measured without refitting the K classifiers
    (valid when the change leaves the classifier's input, the normalised text, as it was). Prints which features
    changed, so that a change meant to add features shows that it changed nothing else."""
    from collections import Counter

    from nlp.filter import ContentFilter

    meta = pickle.loads((source / "meta.pkl").read_bytes())
    pool = read_examples(corpus / "train.jsonl") + read_examples(corpus / "calibration.jsonl")
    if [e.id for e in pool] != meta["ids"]:
        sys.exit(f"{corpus} is not the corpus of {source}")
    current = feature_rows(ContentFilter.load(), pool)
    text_only = [{k: v for k, v in row.items() if not _from_classifier(k)} for row in current]
    changed: Counter[str] = Counter()

    def again(i: int, row: dict[str, float], count: bool) -> dict[str, float]:
        if count:
            old = {k: v for k, v in row.items() if not _from_classifier(k)}
            for key in set(old) | set(text_only[i]):
                if old.get(key) != text_only[i].get(key):
                    changed[key] += 1
        out = {k: v for k, v in row.items() if _from_classifier(k)}
        out.update(text_only[i])
        return out

    target.mkdir(parents=True, exist_ok=True)
    (target / "meta.pkl").write_bytes(pickle.dumps(meta))
    for k in range(meta["folds"]):
        part = pickle.loads((source / f"fold{k}.pkl").read_bytes())
        part["heldout"] = {i: again(i, row, True) for i, row in part["heldout"].items()}
        part["calibration"] = {i: again(i, row, False) for i, row in part["calibration"].items()}
        (target / f"fold{k}.pkl").write_bytes(pickle.dumps(part))
    print(f"{len(pool)} messages; text-only features that changed (messages): "
          + (", ".join(f"{key} {n}" for key, n in changed.most_common()) or "none"))


# --- scoring -------------------------------------------------------------------------------------------------

def _forced(row: dict[str, float]) -> bool:
    return any(row.get(f"rule:personal_data:{code}", 0.0) >= VALIDATED_IDENTIFIER for code in IDENTIFIER_CODES)


DIGITS = 3  # decimals printed (`score --digits`)


def _line(name: str, report: Report) -> str:
    """One pooled result: micro F1, P/R/F1 per label, false alarms, upper-tier precision."""
    d = DIGITS
    cells = []
    for label in LABELS:
        p, r, f = report.prf(label)
        cells.append(f"{label[:4]} {p:.{d}f}/{r:.{d}f}/{f:.{d}f}")
    acted = sum(report.act_tp.values()) + sum(report.act_fp.values())
    return (f"{name:28s} micro {report.micro()[2]:.{d}f}  " + "  ".join(cells)
            + f"  FA {report.unlabelled_flagged}/{report.unlabelled} ({100 * report.false_alarm_rate:.{d - 2}f}%)"
            + f"  ACT P {report.act_precision():.{d}f} ({acted})")


def _count(report: Report, gold: set[str], given: dict[str, bool]) -> None:
    """`given`: label -> acted (upper tier)."""
    report.add(gold, given, [label for label, acted in given.items() if acted])


def _fit_decision(rows, golds, l2: float, prior_scale: float, priors=PRIORS):
    out = {}
    for label in LABELS:
        prior = {k: v * prior_scale for k, v in (priors.get(label) or {}).items()}
        out[label] = fit_logistic(rows, [label in g for g in golds], l2=l2, prior=prior)
    return out


def _scores(models, rows) -> dict[str, list[float]]:
    return {label: [sigmoid(models[label].logit(r)) for r in rows] for label in LABELS}


def _thresholds(scores: dict[str, list[float]], golds, act_precision: float, beta: float, lower_precision: float):
    out = {}
    for label in LABELS:
        chosen = choose_thresholds(scores[label], [label in g for g in golds], act_precision=act_precision, beta=beta,
                                   lower_precision=lower_precision)
        out[label] = (chosen["lower"], chosen["upper"])
    return out


def _given(scores, thresholds, i, row, marking: bool = False) -> dict[str, bool]:
    """`marking`: nlp.decision.MARKING_HEADING's rule (a marking heading gives confidential at least at `lower`)."""
    given = {}
    for label in LABELS:
        lower, upper = thresholds[label]
        s = scores[label][i]
        if marking and label == "confidential" and s < lower and marked_by_heading(row):
            s = lower
        if label == "personal_data" and _forced(row):
            given[label] = True
        elif s >= lower:
            given[label] = s >= upper
    return given


_FITS: dict = {}


def run_variant(data, *, thresholds_from: str, decision_on: str = "train", l2: float = 1.0, prior_scale: float = 1.0,
                act_precision: float = ACT_PRECISION, beta: float = LOWER_BETA,
                lower_precision: float = LOWER_PRECISION, by_fold: bool = False,
                count_later: bool = True, marking: float = 0.0, count_prefix: tuple[str, ...] | None = None) -> tuple[Report, list]:
    """Pooled held-out counts. `decision_on`: "train" (training-split messages of the other folds) or "all"
    (training and calibration messages of the other folds). `thresholds_from`: "calibration" (the calibration
    messages of the other folds, scored with the held-out fold's classifier) or "oof" (the other folds' own
    held-out scores, each under a decision fitted without that fold)."""
    folds, fold, split, golds = data["folds"], data["fold"], data["split"], [set(g) for g in data["gold"]]
    heldout = data["heldout"]
    total = Report()
    per_fold = []
    by_family: dict[str, Report] = {}

    def decision(excluded: set[int]):
        # Fitted once per set of excluded folds and settings (the inner fits without {k, j} serve j's and k's).
        key = (frozenset(excluded), decision_on, l2, prior_scale, id(data))
        if key not in _FITS:
            idx = [i for i in range(len(fold)) if fold[i] not in excluded and (decision_on == "all" or split[i] == "train")]
            _FITS[key] = _fit_decision([heldout[i] for i in idx], [golds[i] for i in idx], l2, prior_scale,
                                       data.get("priors", PRIORS))
        return _FITS[key]

    for k in range(folds):
        models = decision({k})
        if thresholds_from == "calibration":
            cal = data["calibration_by_fold"][k]
            cal_idx = [i for i in cal if fold[i] != k]
            thresholds = _thresholds(_scores(models, [cal[i] for i in cal_idx]), [golds[i] for i in cal_idx],
                                     act_precision, beta, lower_precision)
        else:
            inner_scores: dict[str, list[float]] = {label: [] for label in LABELS}
            inner_gold = []
            for j in range(folds):
                if j == k:
                    continue
                inner_models = decision({k, j})
                held = [i for i in range(len(fold)) if fold[i] == j]
                s = _scores(inner_models, [heldout[i] for i in held])
                for label in LABELS:
                    inner_scores[label] += s[label]
                inner_gold += [golds[i] for i in held]
            thresholds = _thresholds(inner_scores, inner_gold, act_precision, beta, lower_precision)
        held = [i for i in range(len(fold)) if fold[i] == k]
        scores = _scores(models, [heldout[i] for i in held])
        counts = Report()
        for n, i in enumerate(held):
            # A paraphrase is a training line written for the corpus, not a message of the held-out set: never counted.
            if paraphrased_from(data["ids"][i]) is not None:
                continue
            if not count_later and is_later(data["family"][i]):
                continue
            if count_prefix is not None and not (data["family"][i] or "").startswith(count_prefix):
                continue
            given = _given(scores, thresholds, n, heldout[i], bool(marking))
            for report in (total, counts, by_family.setdefault(data["family"][i], Report())):
                _count(report, golds[i], given)
        per_fold.append((counts, thresholds))
    _LAST_FAMILIES.clear()
    _LAST_FAMILIES.update(by_family)
    return total, per_fold


_LAST_FAMILIES: dict[str, Report] = {}


def worst_families(label: str, n: int) -> list[str]:
    """The held-out families of the last run with the most errors on `label` (misses and false alarms)."""
    ranked = sorted(_LAST_FAMILIES.items(), key=lambda kv: -(kv[1].fn[label] + kv[1].fp[label]))
    out = []
    for family, c in ranked[:n]:
        if c.fn[label] + c.fp[label]:
            out.append(f"{family}: {c.tp[label]} right, {c.fn[label]} missed, {c.fp[label]} false")
    return out


# A candidate feature tried here before it is written into nlp.decision.features: any hostile cue class that
# speaks of someone or something (not a report of hostility), one feature, so that a held-out family whose own cue
# class is rare in training still meets a weight learned from the others.
HOSTILE_CUES = frozenset({"host_humiliate", "host_abuse", "host_abuse_mild", "host_defame", "host_generalise",
                          "host_group_pred", "host_insinuation", "host_sarcasm", "host_threat", "host_harm",
                          "host_address"})


def with_host_any(data: dict, prior: float) -> dict:
    """The cached rows with `anycue:hostile` added, and its prior."""
    def add(row):
        if any(row.get("cue:" + c) for c in HOSTILE_CUES):
            row = dict(row)
            row["anycue:hostile"] = 1.0
        return row

    out = dict(data)
    out["heldout"] = [add(r) for r in data["heldout"]]
    out["calibration_by_fold"] = {k: {i: add(r) for i, r in rows.items()} for k, rows in data["calibration_by_fold"].items()}
    out["priors"] = {**PRIORS, "hostile": {**PRIORS["hostile"], "anycue:hostile": prior}}
    return out


def score_main(cache: Path | list[Path], variants: list[str], by_fold: bool, worst: list[str] | tuple[str, ...] = (),
               old_only: bool = False, count_prefix: tuple[str, ...] | None = None) -> None:
    """Print each variant's pooled held-out figures; given several caches (the same corpus under other fold
    assignments, `rows --assignment N`), each cache's line and then the counts of all of them added together."""
    caches = cache if isinstance(cache, list) else [cache]
    if len(caches) > 1:
        pooled: dict[str, Report] = {}
        for one in caches:
            print(f"== {one}")
            for spec, report in _score_one(one, variants, by_fold, worst, old_only, count_prefix).items():
                pooled[spec] = _added(pooled[spec], report) if spec in pooled else report
        print(f"== pooled over {len(caches)} fold assignments")
        for spec, report in pooled.items():
            print(_line(spec, report), flush=True)
        return
    _score_one(caches[0], variants, by_fold, worst, old_only, count_prefix)


def _added(a: Report, b: Report) -> Report:
    """The counts of two reports added."""
    out = Report()
    for name in ("tp", "fp", "fn", "act_tp", "act_fp"):
        setattr(out, name, {label: getattr(a, name)[label] + getattr(b, name)[label] for label in LABELS})
    for name in ("unlabelled", "unlabelled_flagged", "messages"):
        setattr(out, name, getattr(a, name) + getattr(b, name))
    return out


def _score_one(cache: Path, variants: list[str], by_fold: bool, worst: list[str] | tuple[str, ...],
               old_only: bool, count_prefix: tuple[str, ...] | None) -> dict[str, Report]:
    _FITS.clear()  # keyed by id(data): another cache's data may reuse a freed one's id
    data = load(cache)
    plain = data
    print(f"{len(data['ids'])} messages, {len(set(data['family']))} families, {data['folds']} folds; held-out figures pooled"
          + (" over the older families only (later families train, and count in no figure)" if old_only else "")
          + (" over the families named " + " or ".join(p + "*" for p in count_prefix) + " only" if count_prefix else ""))
    table = {
        "today": dict(thresholds_from="calibration"),
        "oof-thresholds": dict(thresholds_from="oof"),
        "oof-thresholds+all": dict(thresholds_from="oof", decision_on="all"),
    }
    totals: dict[str, Report] = {}
    for spec in variants:
        name, _, extra = spec.partition(":")
        kwargs = dict(table[name])
        data = plain
        for item in filter(None, extra.split(",")):
            key, _, value = item.partition("=")
            if key == "host_any":
                data = with_host_any(plain, float(value))
                continue
            kwargs[key] = value if key in ("thresholds_from", "decision_on") else float(value)
        total, per_fold = run_variant(data, count_later=not old_only, count_prefix=count_prefix, **kwargs)
        totals[spec] = total
        print(_line(spec, total), flush=True)
        for label in worst:
            for line in worst_families(label, 8):
                print(f"   {label}  {line}")
        if by_fold:
            for k, (counts, thresholds) in enumerate(per_fold):
                th = " ".join(f"{label[:4]} {lo:.2f}-{up:.2f}" for label, (lo, up) in thresholds.items())
                print("   " + _line(f"fold {k}", counts) + "  " + th)
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.grouped_cv", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    rows = sub.add_parser("rows", help="fit the K fold classifiers and cache the feature rows")
    rows.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    rows.add_argument("--folds", type=int, default=5)
    rows.add_argument("--seed", type=int, default=0)
    rows.add_argument("--epochs", type=int, default=EPOCHS)
    rows.add_argument("--only", type=int, nargs="*", help="only these folds (0-based), e.g. to run two processes")
    rows.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    rows.add_argument("--assignment", type=int, default=0,
                      help="0: families dealt largest first (the assignment every earlier round used); 1, 2, ...: "
                           "dealt in a hashed order, another partition of the same families")
    rows.add_argument("--subwords", choices=["", "S", "C", "R"], default=None,
                      help="the fold classifiers' subword pieces (nlp.pipeline.SUBWORDS unless given; '' none)")
    sc = sub.add_parser("score", help="compare decision and threshold rules on the cached rows")
    sc.add_argument("--cache", type=Path, nargs="+", default=[DEFAULT_CACHE],
                    help="one cache, or several (other fold assignments of the same corpus) to add up")
    sc.add_argument("--by-fold", action="store_true")
    sc.add_argument("--digits", type=int, default=3, help="decimals printed")
    sc.add_argument("--worst", nargs="*", default=[], choices=LABELS, help="print the families with most errors on these labels")
    sc.add_argument("--old-only", action="store_true",
                    help="count only the held-out messages of the families older than LATER_PREFIXES (hand_*): "
                         "what new families do to what was there")
    sc.add_argument("--only-prefix", action="append", default=None,
                    help="count only the held-out messages of families whose name starts with this; repeat it for "
                         "several (e.g. --only-prefix hand_ --only-prefix hw2_: how lines of other writers fare on a "
                         "classifier that never saw them)")
    sc.add_argument("variants", nargs="*", default=["today", "oof-thresholds", "oof-thresholds+all"],
                    help="NAME[:key=value,...], keys: host_any (prior of the candidate feature), l2, prior_scale, act_precision, beta, lower_precision, decision_on, thresholds_from")
    rc = sub.add_parser("recue", help="the cached rows with the current code's text-only features (no refit)")
    rc.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    rc.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    rc.add_argument("--to", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "recue":
        recue(args.corpus, args.cache, args.to)
    elif args.command == "rows":
        if args.subwords is not None:
            import nlp.pipeline

            # Read by build_pipeline when each fold's classifier is made (training._fit).
            nlp.pipeline.SUBWORDS = args.subwords
        build_rows(args.corpus, args.folds, args.seed, args.epochs, args.cache, args.only, args.assignment)
    else:
        global DIGITS
        DIGITS = args.digits
        score_main(args.cache, args.variants, args.by_fold, args.worst, args.old_only,
                   tuple(args.only_prefix) if args.only_prefix else None)


if __name__ == "__main__":
    main()
