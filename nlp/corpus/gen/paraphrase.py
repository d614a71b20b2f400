"""A wave of paraphrases of training lines (`paraphrases.jsonl`, rule21, 5 December 2026).

Each line rewrites one line of train.jsonl (its `source` id): the same meaning and labels, language, script and style,
every number and name copied, other words and construction. A paraphrase is appended to train.jsonl as
`<source id>~p1`, with its source's labels, language, family and style, so that whatever holds a source out (a
held-out family in the grouped CV, an out-of-fold part in `nlp train`) holds its paraphrase out with it: a
classifier never scores a line whose paraphrase it was trained on (`nlp.evaluate.paraphrased_from`).

Why: a bag of words learns a meaning's words only from the phrasings it is shown, and the held-out families' misses
are new phrasings of meanings the corpus has (nlp/README.md, rule20). Paraphrases of a uniform sample of the
training lines add phrasings without changing the balance of labels and languages (the third wave's new families
shifted it and raised false alarms).

`check` is the mechanical part of a paraphrase's review: it refuses a paraphrase that changed a number, the
message's script, or nothing. The lines in `paraphrases.jsonl` all pass it (`rows` stops the build otherwise).
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

from nlp.evaluate import PARAPHRASE_MARK

PARAPHRASES = Path(__file__).resolve().parent / "paraphrases.jsonl"
# Whether train.jsonl holds them. Setting it True needs a rebuild and a retrain.
IN_TRAIN_P = False


def digit_runs(text: str) -> list[str]:
    """The message's numbers, sorted: runs of digits (any script's digits read as ASCII, one space or dash between
    digits read as part of the run), so that an Aadhaar, a phone, a file or account number reads the same however
    it is grouped, and a time or a date is compared digit for digit."""
    folded = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    runs, current, gap = [], "", ""
    for c in folded + "\0":
        if c.isascii() and c.isdigit():
            current += c
            gap = ""
        elif c in " -" and current and not gap:
            gap = c
        else:
            if current:
                runs.append(current)
            current, gap = "", ""
    return sorted(runs)


def script_of(text: str) -> str:
    """The script most of the message's letters are in: "gujarati", "devanagari" or "latin" ("" without letters)."""
    counts: Counter[str] = Counter()
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "")
            counts["gujarati" if name.startswith("GUJARATI") else "devanagari" if name.startswith("DEVANAGARI")
                   else "latin" if "LATIN" in name else "other"] += 1
    return counts.most_common(1)[0][0] if counts else ""


def check(source: str, paraphrase: str, norm) -> str | None:
    """Why a paraphrase cannot stand for its source (None when it can): a number changed, dropped or added; the
    script most letters are in changed; the same text once folded; less than 40% or more than 250% of the source's
    length."""
    if norm(paraphrase) == norm(source):
        return "the same text as its source"
    if digit_runs(paraphrase) != digit_runs(source):
        return f"numbers changed: {digit_runs(source)} -> {digit_runs(paraphrase)}"
    if script_of(paraphrase) != script_of(source):
        return f"script changed: {script_of(source)} -> {script_of(paraphrase)}"
    if not 0.4 <= len(paraphrase) / max(1, len(source)) <= 2.5:
        return f"length {len(source)} -> {len(paraphrase)}"
    return None


def rows(train: list[dict], seen: set[str], norm, path: Path = PARAPHRASES) -> list[dict]:
    """The paraphrases of `train`'s lines as corpus rows, in the order of their sources; `seen` (folded texts
    already in the corpus) is extended. A line that fails `check`, repeats a text or names a source that is not a
    training line stops the build."""
    by_id = {row["id"]: row for row in train}
    written: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        source = by_id.get(item["source"])
        if source is None:
            raise SystemExit(f"{path.name}:{n}: source {item['source']!r} is not a line of train.jsonl")
        if item["source"] in written:
            raise SystemExit(f"{path.name}:{n}: a second paraphrase of {item['source']!r}")
        problem = check(source["text"], item["text"], norm)
        if problem:
            raise SystemExit(f"{path.name}:{n}: {item['source']}: {problem}")
        key = norm(item["text"])
        if key in seen:
            raise SystemExit(f"{path.name}:{n}: text already in the corpus: {item['text'][:60]!r}")
        seen.add(key)
        written[item["source"]] = item["text"]
    out = []
    for row in train:
        if row["id"] in written:
            out.append({"id": f"{row['id']}{PARAPHRASE_MARK}1", "text": written[row["id"]], "labels": list(row["labels"]),
                        "lang": row["lang"], "family": row["family"], "style": row.get("style", "plain")})
    return out
