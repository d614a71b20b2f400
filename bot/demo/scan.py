"""A scanned list of relief beneficiaries with their Aadhaar numbers, for the tour (made-up names and
numbers, each number with a valid Verhoeff check digit), drawn as a phone photo of a page would look."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")
LINES = (
    "Cyclone relief: beneficiaries, Kera village, Bhuj taluka",
    "",
    "1.  Kanji Bhai Rabari        4671 3528 9026",
    "2.  Lakshmi Ben Ahir         2345 6789 0124",
    "3.  Haresh Koli              3456 7890 1238",
    "",
    "Certified by Talati-cum-Mantri, Kera",
)


def beneficiary_scan() -> bytes:
    """The photo as JPEG bytes."""
    size = 34
    font = ImageFont.truetype(str(FONT), size) if FONT.exists() else ImageFont.load_default(size)
    page = Image.new("RGB", (1200, 90 + len(LINES) * int(size * 1.8)), (246, 243, 234))
    draw = ImageDraw.Draw(page)
    for number, line in enumerate(LINES):
        draw.text((60, 45 + number * int(size * 1.8)), line, fill=(30, 30, 40), font=font)
    page = page.rotate(0.6, expand=True, fillcolor=(90, 90, 90)).filter(ImageFilter.GaussianBlur(0.4))
    out = io.BytesIO()
    page.save(out, "JPEG", quality=85)
    return out.getvalue()
