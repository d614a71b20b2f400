"""`samvad nlp add-false-alarms`: the admins' "not a violation" presses become training lines."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.errors import CorpusError
from nlp.feedback import add_false_alarms

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(folder / "train.jsonl", [{"id": "t1", "text": "Noted sir.", "labels": [], "lang": "en", "family": "ack"}])
    _write(folder / "untouched.jsonl", [{"id": "u1", "text": "Keep this secret, ha ha", "labels": [], "lang": "en"}])
    return folder


def test_false_alarms_are_appended_once_with_ids_and_family(corpus, tmp_path):
    presses = tmp_path / "fa.jsonl"
    _write(presses, [
        {"id": "fa-7", "text": "Control room number is 98250 12345", "labels": [], "lang": "en"},
        {"id": "fa-8", "text": "Control room  number is 98250 12345", "labels": [], "lang": "en"},  # pressed twice
        {"id": "fa-9", "text": "KEEP this   secret, ha ha", "labels": [], "lang": "en"},  # already held out
        {"id": "fa-10", "text": "તમે મૂરખ છો", "labels": ["hostile"], "lang": "gu"},
    ])
    result = add_false_alarms(presses, corpus / "train.jsonl", "admin_false_alarm")
    assert (result.added, result.duplicates) == (2, 2)
    rows = _rows(corpus / "train.jsonl")
    assert rows[0]["id"] == "t1"
    assert rows[1:] == [
        {"id": "admin_false_alarm-0001", "text": "Control room number is 98250 12345", "labels": [], "lang": "en",
         "family": "admin_false_alarm"},
        {"id": "admin_false_alarm-0002", "text": "તમે મૂરખ છો", "labels": ["hostile"], "lang": "gu",
         "family": "admin_false_alarm"},
    ]
    # A second run adds nothing; a new press is numbered on.
    _write(presses, [{"id": "fa-11", "text": "Helpline 1077 is free", "labels": []}])
    assert add_false_alarms(presses, corpus / "train.jsonl").added == 1
    assert _rows(corpus / "train.jsonl")[-1]["id"] == "admin_false_alarm-0003"


def test_a_bad_line_is_reported_with_its_number_and_nothing_is_written(corpus, tmp_path):
    presses = tmp_path / "fa.jsonl"
    presses.write_text('{"id": "fa-1", "text": "fine", "labels": []}\n{"id": "fa-2", "text": "x", "labels": ["rude"]}\n')
    before = (corpus / "train.jsonl").read_bytes()
    with pytest.raises(CorpusError, match=r"fa.jsonl:2: "):
        add_false_alarms(presses, corpus / "train.jsonl")
    assert (corpus / "train.jsonl").read_bytes() == before


def test_the_command_appends_and_says_how_many(corpus, tmp_path):
    presses = tmp_path / "fa.jsonl"
    _write(presses, [{"id": "fa-1", "text": "Minutes are on the shared drive", "labels": []}])
    done = subprocess.run(
        [sys.executable, "-m", "nlp", "nlp", "add-false-alarms", str(presses), "--corpus", str(corpus / "train.jsonl"),
         "--family", "admin_false_alarm"], capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "1 lines added" in done.stderr and "0 already in the corpus" in done.stderr
    assert _rows(corpus / "train.jsonl")[-1]["family"] == "admin_false_alarm"
    bad = subprocess.run(
        [sys.executable, "-m", "nlp", "nlp", "add-false-alarms", str(tmp_path / "missing.jsonl"), "--corpus",
         str(corpus / "train.jsonl")], capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert bad.returncode == 2 and "samvad nlp add-false-alarms:" in bad.stderr
