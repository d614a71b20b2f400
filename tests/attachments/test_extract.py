"""Reading attachments: each format, OCR in three scripts, the limits, and every malformed kind."""

from __future__ import annotations

import asyncio
import hashlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attachments import ExtractionPool, Kind, Limits, Reason, Status, extract
from nlp.recognisers.aadhaar_card import AadhaarCardRecogniser
from tests.attachments import fixtures as f

# -- what is read -----------------------------------------------------------------------------


def test_a_pdf_text_layer_is_read_without_ocr():
    data = f.text_pdf(["CONFIDENTIAL - not for circulation", "Tender evaluation of bids, Bhuj"])
    read = extract(data, "tender.pdf", "application/pdf")
    assert (read.status, read.reason, read.kind) == (Status.READ, Reason.NONE, Kind.PDF)
    assert "Tender evaluation of bids, Bhuj" in read.text
    assert (read.pages_read, read.pages_total, read.ocr_pages) == (1, 1, 0)
    assert read.sha256 == hashlib.sha256(data).hexdigest() and read.size == len(data)


def test_a_scanned_pdf_without_a_text_layer_is_read_by_ocr():
    f.needs_fonts()
    f.needs_ocr()
    read = extract(f.scanned_pdf(f.relief_photo()), "scan.pdf", "application/pdf")
    assert (read.status, read.ocr_pages) == (Status.READ, 1)
    assert "Relief camp open" in read.text


def test_a_photo_of_an_aadhaar_card_reads_its_number_and_headings():
    f.needs_fonts()
    f.needs_ocr()
    read = extract(f.jpeg(f.aadhaar_card()), "IMG_2041.jpg", "image/jpeg")
    assert read.status is Status.READ and read.kind is Kind.IMAGE
    assert f.AADHAAR in read.text
    assert "Government of India" in read.text and "भारत सरकार" in read.text


def test_a_gujarati_notice_is_read_in_gujarati():
    f.needs_fonts()
    f.needs_ocr()
    read = extract(f.png(f.gujarati_notice()), "notice.png", "image/png")
    assert read.status is Status.READ
    assert "તાલુકા કચેરી" in read.text


def test_a_clean_relief_photo_is_read():
    f.needs_fonts()
    f.needs_ocr()
    read = extract(f.jpeg(f.relief_photo()), "camp.jpg", "image/jpeg")
    assert read.status is Status.READ and "Food packets distributed: 1200" in read.text


def test_docx_paragraphs_and_tables_are_read():
    data = f.docx_file(["Minutes of the district review meeting"], [["Name", "Village"], ["Kanji Rabari", "Khavda"]])
    read = extract(data, "minutes.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert read.status is Status.READ and read.kind is Kind.DOCX
    assert "Minutes of the district review meeting" in read.text
    assert "Kanji Rabari | Khavda" in read.text


def test_plain_text_and_csv_are_read():
    assert extract("રાહત વિતરણ\n".encode(), "note.txt", "text/plain").text == "રાહત વિતરણ"
    read = extract(b"name,village\nKanji,Khavda\n", "list.csv", "text/csv")
    assert (read.kind, read.text) == (Kind.CSV, "name | village\nKanji | Khavda")


def test_other_kinds_are_recorded_as_unread_with_a_reason():
    read = extract(b"\x00\x00\x00\x18ftypmp42", "clip.mp4", "video/mp4")
    assert (read.status, read.reason, read.kind) == (Status.UNREAD, Reason.UNSUPPORTED_TYPE, Kind.OTHER)
    assert not read.needs_admins, "a video is not a file the bot was meant to read"


# -- limits --------------------------------------------------------------------------------------


def test_pages_over_the_limit_are_left_and_the_file_is_partly_read():
    read = extract(f.text_pdf(["Page {page} of the tender file"], pages=7), "long.pdf", "", Limits(max_pages=5))
    assert (read.status, read.reason) == (Status.PARTLY_READ, Reason.PAGE_LIMIT)
    assert (read.pages_read, read.pages_total) == (5, 7)
    assert "Page 5 of the tender file" in read.text and "Page 6" not in read.text
    assert read.needs_admins


def test_the_time_limit_stops_between_pages():
    read = extract(f.text_pdf(["Page {page}"], pages=3), "slow.pdf", "", Limits(max_seconds=0.0001))
    assert read.reason is Reason.TIME_LIMIT and read.status in (Status.PARTLY_READ, Status.UNREAD)


def test_the_text_kept_is_bounded():
    read = extract(("word " * 10_000).encode(), "big.txt", "text/plain", Limits(max_text_chars=1000))
    assert (read.status, read.reason, len(read.text)) == (Status.PARTLY_READ, Reason.SIZE_LIMIT, 1000)


# -- malformed files: a recorded reason, never a crash ----------------------------------------------


@pytest.mark.parametrize(
    ("make", "name", "reason"),
    [
        (f.encrypted_pdf, "locked.pdf", Reason.ENCRYPTED),
        (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", "broken.pdf", Reason.CORRUPT),
        (lambda: f.text_pdf(["cut short"])[:300], "truncated.pdf", Reason.CORRUPT),
        (f.decompression_bomb_png, "bomb.png", Reason.PIXEL_LIMIT),
        (f.absurd_png, "strip.png", Reason.PIXEL_LIMIT),
        (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "bad.png", Reason.CORRUPT),
        (f.zip_of_other, "minutes.docx", Reason.NOT_A_DOCX),
        (f.zip_bomb_docx, "bomb.docx", Reason.SIZE_LIMIT),
        (lambda: b"PK\x03\x04" + b"\x00" * 40, "torn.docx", Reason.CORRUPT),
    ],
    ids=["encrypted-pdf", "corrupt-pdf", "truncated-pdf", "decompression-bomb", "absurd-dimensions", "corrupt-png",
         "docx-zip-of-other", "docx-zip-bomb", "torn-docx"],
)
def test_a_malformed_file_gives_its_reason(make, name, reason):
    read = extract(make(), name, "")
    assert (read.status, read.reason) == (Status.UNREAD, reason)
    assert read.text == "" and read.needs_admins


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF89a", b"BM", b""]),
    body=st.binary(max_size=2048),
    name=st.sampled_from(["a.pdf", "a.docx", "a.png", "a.jpg", "a.csv", "a.txt", "a.bin"]),
)
def test_fuzz_malformed_files_never_raise(prefix, body, name):
    read = extract(prefix + body, name, "", Limits(max_seconds=5, ocr=False))
    assert read.status in set(Status) and read.reason in set(Reason)
    assert read.sha256 == hashlib.sha256(prefix + body).hexdigest()


@settings(max_examples=25, deadline=None)
@given(cut=st.integers(min_value=0, max_value=100), flip=st.integers(min_value=0, max_value=10_000))
def test_fuzz_damaged_real_documents_never_raise(cut, flip):
    for data in (_PDF, _DOCX):
        damaged = bytearray(data[: max(1, len(data) * cut // 100)])
        if damaged:
            damaged[flip % len(damaged)] ^= 0xFF
        read = extract(bytes(damaged), "damaged", "", Limits(max_seconds=5, ocr=False))
        assert read.reason in set(Reason)


_PDF = f.text_pdf(["Fuzzed page"], pages=2)
_DOCX = f.docx_file(["Fuzzed paragraph"], [["a", "b"]])


# -- the pool: off the event loop, bounded, killed past its time ----------------------------------


async def test_the_pool_reads_in_another_process():
    pool = ExtractionPool(workers=1)
    try:
        read = await pool.read(f.text_pdf(["Read in a worker"]), "w.pdf", "application/pdf")
    finally:
        pool.close()
    assert read.status is Status.READ and "Read in a worker" in read.text


def test_a_zip_of_other_kinds_is_read_by_content_not_name():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("x.txt", "x")
    assert extract(out.getvalue(), "photos.zip", "application/zip").reason is Reason.UNSUPPORTED_TYPE


# -- the Aadhaar card's layout -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Government of India\nRamesh Solanki\nDOB: 14/08/1979\nMale\n467135289026", True),
        ("भारत सरकार\nजन्म तिथि: 14/08/1979\nपुरुष\n4671 3528 9026\nमेरा आधार, मेरी पहचान", True),
        ("ભારત સરકાર\nજન્મ તારીખ: 14/08/1979\n467135289026\nમારો આધાર", True),
        ("DOB 14/08/1979 reference 467135289026", False),  # one heading is a form, not a card
        ("Government of India\nDOB: 14/08/1979\nMale\n467135289027", False),  # wrong check digit
        ("Government of India\nDOB: 14/08/1979\nMale\n123456789012", False),  # starts with 1
    ],
)
def test_the_aadhaar_card_layout_is_recognised(text, found):
    assert bool(AadhaarCardRecogniser().find(text.lower())) is found


async def test_a_worker_stuck_past_the_files_time_is_killed_and_the_pool_made_again():
    from tests.attachments.hanging import hang

    stuck = ExtractionPool(workers=1, limits=Limits(max_seconds=0.5), kill_grace=0.5, reader=hang)
    try:
        started = asyncio.get_running_loop().time()
        read = await stuck.read(b"%PDF-1.4", "stuck.pdf", "application/pdf")
        assert asyncio.get_running_loop().time() - started < 15
        assert (read.status, read.reason, read.kind) == (Status.UNREAD, Reason.TIME_LIMIT, Kind.PDF)
    finally:
        stuck.close()
    pool = ExtractionPool(workers=1)
    try:
        assert (await pool.read(b"still reads", "a.txt", "text/plain")).text == "still reads"
    finally:
        pool.close()


async def test_a_worker_that_dies_is_recorded_and_replaced():
    from tests.attachments.hanging import die

    pool = ExtractionPool(workers=1, reader=die)
    try:
        read = await pool.read(b"%PDF-1.4", "oom.pdf", "application/pdf")
        assert (read.status, read.reason) == (Status.UNREAD, Reason.SIZE_LIMIT)
        read = await pool.read(b"%PDF-1.4", "oom.pdf", "application/pdf")
        assert (read.status, read.reason) == (Status.UNREAD, Reason.SIZE_LIMIT), "a new pool, not a broken one"
    finally:
        pool.close()
