"""Reading back the PDFs the API serves."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pdf_text(body: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(body))
    return reader, "".join(page.extract_text() for page in reader.pages)
