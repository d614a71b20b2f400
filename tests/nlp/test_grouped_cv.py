"""The family-grouped cross-validation (benchmarks/grouped_cv.py): whole families held out, the first corpus's
lines spread one by one, folds of about equal size, and the counts it prints."""
from __future__ import annotations

from collections import Counter

from benchmarks.grouped_cv import _count, _line, family_folds, group_of
from nlp.evaluate import Report
from nlp.evaluate import Example


def _examples() -> list[Example]:
    out = []
    for family, n in (("host_a", 30), ("host_b", 12), ("conf_a", 20), ("pd_a", 7), ("instr_a", 9)):
        out += [Example(f"{family}.{i}", f"{family} text {i}", frozenset(), "en", family) for i in range(n)]
    out += [Example(f"t{i:05d}", f"legacy {i}", frozenset(), "en", "legacy_train_none") for i in range(40)]
    return out


def test_a_family_is_held_out_whole_and_legacy_lines_one_by_one():
    examples = _examples()
    fold_of = family_folds(examples, 4)
    folds_of_family: dict[str, set[int]] = {}
    for e in examples:
        folds_of_family.setdefault(e.family, set()).add(fold_of[group_of(e)])
    for family in ("host_a", "host_b", "conf_a", "pd_a", "instr_a"):
        assert len(folds_of_family[family]) == 1, family
    # The legacy lines are label buckets, not phenomena: they fill the folds beside the big families
    # (host_a's 30 fill fold 0 alone).
    assert folds_of_family["legacy_train_none"] == {1, 2, 3}


def test_folds_are_about_the_same_size():
    examples = _examples()
    fold_of = family_folds(examples, 4)
    sizes = Counter(fold_of[group_of(e)] for e in examples)
    # 118 messages, the largest group 30: greedy filling keeps every fold within one message of 118 / 4.
    assert sorted(sizes.values()) == [29, 29, 30, 30]


def test_counts_per_label_false_alarms_and_upper_tier():
    counts = Report()
    _count(counts, {"hostile"}, {"hostile": True})            # right, acted on
    _count(counts, {"hostile"}, {})                           # missed
    _count(counts, set(), {"instruction": False})             # a false alarm, in review
    _count(counts, set(), {})                                 # quiet, as it should be
    _count(counts, {"confidential"}, {"confidential": False, "hostile": True})  # right in review, wrong hostile acted on
    assert counts.prf("hostile") == (0.5, 0.5, 0.5)
    assert (counts.unlabelled, counts.unlabelled_flagged) == (2, 1)
    assert (sum(counts.act_tp.values()), sum(counts.act_fp.values())) == (1, 1)
    assert "FA 1/2 (50.0%)" in _line("x", counts)


def test_a_paraphrase_goes_with_its_source_and_leaves_the_deal_unchanged():
    examples = _examples()
    without = family_folds(examples, 4)
    paraphrases = [Example("host_b.3~p1", "host_b reworded", frozenset(), "en", "host_b"),
                   Example("t00007~p1", "legacy reworded", frozenset(), "en", "legacy_train_none")]
    with_them = family_folds(examples + paraphrases, 4)
    # Every group keeps its fold (the paraphrases weigh nothing in the deal)...
    assert with_them == without
    # ...and a paraphrase is held out with its source: a legacy line's paraphrase with that line, not on its own.
    assert with_them[group_of(paraphrases[0])] == without["host_b"]
    assert group_of(paraphrases[1]) == "id:t00007"
