"""Files the attachment tests make for themselves: PDFs, DOCX, photos with Gujarati and Devanagari.

Nothing is checked in: each fixture is written by a library (fpdf2, python-docx, Pillow) from
the text given, so a test's expected words are the words it wrote.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

NOTO = Path("/usr/share/fonts/truetype/noto")
FONTS = {
    "latin": NOTO / "NotoSans-Regular.ttf",
    "gujarati": NOTO / "NotoSansGujarati-Regular.ttf",
    "devanagari": NOTO / "NotoSansDevanagari-Regular.ttf",
}
# A made-up Aadhaar number with a correct Verhoeff check digit, computed by hand with the published
# tables (d, p, inv of Verhoeff 1969); its 5th digit is neither 8 nor 9.
AADHAAR = "4671 3528 9026"
AADHAAR_BARE = "467135289026"


def _missing(why: str) -> None:
    # .ci/run installs fonts and Tesseract and sets SAMVAD_REQUIRE_OCR: there a missing part fails.
    if os.environ.get("SAMVAD_REQUIRE_OCR"):
        pytest.fail(why)
    pytest.skip(why)


def needs_fonts() -> None:
    """Skip (one line) where the Noto fonts are missing; .ci/run installs them."""
    missing = [str(path) for path in FONTS.values() if not path.exists()]
    if missing:
        _missing(f"Noto fonts missing ({', '.join(missing)}): apt-get install fonts-noto-core")


def needs_ocr() -> None:
    """Skip (one line) where Tesseract or its eng/guj/hin data are missing; .ci/run installs them."""
    from attachments import ocr_available

    if not ocr_available():
        _missing("Tesseract with eng+guj+hin missing: apt-get install tesseract-ocr tesseract-ocr-guj tesseract-ocr-hin")


def text_pdf(lines: list[str], *, pages: int = 1) -> bytes:
    """A PDF with a text layer (fpdf2, Noto Sans), the lines on each of `pages` pages."""
    from fpdf import FPDF

    needs_fonts()  # a test that writes one skips (or, in CI, fails) with the one line that says why

    pdf = FPDF()
    pdf.add_font("noto", fname=str(FONTS["latin"]))
    pdf.set_font("noto", size=12)
    for number in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line.replace("{page}", str(number + 1)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_lines(lines: list[tuple[str, str]], *, width: int = 1400, size: int = 40, background: str = "white"):
    """A Pillow image with each (script, text) line drawn in the matching Noto font."""
    from PIL import Image, ImageDraw, ImageFont

    needs_fonts()

    height = 80 + len(lines) * int(size * 1.9)
    image = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(image)
    y = 40
    for script, text in lines:
        font = ImageFont.truetype(str(FONTS[script]), size, layout_engine=ImageFont.Layout.RAQM
                                  if _raqm() else ImageFont.Layout.BASIC)
        draw.text((50, y), text, fill="black", font=font)
        y += int(size * 1.9)
    return image


def _raqm() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg(image, quality: int = 90) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def scanned_pdf(image, *, pages: int = 1) -> bytes:
    """A PDF of pages that are only a picture (no text layer), as a scanner makes it."""
    out = io.BytesIO()
    page = image.convert("RGB")
    page.save(out, "PDF", resolution=150, save_all=True, append_images=[page] * (pages - 1))
    return out.getvalue()


def aadhaar_card():
    """A photo of a made-up Aadhaar card: the headings, a name, DOB, sex and the number; no typed 'Aadhaar'."""
    return image_lines([
        ("devanagari", "भारत सरकार"),
        ("latin", "Government of India"),
        ("latin", "Ramesh Bhai Solanki"),
        ("latin", "DOB: 14/08/1979"),
        ("latin", "Male"),
        ("latin", AADHAAR),
        ("devanagari", "मेरा आधार, मेरी पहचान"),
    ], width=1000, size=38)


def beneficiary_list():
    """A scanned list of relief beneficiaries with their Aadhaar numbers."""
    return image_lines([
        ("latin", "Cyclone relief beneficiaries - Bhuj taluka"),
        ("latin", "1. Kanji Bhai Rabari  4671 3528 9026"),
        ("latin", "2. Lakshmi Ben Ahir  2345 6789 0124"),
        ("latin", "3. Haresh Koli  3456 7890 1238"),
    ], width=1200, size=34)


def gujarati_notice():
    """A Gujarati notice: relief distribution at the taluka office."""
    return image_lines([
        ("gujarati", "જાહેર સૂચના"),
        ("gujarati", "રાહત સામગ્રીનું વિતરણ આવતીકાલે"),
        ("gujarati", "તાલુકા કચેરી ખાતે થશે"),
    ], width=1100, size=44)


def relief_photo():
    """A clean photo of a relief board: nothing personal, nothing confidential."""
    return image_lines([
        ("latin", "Relief camp open"),
        ("latin", "Food packets distributed: 1200"),
    ], width=900, size=40, background="#f4f0e0")


def docx_file(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A DOCX (python-docx) with paragraphs and an optional table."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF with a user password (fpdf2's encryption)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Secret tender evaluation")
    pdf.set_encryption(owner_password="owner-pass", user_password="user-pass")
    return bytes(pdf.output())


def zip_of_other() -> bytes:
    """A ZIP named .docx that holds something else (no word/document.xml)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("photos/readme.txt", "not a word document")
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A DOCX-shaped ZIP whose document.xml unpacks to 200 MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                part.write(chunk)
    return out.getvalue()


def decompression_bomb_png(side: int = 30_000) -> bytes:
    """A small PNG that claims side x side pixels (decoding it would take gigabytes)."""
    from PIL import Image

    image = Image.new("1", (side, side), 0)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def absurd_png() -> bytes:
    """A PNG 60,000 pixels wide and one high."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (60_000, 1), 255).save(out, "PNG")
    return out.getvalue()
