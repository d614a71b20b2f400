"""The roster as a CSV file: reading it (every bad row found and named) and writing it back.

    post_id,designation,level,jurisdiction,mobile,email,holder,admin[,coordinator]

The coordinator column is optional: empty, `state`, or a district's name (any spelling)
marks a disaster coordinator's post and its scope. A cell that a spreadsheet would run
as a formula (starting with =, +, - or @) is refused in names and posts, and neutralised
on export; mobile numbers legitimately start with +.

A file is read whole: any bad row rejects it, so the problems list every bad row
with its line number and what is wrong, and nothing is imported from it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from storage import gujarat
from storage.exports import FORMULA_START, neutralise_cell
from storage.phones import InvalidMobileNumber, display_mobile, normalise_mobile
from storage.roster import LEVELS, STATE_SCOPE, Post

HEADER: tuple[str, ...] = ("post_id", "designation", "level", "jurisdiction", "mobile", "email", "holder", "admin")
OPTIONAL: tuple[str, ...] = ("coordinator",)
EXPORT_HEADER: tuple[str, ...] = HEADER + OPTIONAL
# Names and posts: a cell here starting like a formula is refused (the number may start with +).
FORMULA_CHECKED = ("post_id", "designation", "jurisdiction", "holder", "coordinator")
REQUIRED_VALUES = ("post_id", "designation", "level", "mobile", "email", "holder")

_POST_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+'-]*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})")
_YES = frozenset({"yes", "y", "true", "1", "admin"})
_NO = frozenset({"no", "n", "false", "0", ""})
_LEVEL_SPELLINGS = {"state": "state", "hod": "hod", "district": "district", "headofdepartment": "hod"}
_LEVEL_ORDER = {level: number for number, level in enumerate(("state", "hod", "district"))}


class Problem(str, Enum):
    """What can be wrong with a roster file or one of its rows."""

    NOT_TEXT = "not text"
    MALFORMED = "malformed CSV"
    BAD_HEADER = "bad header"
    NO_POSTS = "no posts"
    TOO_MANY_FIELDS = "too many fields"
    MISSING_FIELD = "missing field"
    BAD_POST_ID = "bad post id"
    UNKNOWN_LEVEL = "unknown level"
    UNKNOWN_DISTRICT = "unknown district"
    UNKNOWN_OFFICE = "unknown HoD office"
    BAD_NUMBER = "bad number"
    BAD_EMAIL = "bad e-mail"
    OFF_DOMAIN_EMAIL = "e-mail off the official domains"
    BAD_ADMIN = "bad admin value"
    BAD_COORDINATOR = "bad coordinator scope"
    FORMULA = "spreadsheet formula"
    DUPLICATE_NUMBER = "duplicate number"
    DUPLICATE_POST_ID = "duplicate post id"


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong, where: line is the file's line number (1 = the header)."""

    line: int
    kind: Problem
    detail: str

    def describe(self) -> str:
        """"line 5: bad number: ..." as a person reads it."""
        return f"line {self.line}: {self.kind.value}: {self.detail}"


@dataclass(frozen=True)
class RosterReading:
    """What a roster file holds: its posts when every row is good, else every problem found."""

    posts: tuple[Post, ...]
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the file can be imported."""
        return not self.problems

    @property
    def bad_lines(self) -> list[int]:
        """The line numbers with a problem, in order."""
        return sorted({problem.line for problem in self.problems})

    def describe_problems(self) -> str:
        """Every problem, one per line."""
        return "\n".join(problem.describe() for problem in self.problems)


def read_roster(data: bytes | str, *, official_domains: Sequence[str]) -> RosterReading:
    """Read a roster CSV; never raises on bad content: problems come back in the reading.

    official_domains: where an official e-mail address may be (and their subdomains); the caller passes the
    configured ones (settings.official_email_domains), so the list is written once, outside storage.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            return _rejected(line, Problem.NOT_TEXT, "the file is not UTF-8 text; save it from the spreadsheet as"
                             " \"CSV UTF-8 (comma delimited)\"")
    else:
        text = data.removeprefix("\ufeff")
    domains = tuple(domain.lower().strip(".") for domain in official_domains if domain.strip("."))
    try:
        rows = list(_numbered_rows(text))
    except _UnreadableLine as error:
        return _rejected(error.line, Problem.MALFORMED, f"the CSV cannot be read ({error.reason})")
    if not rows:
        return _rejected(1, Problem.NO_POSTS, "the file is empty; the first line must be the header "
                         + ",".join(HEADER))
    header_line, header = rows[0]
    columns, header_problem = _columns(header)
    if header_problem:
        return _rejected(header_line, Problem.BAD_HEADER, header_problem)
    return _read_rows(rows[1:], columns, header, domains)


def _read_rows(
    rows: list[tuple[int, list[str]]], columns: dict[str, int], header: list[str], domains: tuple[str, ...]
) -> RosterReading:
    posts: list[tuple[int, Post]] = []
    problems: list[RowProblem] = []
    keys: list[tuple[int, str, str]] = []  # (line, post id, number) of rows whose id or number can be compared
    for line, values in rows:
        if len(values) > len(header):
            extra = ", ".join(repr(value) for value in values[len(header):])
            problems.append(RowProblem(line, Problem.TOO_MANY_FIELDS, f"{len(values)} fields for {len(header)}"
                                       f" columns (extra: {_clip(extra)}); quote values that contain commas"))
            continue
        record = {name: _clean(values[index]) if index < len(values) else "" for name, index in columns.items()}
        record.setdefault("coordinator", "")
        post, row_problems = _post_from(record, line, domains)
        problems.extend(row_problems)
        keys.append((line, record["post_id"].lower(), _number_or_blank(record["mobile"])))
        if post is not None:
            posts.append((line, post))
    problems.extend(_duplicates(keys))
    if not rows:
        problems.append(RowProblem(1, Problem.NO_POSTS, "the file has a header but no posts"))
    ignored = tuple(name for name in header if _column_key(name) not in EXPORT_HEADER and name.strip())
    if problems:
        return RosterReading((), tuple(sorted(problems, key=lambda p: p.line)), ignored)
    return RosterReading(tuple(post for _, post in posts), (), ignored)


def _post_from(record: dict[str, str], line: int, domains: tuple[str, ...]) -> tuple[Post | None, list[RowProblem]]:
    """A post from one row's values, or the row's problems (all of them, not just the first)."""
    problems = _formulas(record, line)
    empty = [name for name in REQUIRED_VALUES if not record[name]]
    if empty:
        verb = "is" if len(empty) == 1 else "are"
        problems.append(RowProblem(line, Problem.MISSING_FIELD, f"{', '.join(empty)} {verb} empty"))
    post_id = record["post_id"].lower()
    if post_id and not _POST_ID.fullmatch(post_id):
        problems.append(RowProblem(line, Problem.BAD_POST_ID, f"{_clip(record['post_id'])!r}: use letters, digits,"
                                   " '-', '_' or '.' without spaces (up to 64), e.g. collector-kutch"))
    level = _LEVEL_SPELLINGS.get(gujarat.fold(record["level"])) if record["level"] else None
    if record["level"] and level is None:
        problems.append(RowProblem(line, Problem.UNKNOWN_LEVEL, f"{_clip(record['level'])!r}: use state, hod or district"))
    jurisdiction = _jurisdiction(level, record["jurisdiction"], line, problems)
    mobile = _mobile(record["mobile"], line, problems)
    email = _email(record["email"], line, domains, problems)
    is_admin = _admin(record["admin"], line, problems)
    coordinator = _coordinator(record["coordinator"], line, problems)
    if problems:
        return None, problems
    assert level is not None  # an empty or unknown level is one of the problems above
    post = Post(post_id, record["designation"], level, jurisdiction, mobile, email, record["holder"], is_admin,
                coordinator)
    return post, []


def _formulas(record: dict[str, str], line: int) -> list[RowProblem]:
    """Cells a spreadsheet would run as a formula (refused: a roster holds names, never formulas)."""
    return [
        RowProblem(line, Problem.FORMULA, f"{name} {_clip(record[name])!r} starts with {record[name][0]!r}, which a"
                   " spreadsheet runs as a formula; remove that character")
        for name in FORMULA_CHECKED if _formula(record.get(name, ""))
    ]


def _formula(value: str) -> bool:
    """Starts like a formula; a lone "-" (a spreadsheet's "not applicable") is text, not a formula."""
    return value.startswith(FORMULA_START) and value != "-"


def _coordinator(value: str, line: int, problems: list[RowProblem]) -> str:
    """A coordinator's scope: '' (none), 'state', or a district's canonical name."""
    if not value or _formula(value):
        return ""
    if gujarat.fold(value) == STATE_SCOPE:
        return STATE_SCOPE
    found = gujarat.district(value)
    if found is None:
        hint = gujarat.unknown_district_message(_clip(value))
        problems.append(RowProblem(line, Problem.BAD_COORDINATOR, f"{hint}; write state, a district's name, or leave"
                                   " it empty for a post that does not coordinate"))
        return ""
    return found


def _jurisdiction(level: str | None, value: str, line: int, problems: list[RowProblem]) -> str:
    if level == "district":
        if not value:
            problems.append(RowProblem(line, Problem.MISSING_FIELD, "jurisdiction is empty: name the district"))
            return ""
        found = gujarat.district(value)
        if found is None:
            problems.append(RowProblem(line, Problem.UNKNOWN_DISTRICT, gujarat.unknown_district_message(_clip(value))))
        return found or ""
    if level == "hod":
        if not value:
            problems.append(RowProblem(line, Problem.MISSING_FIELD, "jurisdiction is empty: name the HoD office"
                                       " (land-records or registration)"))
            return ""
        office = gujarat.office(value)
        if office is None:
            problems.append(RowProblem(line, Problem.UNKNOWN_OFFICE, gujarat.unknown_office_message(_clip(value))))
        return office.key if office else ""
    return value


def _mobile(value: str, line: int, problems: list[RowProblem]) -> str:
    if not value:
        return ""
    try:
        return normalise_mobile(value)
    except InvalidMobileNumber as error:
        problems.append(RowProblem(line, Problem.BAD_NUMBER, f"{_clip(value)!r}: {error.reason}"))
        return ""


def _email(value: str, line: int, domains: tuple[str, ...], problems: list[RowProblem]) -> str:
    if not value:
        return ""
    match = _EMAIL.fullmatch(value)
    if match is None:
        problems.append(RowProblem(line, Problem.BAD_EMAIL, f"{_clip(value)!r} is not an e-mail address"))
        return ""
    domain = match.group(1).lower()
    if not any(domain == official or domain.endswith(f".{official}") for official in domains):
        allowed = ", ".join(domains) or "(none configured)"
        problems.append(RowProblem(line, Problem.OFF_DOMAIN_EMAIL, f"{_clip(value)!r}: official e-mail is on {allowed}"
                                   " (circular §1)"))
    return value.lower()


def _admin(value: str, line: int, problems: list[RowProblem]) -> bool:
    folded = value.strip().casefold()
    if folded in _YES:
        return True
    if folded not in _NO:
        problems.append(RowProblem(line, Problem.BAD_ADMIN, f"{_clip(value)!r}: use yes or no"))
    return False


def _duplicates(keys: list[tuple[int, str, str]]) -> list[RowProblem]:
    """Rows that repeat an earlier row's number or post id (each named with the line it repeats)."""
    problems = []
    first_line_of_number: dict[str, int] = {}
    first_line_of_id: dict[str, int] = {}
    for line, post_id, mobile in keys:
        if mobile and mobile in first_line_of_number:
            problems.append(RowProblem(line, Problem.DUPLICATE_NUMBER, f"{display_mobile(mobile)} is also the"
                                       f" number on line {first_line_of_number[mobile]} (one number per post)"))
        elif mobile:
            first_line_of_number[mobile] = line
        if post_id and post_id in first_line_of_id:
            problems.append(RowProblem(line, Problem.DUPLICATE_POST_ID, f"{_clip(post_id)!r} is also the post id on"
                                       f" line {first_line_of_id[post_id]}"))
        elif post_id:
            first_line_of_id[post_id] = line
    return problems


def _number_or_blank(value: str) -> str:
    try:
        return normalise_mobile(value)
    except InvalidMobileNumber:
        return ""


class _UnreadableLine(Exception):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def _numbered_rows(text: str) -> Iterable[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on; _UnreadableLine where the CSV breaks."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    previous_end = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _UnreadableLine(previous_end + 1, str(error)) from None
        start = previous_end + 1
        previous_end = reader.line_num
        if any(value.strip() for value in values):
            yield start, values


def _columns(header: list[str]) -> tuple[dict[str, int], str | None]:
    """Where each known column is; or why the header is unusable."""
    columns: dict[str, int] = {}
    repeated = []
    for index, name in enumerate(header):
        key = _column_key(name)
        if key in EXPORT_HEADER:
            if key in columns:
                repeated.append(key)
            columns.setdefault(key, index)
    expected = ",".join(HEADER)
    if repeated:
        return columns, f"column {', '.join(sorted(set(repeated)))} appears twice; the header must be {expected}"
    missing = [name for name in HEADER if name not in columns]
    if missing:
        hint = "; the file seems to use ';' between columns: save it as CSV with commas" if ";" in ",".join(header) else ""
        return columns, f"missing column(s) {', '.join(missing)}; the header must be {expected}{hint}"
    return columns, None


def _column_key(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _clean(value: str) -> str:
    return " ".join(value.split())


def _clip(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _rejected(line: int, kind: Problem, detail: str) -> RosterReading:
    return RosterReading((), (RowProblem(line, kind, detail),))


def write_roster(posts: Iterable[Post]) -> str:
    """The roster as CSV text with the header, numbers as people write them, state first.

    Every cell but the number (normalised, and rightly starting with +) is neutralised as the
    record's exports are, so a formula stored before imports refused them is shown, never run.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_HEADER)
    for post in sorted(posts, key=_export_order):
        cells = [_cell(value) for value in (post.post_id, post.designation, post.level, post.jurisdiction)]
        cells.append(display_mobile(post.mobile))
        cells += [_cell(value) for value in (post.email, post.holder, "yes" if post.is_admin else "no",
                                             post.coordinator)]
        writer.writerow(cells)
    return buffer.getvalue()


def _cell(value: str) -> str:
    """A cell as the record's exports write it; a lone "-" stays as it was imported."""
    return value if value == "-" else neutralise_cell(value)


def _export_order(post: Post) -> tuple:
    return (_LEVEL_ORDER.get(post.level, len(LEVELS)), post.jurisdiction.casefold(), not post.is_admin, post.post_id)
