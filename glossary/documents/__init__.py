"""Terms in documents: ``glossary scan`` (every glossary term of a text, with its
equivalents). See docs/documents.md."""

from __future__ import annotations

from glossary.documents.readers import Document, DocumentError, read_document
from glossary.documents.scan import (
    FileScan,
    ScanMatch,
    Table,
    detect_language,
    scan,
    scan_document,
    table_for,
)

__all__ = [
    "Document",
    "DocumentError",
    "FileScan",
    "ScanMatch",
    "Table",
    "detect_language",
    "read_document",
    "scan",
    "scan_document",
    "table_for",
]
