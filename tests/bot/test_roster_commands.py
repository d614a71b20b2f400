"""`samvad roster import` and `samvad roster export` as a person runs them."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest

from bot.cli import main
from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS
from storage.roster_csv import read_roster

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "bot" / "demo" / "roster.csv"


@pytest.fixture
def samvad(tmp_path, monkeypatch):
    """Run the `samvad` command line with a database in tmp_path; returns (exit status, stdout, stderr)."""
    for name in [name for name in os.environ if name.startswith("SAMVAD_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("SAMVAD_DB_PATH", str(tmp_path / "samvad.db"))
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)

    yield lambda *argv: main(list(argv))
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def _posts(data):
    return sorted(read_roster(data, official_domains=OFFICIAL_EMAIL_DOMAINS).posts, key=lambda post: post.post_id)


def test_import_then_export_gives_back_the_same_roster(samvad, tmp_path, capsys):
    assert samvad("roster", "import", str(DEMO)) == 0
    assert "imported 15 posts" in capsys.readouterr().out
    assert samvad("roster", "export") == 0
    exported = capsys.readouterr().out
    assert exported.splitlines()[0] == "post_id,designation,level,jurisdiction,mobile,email,holder,admin,coordinator"
    assert _posts(exported) == _posts(DEMO.read_bytes())
    (tmp_path / "again.csv").write_text(exported, encoding="utf-8")
    assert samvad("roster", "import", str(tmp_path / "again.csv")) == 0
    assert "no changes" in capsys.readouterr().out


def test_a_bad_file_exits_1_and_lists_every_bad_row(samvad, tmp_path, capsys):
    bad = DEMO.read_text(encoding="utf-8").replace("+91 94262 40004", "12345").replace(",Valsad,", ",Valsud,", 1)
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    assert samvad("roster", "import", str(tmp_path / "bad.csv")) == 1
    out = capsys.readouterr().out
    assert "nothing was changed" in out and "these 2 rows" in out
    assert re.search(r"line 12: bad number: '12345'", out)
    assert "line 14: unknown district: 'Valsud'" in out and "did you mean Valsad?" in out
    assert samvad("roster", "export") == 0
    assert capsys.readouterr().out.count("\n") == 1  # the header only: nothing was imported


def test_a_missing_file_exits_2_with_the_reason(samvad, capsys):
    assert samvad("roster", "import", "no-such-file.csv") == 2
    assert "cannot read no-such-file.csv" in capsys.readouterr().err


def test_a_dry_run_shows_the_transfer_and_writes_nothing(samvad, tmp_path, capsys):
    assert samvad("roster", "import", str(DEMO)) == 0
    changed = DEMO.read_text(encoding="utf-8").replace("Vikram Jadeja", "Amit Shah")
    (tmp_path / "changed.csv").write_text(changed, encoding="utf-8")
    capsys.readouterr()
    assert samvad("roster", "import", str(tmp_path / "changed.csv"), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "mamlatdar-bhuj: holder Vikram Jadeja → Amit Shah" in out and "Dry run" in out
    assert samvad("roster", "export", "-o", str(tmp_path / "now.csv")) == 0
    assert "Vikram Jadeja" in (tmp_path / "now.csv").read_text(encoding="utf-8")


def test_posts_missing_from_a_file_are_kept_unless_asked(samvad, tmp_path, capsys):
    assert samvad("roster", "import", str(DEMO)) == 0
    fewer = "\n".join(line for line in DEMO.read_text(encoding="utf-8").splitlines() if "relief" not in line)
    (tmp_path / "fewer.csv").write_text(fewer + "\n", encoding="utf-8")
    capsys.readouterr()
    assert samvad("roster", "import", str(tmp_path / "fewer.csv")) == 0
    assert "kept as they are (give --remove-missing to remove them): 1" in capsys.readouterr().out
    assert samvad("roster", "import", str(tmp_path / "fewer.csv"), "--remove-missing") == 0
    assert "removed (not in the file): 1" in capsys.readouterr().out
    samvad("roster", "export")
    assert "relief-commissioner" not in capsys.readouterr().out


def test_the_readme_roster_example_is_a_valid_excerpt_of_the_sample_file():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```csv\n(.*?)```", readme, flags=re.DOTALL)
    reading = read_roster(example, official_domains=OFFICIAL_EMAIL_DOMAINS)
    assert reading.ok, reading.describe_problems()
    sample = DEMO.read_text(encoding="utf-8").splitlines()
    for line in example.strip().splitlines():
        assert line in sample


def test_a_dry_run_on_a_new_database_creates_no_file(samvad, tmp_path, capsys):
    before = sorted(path.name for path in tmp_path.iterdir())
    assert samvad("roster", "import", str(DEMO), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "would change 15 posts" in out and "Dry run: nothing was written." in out
    assert sorted(path.name for path in tmp_path.iterdir()) == before


def test_a_dry_run_on_an_existing_database_changes_no_file(samvad, tmp_path, capsys):
    assert samvad("roster", "import", str(DEMO)) == 0
    files = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.name.startswith("samvad.db")}
    changed = DEMO.read_text(encoding="utf-8").replace("Vikram Jadeja", "Amit Shah")
    (tmp_path / "changed.csv").write_text(changed, encoding="utf-8")
    capsys.readouterr()
    assert samvad("roster", "import", str(tmp_path / "changed.csv"), "--dry-run") == 0
    assert "mamlatdar-bhuj: holder Vikram Jadeja → Amit Shah" in capsys.readouterr().out
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.name.startswith("samvad.db")} == files


def test_a_roster_file_with_a_formula_is_refused_with_its_line(samvad, tmp_path, capsys):
    bad = DEMO.read_text(encoding="utf-8").replace("Hetal Gohil", "=HYPERLINK(\"\"http://evil.example\"\")")
    (tmp_path / "formula.csv").write_text(bad, encoding="utf-8")
    assert samvad("roster", "import", str(tmp_path / "formula.csv")) == 1
    assert "line 12: spreadsheet formula: holder '=HYPERLINK" in capsys.readouterr().out


def test_the_import_accepts_addresses_on_the_configured_official_domains_only(samvad, tmp_path, capsys, monkeypatch):
    header = DEMO.read_text(encoding="utf-8").splitlines()[0]
    row = "dm-kutch,Disaster Manager,district,Kutch,+91 94262 49999,dm@kutchdm.org,Asha Rao,no,"
    (tmp_path / "one.csv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert samvad("roster", "import", str(tmp_path / "one.csv")) == 1  # not an official domain by default
    assert "kutchdm.org" in capsys.readouterr().out
    monkeypatch.setenv("SAMVAD_OFFICIAL_EMAIL_DOMAINS", "gujarat.gov.in,kutchdm.org")
    assert samvad("roster", "import", str(tmp_path / "one.csv")) == 0
    capsys.readouterr()
    assert samvad("roster", "export") == 0
    assert "dm@kutchdm.org" in capsys.readouterr().out
