"""Attachments: the text of documents and photos members post, read within limits.

Knows nothing of Telegram: bytes in, an Extraction out (attachments.extract), in a bounded
pool of worker processes (attachments.pool).
"""

from attachments.extract import Extraction, Kind, Limits, Reason, Status, extract, ocr_available
from attachments.pool import ExtractionPool, too_large

__all__ = ["Extraction", "ExtractionPool", "Kind", "Limits", "Reason", "Status", "extract", "ocr_available",
           "too_large"]
