"""Text from one attached file: PDF text layer, DOCX paragraphs and tables, plain text and CSV,
and OCR (Tesseract, English + Gujarati + Hindi) for photos and PDF pages without a text layer.

Runs in a worker process (attachments.pool): a hostile file can cost time and memory, never the
bot. Every limit is checked before the work it bounds (pixels before decoding, the ZIP's
uncompressed size before parsing, the deadline before each page), and every way a file can fail
ends in an Extraction with a Reason, never an exception.
"""

from __future__ import annotations

import csv
import enum
import hashlib
import io
import time
import zipfile
from dataclasses import dataclass, field, replace

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OCR_LANGUAGES = "eng+guj+hin"
# A page whose text layer has fewer letters than this is treated as scanned and OCR'd.
MIN_TEXT_LAYER_CHARS = 16
PDF_RENDER_SCALE = 200 / 72  # 200 dpi: Tesseract reads printed text well from 150-300 dpi
MAX_ZIP_RATIO = 100  # a real DOCX compresses about 3-10x; a ZIP bomb compresses 1000x and more


class Status(str, enum.Enum):
    """How much of the file was read."""

    READ = "read"
    PARTLY_READ = "partly_read"  # a limit was reached: the text is what came before it
    UNREAD = "unread"  # nothing could be read (the reason says why)
    TOO_LARGE = "too_large"  # over the Bot API's 20 MB download limit: never downloaded


class Reason(str, enum.Enum):
    """Why a file was not read in full (NONE when it was)."""

    NONE = "none"
    UNSUPPORTED_TYPE = "unsupported_type"
    ENCRYPTED = "encrypted"
    CORRUPT = "corrupt"
    NOT_A_DOCX = "not_a_docx"
    PAGE_LIMIT = "page_limit"
    PIXEL_LIMIT = "pixel_limit"
    TIME_LIMIT = "time_limit"
    SIZE_LIMIT = "size_limit"  # the file itself, or a ZIP's contents unpacked, is too big
    OCR_UNAVAILABLE = "ocr_unavailable"
    OCR_FAILED = "ocr_failed"
    DOWNLOAD_REFUSED = "download_refused"  # the Bot API would not hand the file over


class Kind(str, enum.Enum):
    """What the file turned out to be (by its content, not its name)."""

    PDF = "pdf"
    DOCX = "docx"
    TEXT = "text"
    CSV = "csv"
    IMAGE = "image"
    OTHER = "other"


@dataclass(frozen=True)
class Limits:
    """Per-file bounds."""

    max_pages: int = 50
    max_pixels: int = 40_000_000  # one image or rendered page (a 12-megapixel phone photo is 12M)
    max_side: int = 20_000  # either side of an image, in pixels
    max_seconds: float = 60.0
    max_text_chars: int = 500_000
    max_unpacked_bytes: int = 100 * 1024 * 1024  # a DOCX's parts, unpacked
    ocr: bool = True


@dataclass(frozen=True)
class Extraction:
    """What was read from a file, and how much."""

    status: Status
    reason: Reason
    kind: Kind
    sha256: str
    size: int
    text: str = ""
    pages_read: int = 0
    pages_total: int = 0
    ocr_pages: int = 0
    seconds: float = 0.0
    notes: tuple[str, ...] = field(default=())

    @property
    def needs_admins(self) -> bool:
        """Whether the group's admin posts should hear that the file was not read in full."""
        if self.status is Status.READ:
            return False
        return self.reason not in (Reason.UNSUPPORTED_TYPE, Reason.NONE)


class _Stop(Exception):
    """A limit was reached; carries the reason."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.value)
        self.reason = reason


@dataclass
class _Reading:
    """Text gathered so far, with the clock and the limits."""

    limits: Limits
    started: float = field(default_factory=time.monotonic)
    parts: list[str] = field(default_factory=list)
    chars: int = 0
    pages_read: int = 0
    pages_total: int = 0
    ocr_pages: int = 0

    def add(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        room = self.limits.max_text_chars - self.chars
        if room <= 0:
            raise _Stop(Reason.SIZE_LIMIT)
        self.parts.append(text[:room])
        self.chars += min(len(text), room)
        if len(text) > room:
            raise _Stop(Reason.SIZE_LIMIT)

    def left(self) -> float:
        return self.limits.max_seconds - (time.monotonic() - self.started)

    def check_time(self) -> None:
        if self.left() <= 0:
            raise _Stop(Reason.TIME_LIMIT)

    @property
    def text(self) -> str:
        return "\n\n".join(self.parts)


def detect(data: bytes, filename: str, mime: str) -> Kind:
    """The file's kind from its first bytes; the name and MIME type only for plain text and CSV."""
    if data.startswith(PDF_MAGIC) or data[:1024].find(PDF_MAGIC) >= 0:
        return Kind.PDF
    if data.startswith(ZIP_MAGIC):
        return Kind.DOCX if filename.lower().endswith(".docx") or "wordprocessingml" in mime else Kind.OTHER
    if _looks_like_image(data):
        return Kind.IMAGE
    name = filename.lower()
    if name.endswith(".csv") or mime in ("text/csv", "application/csv"):
        return Kind.CSV
    if name.endswith((".txt", ".text", ".md", ".log")) or mime.startswith("text/"):
        return Kind.TEXT
    return Kind.OTHER


_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def _looks_like_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def extract(data: bytes, filename: str = "", mime: str = "", limits: Limits | None = None) -> Extraction:
    """Read the text of one file within the limits; never raises for a bad file."""
    limits = limits or Limits()
    kind = detect(data, filename or "", mime or "")
    reading = _Reading(limits)
    base = Extraction(Status.UNREAD, Reason.NONE, kind, hashlib.sha256(data).hexdigest(), len(data))
    readers = {Kind.PDF: _read_pdf, Kind.DOCX: _read_docx, Kind.TEXT: _read_text, Kind.CSV: _read_csv,
               Kind.IMAGE: _read_image}
    reader = readers.get(kind)
    if reader is None:
        return replace(base, reason=Reason.UNSUPPORTED_TYPE)
    reason = Reason.NONE
    try:
        reader(data, reading)
    except _Stop as stop:
        reason = stop.reason
    except MemoryError:
        reason = Reason.SIZE_LIMIT
    except Exception:  # a malformed file makes a parser raise anything; it is a corrupt file, not a crash
        reason = Reason.CORRUPT
    text = reading.text
    if reason is Reason.NONE:
        status = Status.READ
    elif text or reading.pages_read:
        status = Status.PARTLY_READ
    else:
        status = Status.UNREAD
    return replace(
        base, status=status, reason=reason, text=text, pages_read=reading.pages_read,
        pages_total=reading.pages_total, ocr_pages=reading.ocr_pages,
        seconds=round(time.monotonic() - reading.started, 3),
    )


# -- PDF (pypdfium2: the text layer, and pages rendered for OCR) ---------------------------------


def _read_pdf(data: bytes, reading: _Reading) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        if pdfium_c.FPDF_GetLastError() == pdfium_c.FPDF_ERR_PASSWORD:
            raise _Stop(Reason.ENCRYPTED) from None
        raise _Stop(Reason.CORRUPT) from None
    try:
        reading.pages_total = len(document)
        for index in range(min(len(document), reading.limits.max_pages)):
            reading.check_time()
            page = document[index]
            try:
                text = page.get_textpage().get_text_range()
                if sum(ch.isalnum() for ch in text) < MIN_TEXT_LAYER_CHARS and reading.limits.ocr:
                    text = (text + "\n" + _ocr_pdf_page(page, reading)).strip()
                reading.add(text)
            finally:
                page.close()
            reading.pages_read += 1
        if reading.pages_total > reading.limits.max_pages:
            raise _Stop(Reason.PAGE_LIMIT)
    finally:
        document.close()


def _ocr_pdf_page(page, reading: _Reading) -> str:
    width, height = page.get_size()
    scale = PDF_RENDER_SCALE
    pixels = width * scale * height * scale
    if pixels > reading.limits.max_pixels:
        scale *= (reading.limits.max_pixels / pixels) ** 0.5
    image = page.render(scale=scale, grayscale=True).to_pil()
    reading.ocr_pages += 1
    return _ocr(image, reading)


# -- DOCX (python-docx: paragraphs and tables) ----------------------------------------------------


def _read_docx(data: bytes, reading: _Reading) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise _Stop(Reason.CORRUPT) from None
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise _Stop(Reason.NOT_A_DOCX)
    unpacked = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if unpacked > reading.limits.max_unpacked_bytes or unpacked / packed > MAX_ZIP_RATIO:
        raise _Stop(Reason.SIZE_LIMIT)
    import docx  # python-docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise _Stop(Reason.CORRUPT) from None
    for paragraph in document.paragraphs:
        reading.add(paragraph.text)
    for table in document.tables:
        reading.check_time()
        for row in table.rows:
            cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
            reading.add(" | ".join(cell for cell in cells if cell))
    reading.pages_read = reading.pages_total = 1


# -- plain text and CSV ---------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


def _read_text(data: bytes, reading: _Reading) -> None:
    reading.add(_decode(data))
    reading.pages_read = reading.pages_total = 1


def _read_csv(data: bytes, reading: _Reading) -> None:
    rows = csv.reader(io.StringIO(_decode(data)))
    lines = []
    try:
        for row in rows:
            lines.append(" | ".join(cell.strip() for cell in row if cell.strip()))
    except csv.Error:
        raise _Stop(Reason.CORRUPT) from None
    reading.add("\n".join(lines))
    reading.pages_read = reading.pages_total = 1


# -- images (Pillow, then Tesseract) --------------------------------------------------------------


def _read_image(data: bytes, reading: _Reading) -> None:
    from PIL import Image, ImageOps

    Image.MAX_IMAGE_PIXELS = reading.limits.max_pixels  # Pillow's own decompression-bomb guard, as a backstop
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise _Stop(Reason.PIXEL_LIMIT) from None
    except Exception:
        raise _Stop(Reason.CORRUPT) from None
    width, height = image.size
    reading.pages_total = 1
    if width <= 0 or height <= 0 or max(width, height) > reading.limits.max_side:
        raise _Stop(Reason.PIXEL_LIMIT)
    if width * height > reading.limits.max_pixels:
        raise _Stop(Reason.PIXEL_LIMIT)
    if not reading.limits.ocr:
        raise _Stop(Reason.OCR_UNAVAILABLE)
    try:
        image.load()
        image = ImageOps.exif_transpose(image).convert("L")
    except Image.DecompressionBombError:
        raise _Stop(Reason.PIXEL_LIMIT) from None
    except Exception:
        raise _Stop(Reason.CORRUPT) from None
    reading.ocr_pages += 1
    reading.add(_ocr(image, reading))
    reading.pages_read = 1


def _ocr(image, reading: _Reading) -> str:
    """Tesseract on one image, killed when the file's time is up."""
    import pytesseract

    reading.check_time()
    try:
        return pytesseract.image_to_string(image, lang=OCR_LANGUAGES, timeout=max(1.0, reading.left()))
    except pytesseract.TesseractNotFoundError:
        raise _Stop(Reason.OCR_UNAVAILABLE) from None
    except pytesseract.TesseractError:
        raise _Stop(Reason.OCR_FAILED) from None
    except RuntimeError:  # pytesseract's timeout kills tesseract and raises a bare RuntimeError
        raise _Stop(Reason.TIME_LIMIT) from None


def ocr_available() -> bool:
    """Whether Tesseract and its English, Gujarati and Hindi data are installed."""
    try:
        import pytesseract

        languages = set(pytesseract.get_languages(config=""))
    except Exception:
        return False
    return {"eng", "guj", "hin"} <= languages
