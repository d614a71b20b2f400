"""Photos as Telegram keeps them: re-encoded as JPEG in several sizes (a PhotoSize array).

Telegram scales a sent photo so that its longer side is at most 90 (s), 320 (m), 800 (x),
1280 (y) and 2560 (w) pixels, keeping each size smaller than the original, and refuses an
image it cannot decode (IMAGE_PROCESS_FAILED) or whose sides are absurd
(PHOTO_INVALID_DIMENSIONS: width + height over 10,000, or one side over 20 times the other).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps

SIDES = (90, 320, 800, 1280, 2560)
MAX_PHOTO_BYTES = 10 * 1024 * 1024  # sendPhoto's limit
MAX_SIDES_SUM = 10_000
MAX_RATIO = 20
MAX_DECODED_PIXELS = 60_000_000


class PhotoError(Exception):
    """Telegram would refuse this photo; the message is its wording."""


@dataclass(frozen=True)
class Size:
    """One size of a photo: its dimensions and JPEG bytes."""

    width: int
    height: int
    content: bytes


def photo_sizes(content: bytes) -> list[Size]:
    """The sizes Telegram would keep of a photo, smallest first."""
    if len(content) > MAX_PHOTO_BYTES:
        raise PhotoError("PHOTO_SAVE_FILE_INVALID")
    try:
        image = Image.open(io.BytesIO(content))
        width, height = image.size
    except Exception:
        raise PhotoError("IMAGE_PROCESS_FAILED") from None
    if width + height > MAX_SIDES_SUM or max(width, height) > MAX_RATIO * min(width, height):
        raise PhotoError("PHOTO_INVALID_DIMENSIONS")
    if width * height > MAX_DECODED_PIXELS:
        raise PhotoError("IMAGE_PROCESS_FAILED")
    try:
        image = ImageOps.exif_transpose(image).convert("RGB")
    except Exception:
        raise PhotoError("IMAGE_PROCESS_FAILED") from None
    longest = max(image.size)
    sides = [side for side in SIDES if side < longest][:4] + [min(longest, SIDES[-1])]
    sizes = []
    for side in dict.fromkeys(sides):
        scaled = image.copy()
        scaled.thumbnail((side, side), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        scaled.save(out, "JPEG", quality=87)
        sizes.append(Size(scaled.width, scaled.height, out.getvalue()))
    return sizes


def placeholder(width: int = 1280, height: int = 960) -> bytes:
    """A plain photo for a test that posts one without saying what it shows."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 200, 190)).save(out, "JPEG", quality=70)
    return out.getvalue()
