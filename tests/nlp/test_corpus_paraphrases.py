"""The paraphrase wave's mechanics (nlp/corpus/gen/paraphrase.py): which rewordings may stand for their source, how
they enter train.jsonl, and that `nlp train`'s out-of-fold parts keep a paraphrase with its source."""
from __future__ import annotations

import json

import pytest

from nlp.corpus.gen.__main__ import norm
from nlp.corpus.gen.paraphrase import check, digit_runs, rows, script_of
from nlp.evaluate import paraphrased_from


def test_the_source_of_a_paraphrase_is_read_from_its_id():
    assert paraphrased_from("conf_heading_order_w11.015~p1") == "conf_heading_order_w11.015"
    assert paraphrased_from("t00012~p2") == "t00012"
    assert paraphrased_from("conf_heading_order_w11.015") is None
    # "~p" inside a name without a number after it is not the mark.
    assert paraphrased_from("s2.pd~pan.003") is None


def test_numbers_are_compared_however_they_are_grouped_or_written():
    assert digit_runs("Aadhaar 6850 9514 1246, call 98250-12345 by 5 pm") == ["5", "685095141246", "9825012345"]
    # Gujarati digits read as the same number.
    assert digit_runs("ફાઇલ ૭૦૭૪") == digit_runs("file 7074") == ["7074"]


def test_a_rewording_that_keeps_numbers_and_script_stands():
    source = "Confidential: forward complainant Raju Bharwad's Aadhaar 6850 9514 1246 to the inquiry officer tonight."
    reworded = "Strictly confidential - send the inquiry officer Raju Bharwad's Aadhaar 685095141246 before tonight is out."
    assert check(source, reworded, norm) is None


@pytest.mark.parametrize(("source", "reworded", "why"), [
    ("Send the list by 5 pm.", "send the  LIST by 5 pm.", "the same text"),
    ("Aadhaar 6850 9514 1246 of the applicant", "the applicant's Aadhaar 6850 9514 1247", "numbers changed"),
    ("મામલતદારશ્રીએ યાદી મોકલવી.", "Mamlatdar shri e yaadi mokalvi.", "script changed"),
    ("Please send the relief figures for every taluka to the control room by this evening.", "Send figures.", "length"),
])
def test_a_rewording_that_changed_what_it_must_keep_is_refused(source, reworded, why):
    assert why in check(source, reworded, norm)


def test_the_script_is_the_one_most_letters_are_in():
    assert script_of("કલેક્ટર meeting 5 વાગ્યે") == "gujarati"
    assert script_of("कलेक्टर साहब की meeting") == "devanagari"
    assert script_of("collector saheb ni meeting") == "latin"


def _train() -> list[dict]:
    return [{"id": "conf_a.001", "text": "Confidential: the draft rates are 4,200 a quintal.", "labels": ["confidential"],
             "lang": "en", "family": "conf_a", "style": "plain"},
            {"id": "t00003", "text": "Done sir, uploaded on the portal at 10:40.", "labels": [], "lang": "en",
             "family": "legacy_train_none"}]


def test_paraphrases_enter_train_with_their_sources_labels_and_family(tmp_path):
    path = tmp_path / "paraphrases.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in [
        {"source": "t00003", "text": "Uploaded it on the portal at 10:40, sir, it is done."},
        {"source": "conf_a.001", "text": "Not for circulation: draft rate fixed at 4,200 per quintal."},
    ]) + "\n", encoding="utf-8")
    seen = {norm(r["text"]) for r in _train()}
    out = rows(_train(), seen, norm, path)
    # In the order of their sources, named after them.
    assert [r["id"] for r in out] == ["conf_a.001~p1", "t00003~p1"]
    assert out[0]["labels"] == ["confidential"] and out[0]["family"] == "conf_a"
    assert out[1]["labels"] == [] and out[1]["style"] == "plain"
    assert norm("Uploaded it on the portal at 10:40, sir, it is done.") in seen


@pytest.mark.parametrize(("line", "message"), [
    ({"source": "t99999", "text": "Uploaded, sir."}, "is not a line of train.jsonl"),
    ({"source": "t00003", "text": "Uploaded on the portal at 11:40, sir, done."}, "numbers changed"),
    ({"source": "t00003", "text": "Done sir, uploaded on the portal at 10:40."}, "the same text"),
])
def test_a_bad_paraphrase_line_stops_the_build(tmp_path, line, message):
    path = tmp_path / "paraphrases.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=message):
        rows(_train(), set(), norm, path)


def test_a_second_paraphrase_of_one_line_stops_the_build(tmp_path):
    path = tmp_path / "paraphrases.jsonl"
    path.write_text("".join(json.dumps({"source": "t00003", "text": t}) + "\n" for t in
                            ("Uploaded on the portal at 10:40, sir.", "Sir, it is on the portal since 10:40.")),
                    encoding="utf-8")
    with pytest.raises(SystemExit, match="a second paraphrase"):
        rows(_train(), set(), norm, path)


def test_nlp_train_scores_a_paraphrase_in_its_sources_out_of_fold_part():
    from nlp.evaluate import Example
    from nlp.training import out_of_fold_parts

    lines = [Example(f"f.{i:03d}", f"line {i}", frozenset(), "en", "f") for i in range(40)]
    paraphrases = [Example(f"f.{i:03d}~p1", f"line {i} reworded", frozenset(), "en", "f") for i in range(0, 40, 3)]
    parts = out_of_fold_parts(lines + paraphrases, 4, seed=0)
    part_of = {(lines + paraphrases)[i].id: k for k, part in enumerate(parts) for i in part}
    assert sorted(i for part in parts for i in part) == list(range(len(lines) + len(paraphrases)))
    for p in paraphrases:
        assert part_of[p.id] == part_of[paraphrased_from(p.id)]
    # The lines themselves are dealt as without paraphrases: ten to a part.
    assert parts == [[i for i in part if i < 40] + [i for i in part if i >= 40] for part in parts]
    assert [len([i for i in part if i < 40]) for part in parts] == [10, 10, 10, 10]
    assert [[i for i in part if i < 40] for part in parts] == out_of_fold_parts(lines, 4, seed=0)


def test_the_written_paraphrases_all_stand_and_touch_no_other_split():
    from nlp.corpus.gen.__main__ import build
    from nlp.corpus.gen.paraphrase import PARAPHRASES

    written = [json.loads(line) for line in PARAPHRASES.read_text("utf-8").splitlines() if line.strip()]
    without, with_them = build(with_paraphrases=False), build(with_paraphrases=True)
    # Every line passed the checks (the build stops otherwise) and became one training line after the others...
    added = with_them["train"][len(without["train"]):]
    assert with_them["train"][:len(without["train"])] == without["train"]
    assert sorted(row["id"] for row in added) == sorted(f"{w['source']}~p1" for w in written)
    # ...a wave of size: at least a thousand, spread over the five languages and every label, as its sources were.
    assert len(added) >= 1000
    assert {row["lang"] for row in added} == {"en", "gu", "hi", "translit", "mixed"}
    assert {label for row in added for label in row["labels"]} == {"confidential", "hostile", "instruction",
                                                                    "personal_data"}
    # The other splits do not change.
    assert with_them["calibration"] == without["calibration"] and with_them["untouched"] == without["untouched"]
