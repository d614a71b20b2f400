"""Real false alarms teach the next model: `samvad nlp false-alarms` lines become corpus lines.

    samvad nlp false-alarms --output fa.jsonl
    samvad nlp add-false-alarms fa.jsonl [--family admin_false_alarm] [--corpus nlp/corpus/train.jsonl]

Each input line is `{"id", "text", "labels", "lang"}` (the labels the admins
confirmed, often none). It is appended to the training split with a new id
(`<family>-0001`, numbered on from the highest already there) and its
family. A text already in any split of the corpus (compared after
normalisation, case and spacing folded) is skipped, so that the same press
twice, or a message already held out, never enters training. The whole
input is checked before anything is written: a bad line leaves the corpus
as it was.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from nlp.errors import CorpusError
from nlp.normalise import normalise
from nlp.verdict import LABELS

DEFAULT_FAMILY = "admin_false_alarm"
_SPACE = re.compile(r"\s+")
_FAMILY = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Added:
    """What `add_false_alarms` did."""

    added: int
    duplicates: int


def text_key(text: str) -> str:
    """The text as compared for duplicates: normalised, case-folded, spacing collapsed."""
    return _SPACE.sub(" ", normalise(text).text).strip().casefold()


def _read_rows(source: Path) -> list[dict]:
    rows = []
    with Path(source).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{source}:{number}: not valid JSON ({exc.msg})") from exc
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row["text"].strip():
                raise CorpusError(f"{source}:{number}: expected an object with a non-empty \"text\"")
            labels = row.get("labels", [])
            if not isinstance(labels, list) or set(labels) - set(LABELS):
                raise CorpusError(f"{source}:{number}: \"labels\" must be a list of {', '.join(LABELS)}")
            rows.append(row)
    return rows


def _known(corpus_dir: Path) -> tuple[set[str], set[str]]:
    """Text keys and ids of every split in the corpus folder."""
    keys: set[str] = set()
    ids: set[str] = set()
    for split in sorted(corpus_dir.glob("*.jsonl")):
        with split.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    keys.add(text_key(row.get("text", "")))
                    ids.add(str(row.get("id", "")))
    return keys, ids


def add_false_alarms(source: Path, target: Path, family: str = DEFAULT_FAMILY) -> Added:
    """Append the false alarms in `source` to the corpus split `target`, deduplicated; returns the counts."""
    if not _FAMILY.match(family):
        raise CorpusError(f"family {family!r}: use lower-case letters, digits and _")
    rows = _read_rows(source)
    target = Path(target)
    keys, ids = _known(target.parent)
    numbers = [int(i.rsplit("-", 1)[1]) for i in ids if i.startswith(family + "-") and i.rsplit("-", 1)[1].isdigit()]
    next_number = max(numbers, default=0) + 1
    lines, duplicates = [], 0
    for row in rows:
        key = text_key(row["text"])
        if key in keys:
            duplicates += 1
            continue
        keys.add(key)
        line = {"id": f"{family}-{next_number:04d}", "text": row["text"], "labels": sorted(set(row.get("labels", []))),
                "lang": str(row.get("lang") or ""), "family": family}
        next_number += 1
        lines.append(json.dumps(line, ensure_ascii=False) + "\n")
    if lines:
        needs_newline = target.is_file() and target.stat().st_size and not target.read_bytes().endswith(b"\n")
        with target.open("a", encoding="utf-8") as out:
            if needs_newline:
                out.write("\n")
            out.writelines(lines)
    return Added(len(lines), duplicates)
