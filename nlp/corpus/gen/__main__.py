"""Rebuild nlp/corpus/{train,calibration,untouched}.jsonl: `python -m nlp.corpus.gen [--check]`.

Deterministic: one seed per family (from its id), so adding a family does not change the others.
The legacy lines (the hand-written train.jsonl and holdout.jsonl of the first corpus) are read from
legacy/*.jsonl and keep their ids (the legacy holdout's lines are in calibration.jsonl).
The hand-written families (`hand_*`, gen/hand_written.jsonl, see gen/hand.py: messages written one at a time,
no templates or slots) are appended to train.jsonl verbatim, after the generated families, when
`hand.IN_TRAIN` is set or `--with-hand` is given; the second wave (`hw2_*`, gen/hand_written_2.jsonl) after them
when `hand.IN_TRAIN_2` is set or `--with-second` is given; the third (`hw3_*`, gen/hand_written_3.jsonl) after
the second when `hand.IN_TRAIN_3` is set or `--with-third` is given. The paraphrases of training lines
(gen/paraphrases.jsonl, `<source id>~p1`, see gen/paraphrase.py) come last, when `paraphrase.IN_TRAIN_P` is set or
`--with-paraphrases` is given.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

from . import hand, paraphrase
from .common import LABELS, LANGS, STYLES, Family, apply_style, fill, style_ok
from .families import all_families
from .splits import CALIBRATION, UNTOUCHED

CORPUS = Path(__file__).resolve().parent.parent
LEGACY = Path(__file__).resolve().parent / "legacy"


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def legacy_family(split: str, labels: list[str]) -> str:
    return f"legacy_{split}_" + ("_".join(labels) if labels else "none")


def legacy_rows(name: str, split: str) -> list[dict]:
    rows = []
    for line in (LEGACY / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            row["family"] = legacy_family(split, row["labels"])
            rows.append(row)
    return rows


def generate(family: Family, seen: set[str]) -> list[dict]:
    r = random.Random(int(hashlib.sha256(family.id.encode()).hexdigest()[:12], 16))
    rows: list[dict] = []
    for item in family.items:
        labels = list(item.labels if item.labels is not None else family.labels)
        slots = len(set(re.findall(r"\{(\w+)\}", item.text)))
        # few slots: few variants, not near-copies; many slots: one more
        quota = min(2 if slots == 0 else 3 if slots == 1 else family.per, family.per) + (1 if slots >= 3 else 0)
        made = tries = 0
        while made < quota and tries < quota * 6:
            tries += 1
            text = fill(item.text, r, item.lang)
            style = item.style
            if style == "plain" and r.random() < 0.3:
                choice = r.choice(family.styles) if family.styles else "plain"
                if style_ok(choice, item.lang, text):
                    text, style = apply_style(text, item.lang, choice, r), choice
            key = norm(text)
            if key in seen:
                continue
            seen.add(key)
            made += 1
            rows.append({"text": text, "labels": sorted(labels), "lang": item.lang, "family": family.id, "style": style})
    for i, row in enumerate(rows, 1):
        row["id"] = f"{family.id}.{i:03d}"
    return [{"id": w["id"], "text": w["text"], "labels": w["labels"], "lang": w["lang"], "family": w["family"], "style": w["style"]} for w in rows]


def build(with_hand: bool = hand.IN_TRAIN, with_second: bool = hand.IN_TRAIN_2,
          with_third: bool = hand.IN_TRAIN_3,
          with_third_negatives: bool = hand.IN_TRAIN_3_NEGATIVES,
          with_paraphrases: bool = paraphrase.IN_TRAIN_P) -> dict[str, list[dict]]:
    splits: dict[str, list[dict]] = {"train": legacy_rows("train.jsonl", "train"),
                                     "calibration": legacy_rows("holdout.jsonl", "holdout"), "untouched": []}
    seen = {norm(row["text"]) for rows in splits.values() for row in rows}
    families = all_families()
    ids = [f.id for f in families]
    dupes = [i for i, c in Counter(ids).items() if c > 1]
    if dupes:
        raise SystemExit(f"family ids used twice: {dupes}")
    unknown = (UNTOUCHED | CALIBRATION) - set(ids)
    if unknown:
        raise SystemExit(f"splits.py names families that do not exist: {sorted(unknown)}")
    for family in families:
        split = "untouched" if family.id in UNTOUCHED else "calibration" if family.id in CALIBRATION else "train"
        splits[split].extend(generate(family, seen))
    written = hand.rows(seen, norm, hand.FIRST) if with_hand else []
    if with_second:
        written += hand.rows(seen, norm, hand.SECOND)
    if with_third:
        written += hand.rows(seen, norm, hand.THIRD)
    elif with_third_negatives:
        written += hand.rows(seen, norm, hand.THIRD, negatives_only=True)
    clash = {row["family"] for row in written} & set(ids)
    if clash:
        raise SystemExit(f"hand-written families named like generated ones: {sorted(clash)}")
    splits["train"].extend(written)
    if with_paraphrases:
        splits["train"].extend(paraphrase.rows(splits["train"], seen, norm))
    for rows in splits.values():
        for row in rows:
            assert set(row["labels"]) <= set(LABELS) and row["lang"] in LANGS, row
            assert row.get("style", "plain") in STYLES, row
    return splits


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlp.corpus.gen", description=__doc__)
    parser.add_argument("--check", action="store_true", help="do not write; fail if the files differ from a rebuild")
    parser.add_argument("--stats", action="store_true", help="print counts per split, label, language and style")
    parser.add_argument("--families-md", action="store_true", help="print the family table for README.md and stop")
    parser.add_argument("--readme", action="store_true", help="also rewrite the generated tables in nlp/corpus/README.md")
    parser.add_argument("--with-hand", action="store_true",
                        help="append the hand-written families (gen/hand_written.jsonl) to train even though gen/hand.py's "
                             "IN_TRAIN is off; use with --output for a trial corpus")
    parser.add_argument("--with-second", action="store_true",
                        help="append the second wave (gen/hand_written_2.jsonl, hw2_*) after the first even though "
                             "gen/hand.py's IN_TRAIN_2 is off; use with --output for a trial corpus")
    parser.add_argument("--with-third", action="store_true",
                        help="append the third wave (gen/hand_written_3.jsonl, hw3_*) after the second even though "
                             "gen/hand.py's IN_TRAIN_3 is off; use with --output for a trial corpus")
    parser.add_argument("--with-third-negatives", action="store_true",
                        help="append only the third wave's hard-negative families (gen/hand.py's hard_negative) even "
                             "though IN_TRAIN_3_NEGATIVES is off; use with --output for a trial corpus")
    parser.add_argument("--with-paraphrases", action="store_true",
                        help="append the paraphrases of training lines (gen/paraphrases.jsonl) even though "
                             "gen/paraphrase.py's IN_TRAIN_P is off; use with --output for a trial corpus")
    parser.add_argument("--output", type=Path, default=CORPUS, help="folder to write the splits to (default: nlp/corpus)")
    args = parser.parse_args(argv)
    if args.readme and args.output != CORPUS:
        parser.error("--readme describes nlp/corpus; do not combine it with --output")
    splits = build(with_hand=args.with_hand or hand.IN_TRAIN, with_second=args.with_second or hand.IN_TRAIN_2,
                   with_third=args.with_third or hand.IN_TRAIN_3,
                   with_third_negatives=args.with_third_negatives or hand.IN_TRAIN_3_NEGATIVES,
                   with_paraphrases=args.with_paraphrases or paraphrase.IN_TRAIN_P)
    if args.families_md:
        print_families(splits)
        return 0
    if args.readme:
        update_readme(splits)
    differ = []
    for name, rows in splits.items():
        text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        path = args.output / f"{name}.jsonl"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if args.stats or not args.check:
        print_stats(splits)
    if differ:
        print(f"differs from a rebuild: {differ}", file=sys.stderr)
        return 1
    return 0


def update_readme(splits: dict[str, list[dict]]) -> None:
    import contextlib
    import io

    readme = CORPUS / "README.md"
    text = readme.read_text(encoding="utf-8")
    for marker, writer in (("families", print_families), ("counts", print_counts)):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            writer(splits)
        start, end = f"<!-- {marker} -->", f"<!-- /{marker} -->"
        head, rest = text.split(start, 1)
        _, tail = rest.split(end, 1)
        text = head + start + "\n" + buffer.getvalue() + end + tail
    readme.write_text(text, encoding="utf-8")


def print_counts(splits: dict[str, list[dict]]) -> None:
    order = ("en", "gu", "hi", "translit", "mixed")
    for name, rows in splits.items():
        none = sum(1 for r in rows if not r["labels"])
        fams = {r["family"] for r in rows}
        print(f"**{name}.jsonl**: {len(rows):,} messages in {len(fams)} families; {none:,} unlabelled ({none / len(rows):.0%}).\n")
        print("| lang | (none) | confidential | hostile | instruction | personal_data | total |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for lang in order + ("all",):
            sel = [r for r in rows if lang == "all" or r["lang"] == lang]
            cells = [sum(1 for r in sel if not r["labels"])] + [sum(1 for r in sel if label in r["labels"]) for label in LABELS]
            print(f"| {lang} | " + " | ".join(f"{c:,}" for c in cells) + f" | {len(sel):,} |")
        styles = Counter(r.get("style", "(legacy)") for r in rows)
        print("\nstyles: " + ", ".join(f"{k} {v:,}" for k, v in sorted(styles.items())) + "\n")


def print_families(splits: dict[str, list[dict]]) -> None:
    teaches = {f.id: f for f in all_families()}
    print("| family | split | side | languages | messages | what it teaches |")
    print("|---|---|---|---|---:|---|")
    for split, rows in splits.items():
        by: dict[str, list[dict]] = {}
        for row in rows:
            by.setdefault(row["family"], []).append(row)
        for family_id, members in sorted(by.items()):
            langs = ", ".join(sorted({r["lang"] for r in members}))
            if family_id in teaches:
                f = teaches[family_id]
                side, what = f.side, f.teaches
            elif (described := hand.described(family_id)) is not None:
                side, what = described
                what = "hand-written: " + what
            else:
                side = "legacy"
                what = "first hand-written corpus, lines labelled " + (family_id.split("_", 2)[2].replace("_", " + ").replace("personal + data", "personal_data"))
            print(f"| `{family_id}` | {split} | {side} | {langs} | {len(members)} | {what} |")


def print_stats(splits: dict[str, list[dict]]) -> None:
    total = sum(len(rows) for rows in splits.values())
    print(f"total {total}")
    for name, rows in splits.items():
        none = sum(1 for r in rows if not r["labels"])
        fams = {r["family"] for r in rows}
        print(f"{name}: {len(rows)} messages, {len(fams)} families, unlabelled {none} ({none / max(1, len(rows)):.0%})")
        lab = Counter(l for r in rows for l in r["labels"])
        print("  labels:", dict(sorted(lab.items())))
        print("  langs:", dict(sorted(Counter(r["lang"] for r in rows).items())))
        print("  styles:", dict(sorted(Counter(r.get("style", "-") for r in rows).items())))


if __name__ == "__main__":
    raise SystemExit(main())
