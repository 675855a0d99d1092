"""Invoices as PDF documents, drawn with fpdf2."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from fpdf import FPDF

from skillwise.domain.invoices import Invoice

# A Unicode font lets buyers' names and course titles in any Latin, Greek or Cyrillic script
# print as written; without one the PDF falls back to the built-in Helvetica (Latin-1).
UNICODE_FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/usr/local/share/fonts/DejaVuSans.ttf"),
)

ISSUER = "SkillWise"


def find_unicode_font(candidates: Iterable[Path] = UNICODE_FONT_CANDIDATES) -> Path | None:
    return next((path for path in candidates if path.is_file()), None)


class FpdfInvoiceRenderer:
    """One A4 page: issuer, invoice number and dates, buyer, the course sold at its price,
    the coupon's discount when there was one, and the total paid."""

    def __init__(self, unicode_font: Path | None = None) -> None:
        self._unicode_font = unicode_font

    def render_pdf(self, invoice: Invoice) -> bytes:
        pdf = FPDF(format="A4")
        pdf.set_title(f"Invoice {invoice.number}")
        pdf.set_author(ISSUER)
        pdf.set_creation_date(invoice.issued_at)
        family = self._font(pdf)
        pdf.add_page()
        pdf.set_font(family, size=20)
        pdf.cell(0, 12, ISSUER, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(family, size=14)
        pdf.cell(0, 10, f"Invoice {invoice.number}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font(family, size=11)
        rows = [
            ("Issued", f"{invoice.issued_at:%Y-%m-%d %H:%M} UTC"),
            ("Paid", f"{invoice.paid_at:%Y-%m-%d %H:%M} UTC"),
            ("Billed to", invoice.buyer_name),
            ("Email", invoice.buyer_email),
            ("Paid with", invoice.gateway),
            ("Reference", invoice.gateway_reference or "-"),
        ]
        for label, value in rows:
            pdf.cell(40, 8, self._text(label))
            pdf.cell(0, 8, self._text(value), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        pdf.set_font(family, size=12)
        pdf.cell(130, 10, "Course", border="B")
        pdf.cell(0, 10, "Amount", border="B", align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(130, 10, self._text(invoice.course_title))
        pdf.cell(0, 10, str(invoice.price), align="R", new_x="LMARGIN", new_y="NEXT")
        if invoice.coupon_code is not None or not invoice.discount.is_zero:
            label = "Discount"
            if invoice.coupon_code:
                label += f" (coupon {invoice.coupon_code})"
            pdf.cell(130, 10, self._text(label))
            pdf.cell(0, 10, f"-{invoice.discount}", align="R", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(130, 10, "Total", border="T")
        pdf.cell(0, 10, str(invoice.amount), border="T", align="R", new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())

    def _font(self, pdf: FPDF) -> str:
        if self._unicode_font is None:
            return "Helvetica"
        pdf.add_font("InvoiceSans", fname=str(self._unicode_font))
        return "InvoiceSans"

    def _text(self, value: str) -> str:
        if self._unicode_font is not None:
            return value
        return value.encode("latin-1", "replace").decode("latin-1")
