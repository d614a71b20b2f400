from functools import partial
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.recognisers.base import OFFICIAL_EMAIL_DOMAINS
from storage import roster_csv
from storage.roster_csv import HEADER, Problem, write_roster

# The configured domains by default (the settings' default); a test may pass others.
read_roster = partial(roster_csv.read_roster, official_domains=OFFICIAL_EMAIL_DOMAINS)

DEMO = Path(__file__).resolve().parents[2] / "bot" / "demo" / "roster.csv"
HEADER_LINE = ",".join(HEADER)
GOOD_1 = "collector-kutch,District Collector,district,Kutch,+91 94262 40001,collector-kut@gujarat.gov.in,Rajesh Patel,yes"
GOOD_2 = 'mamlatdar-bhuj,"Mamlatdar, Bhuj",district,Kachchh,094262-40003,mam-bhuj@gujarat.gov.in,Vikram Jadeja,no'


def _file(*rows: str) -> str:
    return "\n".join((HEADER_LINE, *rows)) + "\n"


def test_the_demo_roster_reads_cleanly():
    reading = read_roster(DEMO.read_bytes())
    assert reading.ok, reading.describe_problems()
    assert len(reading.posts) == 15
    collector = next(post for post in reading.posts if post.post_id == "collector-kutch")
    assert collector.mobile == "+919426240001"
    assert collector.jurisdiction == "Kutch"
    assert collector.is_admin


def test_spellings_are_stored_canonical():
    reading = read_roster(_file(GOOD_1, GOOD_2))
    assert reading.ok
    bhuj = reading.posts[1]
    assert (bhuj.jurisdiction, bhuj.mobile, bhuj.designation) == ("Kutch", "+919426240003", "Mamlatdar, Bhuj")


@pytest.mark.parametrize(
    ("row", "kind", "words"),
    [
        ("x1,Mamlatdar,district,Kutch,+91 12345,a@gujarat.gov.in,A B,no", Problem.BAD_NUMBER, "10 digits"),
        ("x1,Mamlatdar,district,Kutch,5426210001,a@gujarat.gov.in,A B,no", Problem.BAD_NUMBER, "6, 7, 8 or 9"),
        ("x1,Mamlatdar,district,Kutchh-land,9426210001,a@gujarat.gov.in,A B,no", Problem.UNKNOWN_DISTRICT, "Kutchh-land"),
        ("x1,Mamlatdar,district,Valsud,9426210001,a@gujarat.gov.in,A B,no", Problem.UNKNOWN_DISTRICT, "Valsad"),
        ("x1,Officer,hod,revenue,9426210001,a@gujarat.gov.in,A B,no", Problem.UNKNOWN_OFFICE, "land-records"),
        ("x1,Mamlatdar,district,Kutch,9426210001,a.b@gmail.com,A B,no", Problem.OFF_DOMAIN_EMAIL, "gujarat.gov.in"),
        ("x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in.evil.com,A B,no", Problem.OFF_DOMAIN_EMAIL, "§1"),
        ("x1,Mamlatdar,district,Kutch,9426210001,not-an-email,A B,no", Problem.BAD_EMAIL, "not-an-email"),
        ("x1,Mamlatdar,taluka,Kutch,9426210001,a@gujarat.gov.in,A B,no", Problem.UNKNOWN_LEVEL, "taluka"),
        ("x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,A B,maybe", Problem.BAD_ADMIN, "yes or no"),
        ("x1,,district,Kutch,9426210001,a@gujarat.gov.in,A B,no", Problem.MISSING_FIELD, "designation"),
        (",Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,A B,no", Problem.MISSING_FIELD, "post_id"),
        ("x1,Mamlatdar,district,Kutch,,a@gujarat.gov.in,A B,no", Problem.MISSING_FIELD, "mobile"),
        ("x1,Mamlatdar,district,Kutch,9426210001,,A B,no", Problem.MISSING_FIELD, "email"),
        ("x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,,no", Problem.MISSING_FIELD, "holder"),
        ("x1,Mamlatdar,district,,9426210001,a@gujarat.gov.in,A B,no", Problem.MISSING_FIELD, "district"),
        ("x1,Mamlatdar,,Kutch,9426210001,a@gujarat.gov.in,A B,no", Problem.MISSING_FIELD, "level"),
        ("x1,Mamlatdar,district,Kutch", Problem.MISSING_FIELD, "mobile"),
        ("mamlatdar bhuj,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,A B,no", Problem.BAD_POST_ID, "spaces"),
        ("x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,A B,no,extra", Problem.TOO_MANY_FIELDS, "extra"),
        ("x1,Mamlatdar,district,Kutch,+91 94262 40001,a@gujarat.gov.in,A B,no", Problem.DUPLICATE_NUMBER, "line 2"),
        ("collector-kutch,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,A B,no", Problem.DUPLICATE_POST_ID,
         "line 2"),
    ],
)
def test_a_bad_row_rejects_the_whole_file_and_is_named_with_its_line(row, kind, words):
    reading = read_roster(_file(GOOD_1, row, GOOD_2))
    assert not reading.ok
    assert reading.posts == ()
    assert [problem.line for problem in reading.problems if problem.kind is kind] == [3]
    assert words in reading.describe_problems()


def test_every_bad_row_is_listed_not_only_the_first():
    reading = read_roster(_file(
        GOOD_1,
        "x1,Mamlatdar,district,Kutch,12345,a@gujarat.gov.in,A B,no",
        GOOD_2,
        "x2,Mamlatdar,district,Bombay,9426299999,a@yahoo.com,A B,no",
    ))
    assert reading.bad_lines == [3, 5]
    assert {problem.kind for problem in reading.problems if problem.line == 5} == {
        Problem.UNKNOWN_DISTRICT, Problem.OFF_DOMAIN_EMAIL,
    }


def test_line_numbers_count_blank_lines_and_quoted_line_breaks():
    reading = read_roster(
        HEADER_LINE + "\n\n" + 'x1,"Mamlatdar,\nBhuj",district,Kutch,9426210001,a@gujarat.gov.in,A B,no\n'
        + "x2,Mamlatdar,district,Kutch,1,a@gujarat.gov.in,A B,no\n"
    )
    assert [problem.line for problem in reading.problems] == [5]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (b"\xff\xfeb\x00a\x00d\x00", Problem.NOT_TEXT),
        ("", Problem.NO_POSTS),
        (HEADER_LINE + "\n", Problem.NO_POSTS),
        ("post_id,designation,level,mobile,email,holder,admin\n" + GOOD_1, Problem.BAD_HEADER),
        (HEADER_LINE.replace(",", ";") + "\n", Problem.BAD_HEADER),
        (HEADER_LINE + ",mobile\n" + GOOD_1, Problem.BAD_HEADER),
    ],
)
def test_a_file_that_is_not_a_roster_is_refused_with_the_reason(text, kind):
    reading = read_roster(text)
    assert [problem.kind for problem in reading.problems] == [kind]


def test_the_email_domains_come_from_the_caller():
    row = "x1,Mamlatdar,district,Kutch,9426210001,a@revenue.gujarat.gov.in,A B,no"
    assert read_roster(_file(row), official_domains=["gujarat.gov.in"]).ok  # a subdomain of an official domain
    assert not read_roster(_file(row), official_domains=["nic.in"]).ok


def test_an_extra_column_is_ignored_and_reported():
    reading = read_roster(HEADER_LINE + ",remarks\n" + GOOD_1 + ",on leave\n")
    assert reading.ok
    assert reading.ignored_columns == ("remarks",)


def test_export_reads_back_to_the_same_posts():
    first = read_roster(DEMO.read_bytes())
    again = read_roster(write_roster(first.posts))
    assert again.ok
    assert sorted(again.posts, key=lambda p: p.post_id) == sorted(first.posts, key=lambda p: p.post_id)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_gives_a_reading_and_never_an_exception(text):
    reading = read_roster(text)
    assert reading.ok or reading.problems


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_give_a_reading_and_never_an_exception(data):
    reading = read_roster(data)
    assert reading.ok or reading.problems


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), max_size=10), max_size=8))
def test_any_rows_under_the_header_give_a_reading_and_never_an_exception(rows):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer).writerows([list(HEADER), *rows])
    reading = read_roster(buffer.getvalue())
    assert reading.ok or reading.problems
    for problem in reading.problems:
        assert problem.line >= 1


# -- coordinators (issue 18) ------------------------------------------------------------------------------

COORDINATOR_HEADER = HEADER_LINE + ",coordinator"
RAC = "rac-kutch,Resident Additional Collector,district,Kutch,+91 94262 40005,rac@gujarat.gov.in,J P,no,{}"


@pytest.mark.parametrize(
    ("cell", "scope"),
    [("", ""), ("state", "state"), ("State", "state"), ("Kutch", "Kutch"), ("Kachchh", "Kutch"), (" valsad ", "Valsad")],
)
def test_the_coordinator_column_takes_state_or_a_district_in_any_spelling(cell, scope):
    reading = read_roster(COORDINATOR_HEADER + "\n" + RAC.format(cell) + "\n")
    assert reading.ok, reading.describe_problems()
    assert reading.posts[0].coordinator == scope


def test_a_bad_coordinator_scope_is_refused_with_its_line():
    reading = read_roster(COORDINATOR_HEADER + "\n" + GOOD_1 + ",\n" + RAC.format("Kuch") + "\n")
    assert [problem.describe() for problem in reading.problems][0].startswith("line 3: bad coordinator scope: ")
    assert "did you mean Kutch?" in reading.describe_problems()
    assert reading.posts == ()


def test_the_coordinator_column_is_optional_and_written_back():
    old_style = read_roster(_file(GOOD_1))
    assert old_style.ok and old_style.posts[0].coordinator == ""
    written = write_roster(read_roster(COORDINATOR_HEADER + "\n" + RAC.format("Kachchh") + "\n").posts)
    assert written.splitlines() == [
        "post_id,designation,level,jurisdiction,mobile,email,holder,admin,coordinator",
        "rac-kutch,Resident Additional Collector,district,Kutch,+91 94262 40005,rac@gujarat.gov.in,J P,no,Kutch",
    ]


def test_the_demo_roster_names_its_coordinators():
    reading = read_roster(DEMO.read_bytes())
    scopes = {post.post_id: post.coordinator for post in reading.posts if post.coordinator}
    assert scopes == {"relief-commissioner": "state", "rac-kutch": "Kutch", "ddmo-valsad": "Valsad"}


# -- spreadsheet formulas (issue 14, bug 6) --------------------------------------------------------------

@pytest.mark.parametrize(
    ("row", "column", "start"),
    [
        ('x1,"=HYPERLINK(""http://evil.example"",""Mamlatdar"")",district,Kutch,9426210001,a@gujarat.gov.in,A B,no',
         "designation", "="),
        ("x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,+cmd|' /C calc'!A0,no", "holder", "+"),
        ("x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,@SUM(1+1),no", "holder", "@"),
        ("x1,Relief Commissioner,state,-2+3,9426210001,a@gujarat.gov.in,A B,no", "jurisdiction", "-"),
        ("=x1,Mamlatdar,district,Kutch,9426210001,a@gujarat.gov.in,A B,no", "post_id", "="),
    ],
)
def test_a_formula_in_a_name_or_post_is_refused_with_its_line(row, column, start):
    reading = read_roster(_file(GOOD_1, row))
    formula = [problem for problem in reading.problems if problem.kind is Problem.FORMULA]
    assert len(formula) == 1 and formula[0].line == 3
    assert formula[0].describe().startswith(f"line 3: spreadsheet formula: {column} ")
    assert f"starts with '{start}'" in formula[0].detail
    assert reading.posts == ()


def test_a_mobile_number_starting_with_plus_is_not_a_formula():
    reading = read_roster(_file(GOOD_1))
    assert reading.ok and reading.posts[0].mobile == "+919426240001"


def test_a_lone_dash_for_not_applicable_is_text_not_a_formula():
    reading = read_roster(_file("x1,Relief Commissioner,state,-,9426210001,a@gujarat.gov.in,A B,no"))
    assert reading.ok and reading.posts[0].jurisdiction == "-"
    assert read_roster(write_roster(reading.posts)).posts == reading.posts


def test_a_stored_formula_is_written_back_neutralised():
    from storage.roster import Post

    post = Post("x1", "=HYPERLINK(\"http://evil.example\")", "state", "@dept", "+919426210001", "a@gujarat.gov.in",
                "-1+2", False)
    [_, row] = write_roster([post]).splitlines()
    assert row == "x1,\"'=HYPERLINK(\"\"http://evil.example\"\")\",state,'@dept,+91 94262 10001,a@gujarat.gov.in,'-1+2,no,"
