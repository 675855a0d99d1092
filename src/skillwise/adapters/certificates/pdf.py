"""Certificates of completion as one landscape A4 page, drawn with fpdf2."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from skillwise.adapters.invoices.pdf import ISSUER
from skillwise.application.certificates.ports import CertificateView
from skillwise.domain.certificates import CertificateStatus

INK = (33, 37, 41)
ACCENT = (31, 78, 121)
MUTED = (108, 117, 125)
REVOKED_RED = (176, 0, 32)


class FpdfCertificateRenderer:
    """A framed page: who completed which course with whom, when, and where to verify it."""

    def __init__(self, unicode_font: Path | None = None) -> None:
        self._unicode_font = unicode_font

    def render_pdf(self, certificate: CertificateView, verification_url: str) -> bytes:
        pdf = FPDF(orientation="landscape", format="A4")
        pdf.set_title(f"Certificate of completion: {self._text(certificate.course.title)}")
        pdf.set_author(ISSUER)
        pdf.set_subject(verification_url)
        pdf.set_creation_date(certificate.issued_at)
        pdf.set_auto_page_break(False)
        # Clear of the frame, so long names and titles wrap inside it.
        pdf.set_margins(left=30, top=20, right=30)
        family = self._font(pdf)
        pdf.add_page()
        width = pdf.w - 2 * pdf.l_margin

        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_line_width(0.3)
        pdf.rect(14, 14, pdf.w - 28, pdf.h - 28)

        def line(text: str, size: float, height: float, colour=INK) -> None:
            pdf.set_font(family, size=size)
            pdf.set_text_color(*colour)
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(width, height, self._text(text), align="C")

        pdf.set_y(38)
        line(ISSUER, 16, 8, ACCENT)
        line("Certificate of Completion", 34, 16)
        pdf.ln(10)
        line("This certifies that", 13, 8, MUTED)
        line(certificate.student_name, 28, 14)
        line("has completed the course", 13, 10, MUTED)
        line(certificate.course.title, 22, 11)
        line(f"taught by {certificate.instructor_name}", 13, 10, MUTED)
        pdf.ln(8)
        line(f"Issued on {certificate.issued_at:%d %B %Y}", 12, 8)
        if certificate.status is CertificateStatus.REVOKED:
            revoked = certificate.revoked_at
            line("REVOKED" + (f" on {revoked:%d %B %Y}" if revoked else ""), 16, 10, REVOKED_RED)

        pdf.set_y(pdf.h - 44)
        line(f"Certificate {certificate.code}", 10, 6, MUTED)
        line("Verify this certificate at", 10, 6, MUTED)
        pdf.set_font(family, size=10)
        pdf.set_text_color(*ACCENT)
        pdf.set_x(pdf.l_margin)
        pdf.cell(width, 6, verification_url, align="C", link=verification_url)
        return bytes(pdf.output())

    def _font(self, pdf: FPDF) -> str:
        if self._unicode_font is None:
            return "Helvetica"
        pdf.add_font("CertificateSans", fname=str(self._unicode_font))
        return "CertificateSans"

    def _text(self, value: str) -> str:
        if self._unicode_font is not None:
            return value
        return value.encode("latin-1", "replace").decode("latin-1")
