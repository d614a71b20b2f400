"""`samvad classify`, `samvad nlp eval` and `samvad nlp rethreshold` as a user runs them."""
from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.cli import classify_stream, register

ROOT = Path(__file__).resolve().parents[2]
MINI = Path(__file__).parent / "data" / "mini_corpus"


def run_classify(content_filter, lines: list[str]) -> list[dict]:
    out = io.StringIO()
    assert classify_stream(content_filter, io.BytesIO("\n".join(lines).encode("utf-8")), out) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_classify_writes_one_line_per_message(content_filter):
    rows = run_classify(content_filter, [
        json.dumps({"id": "m1", "text": "Aadhaar 2345 6789 0124"}),
        json.dumps({"id": 2, "text": "Noted sir"}),
    ])
    assert rows[0]["id"] == "m1" and rows[0]["labels"] == ["personal_data"]
    (evidence,) = rows[0]["evidence"]
    assert evidence == {"label": "personal_data", "start": 8, "end": 22, "score": 0.95, "reason": "an Aadhaar number"}
    assert rows[1] == {"id": 2, "labels": [], "evidence": []}


def test_bad_lines_get_an_error_with_their_line_number_and_the_run_goes_on(content_filter):
    rows = run_classify(content_filter, [
        json.dumps({"id": "a", "text": "You idiot"}),
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": 42}),
        json.dumps(["a list"]),
        "",
        json.dumps({"id": "g", "text": "આ માહિતી ગોપનીય છે"}),
    ])
    assert [r.get("id") for r in rows] == ["a", None, "c", "d", None, "g"]
    assert rows[0]["labels"] == ["hostile"]
    assert rows[1]["error"].startswith("line 2:")
    assert rows[2]["error"].startswith("line 3:") and "text" in rows[2]["error"]
    assert rows[3]["error"].startswith("line 4:")
    assert rows[4]["error"].startswith("line 5:")
    assert rows[5]["labels"] == ["confidential"]


def test_invalid_utf8_line_is_an_error(content_filter):
    out = io.StringIO()
    classify_stream(content_filter, io.BytesIO(b'{"id": 1, "text": "\xff"}\n{"id": 2, "text": "ok"}\n'), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[0]["error"].startswith("line 1:") and rows[1]["id"] == 2


def test_lone_surrogate_in_input_is_classified(content_filter):
    rows = run_classify(content_filter, ['{"id": "\\ud800", "text": "\\ud800 confidential"}'])
    assert rows[0]["id"] == "\ud800" and rows[0]["labels"] == ["confidential"]


def test_register_adds_the_commands_and_returns_the_nlp_subparsers():
    parser = argparse.ArgumentParser(prog="samvad")
    subparsers = parser.add_subparsers(dest="command")
    nlp_commands = register(subparsers)
    extra = nlp_commands.add_parser("stats")
    extra.set_defaults(handler=lambda args: 0)
    assert parser.parse_args(["classify"]).file is None
    assert parser.parse_args(["classify", "in.jsonl"]).handler.__name__ == "run_classify"
    args = parser.parse_args(["nlp", "train", "--seed", "3"])
    assert args.seed == 3 and args.handler.__name__ == "run_train"
    assert parser.parse_args(["nlp", "eval", "dev.jsonl"]).handler.__name__ == "run_eval"
    assert parser.parse_args(["nlp", "rethreshold"]).handler.__name__ == "run_rethreshold"
    assert parser.parse_args(["nlp", "stats"]).handler(None) == 0


def test_classify_from_standard_input_in_a_fresh_process():
    lines = json.dumps({"id": 1, "text": "Send the report by 5 pm"}) + "\nbad\n"
    result = subprocess.run(
        [sys.executable, "-m", "nlp", "classify"], input=lines.encode(), capture_output=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert rows[0]["labels"] == ["instruction"] and "error" in rows[1]


def test_classify_reads_a_file(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "x", "text": "मैं तुम्हें देख लूंगा"}) + "\n", "utf-8")
    result = subprocess.run([sys.executable, "-m", "nlp", "classify", str(source)], capture_output=True, cwd=ROOT, timeout=120)
    assert json.loads(result.stdout)["labels"] == ["hostile"]


def test_eval_prints_the_figures_and_the_errors():
    result = subprocess.run(
        [sys.executable, "-m", "nlp", "nlp", "eval", str(MINI / "holdout.jsonl")], capture_output=True, cwd=ROOT, timeout=120,
    )
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    for word in ("confidential", "hostile", "instruction", "personal_data", "micro", "false alarms on unlabelled", "misses",
                 "ACT P", "by language"):
        assert word in out


@pytest.mark.parametrize("name", ["untouched.jsonl", "sealed.jsonl", "sealed2.jsonl"])
def test_eval_of_the_untouched_split_prints_figures_but_not_its_messages(tmp_path, name):
    untouched = tmp_path / name
    untouched.write_text((MINI / "holdout.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    run = [sys.executable, "-m", "nlp", "nlp", "eval", str(untouched)]
    hidden = subprocess.run(run, capture_output=True, cwd=ROOT, timeout=120).stdout.decode()
    shown = subprocess.run([*run, "--show-messages"], capture_output=True, cwd=ROOT, timeout=120).stdout.decode()
    assert "micro" in hidden and "false alarms on unlabelled" in hidden
    assert "misses (" not in hidden and "are not printed" in hidden
    assert "misses (" in shown


def test_eval_of_a_missing_file_fails_cleanly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "nlp", "nlp", "eval", str(tmp_path / "none.jsonl")], capture_output=True, cwd=ROOT, timeout=120,
    )
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_rethreshold_of_the_packaged_model_chooses_its_packaged_thresholds_again(tmp_path):
    # The packaged thresholds are the ones the rule in nlp/training.py chooses on the calibration split: choosing
    # them again on a copy of the model rewrites its decision file with the same two thresholds for every label.
    packaged = ROOT / "nlp" / "model"
    model = tmp_path / "model"
    shutil.copytree(packaged, model)
    result = subprocess.run([sys.executable, "-m", "nlp", "nlp", "rethreshold", "--model", str(model)],
                            capture_output=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    assert "thresholds chosen again on calibration.jsonl" in result.stdout.decode()
    before = json.loads((packaged / "samvad_decision.json").read_text("utf-8"))["labels"]
    after = json.loads((model / "samvad_decision.json").read_text("utf-8"))["labels"]
    assert {label: (m["lower"], m["upper"]) for label, m in after.items()} == \
        {label: (m["lower"], m["upper"]) for label, m in before.items()}


def test_rethreshold_of_a_model_without_a_decision_fails_cleanly(tmp_path):
    model = tmp_path / "model"
    shutil.copytree(ROOT / "nlp" / "model", model)
    (model / "samvad_decision.json").unlink()
    result = subprocess.run([sys.executable, "-m", "nlp", "nlp", "rethreshold", "--model", str(model)],
                            capture_output=True, cwd=ROOT, timeout=300)
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"no decision file" in result.stderr
