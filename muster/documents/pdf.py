"""PDF rendering of a ``TableDocument`` with embedded Vietnamese fonts (reportlab).

The fonts are the DejaVu families shipped in ``muster/documents/fonts`` (free licence, full
Vietnamese coverage), embedded in every PDF so it prints the same on any office PC.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from muster.documents.pdf_table import BookTable, layout
from muster.documents.tables import (
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Kind,
    OfficialReport,
    TableDocument,
    format_cell,
)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SERIF = "MusterSerif"
_registered = False


def register_fonts() -> None:
    """Register the serif family once per process (regular, bold, italic, bold italic)."""
    global _registered
    if _registered:
        return
    faces = {
        SERIF: "DejaVuSerif.ttf",
        f"{SERIF}-Bold": "DejaVuSerif-Bold.ttf",
        f"{SERIF}-Italic": "DejaVuSerif-Italic.ttf",
        f"{SERIF}-BoldItalic": "DejaVuSerif-BoldItalic.ttf",
    }
    for name, filename in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
    addMapping(SERIF, 0, 0, SERIF)
    addMapping(SERIF, 1, 0, f"{SERIF}-Bold")
    addMapping(SERIF, 0, 1, f"{SERIF}-Italic")
    addMapping(SERIF, 1, 1, f"{SERIF}-BoldItalic")
    _registered = True


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("base", fontName=SERIF, fontSize=9, leading=11)
    return {
        "base": base,
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "head": ParagraphStyle(
            "head", parent=base, fontName=f"{SERIF}-Bold", fontSize=8, alignment=TA_CENTER
        ),
        "center_bold": ParagraphStyle(
            "cb", parent=base, fontName=f"{SERIF}-Bold", fontSize=10, alignment=TA_CENTER
        ),
        "center_italic": ParagraphStyle(
            "ci", parent=base, fontName=f"{SERIF}-Italic", alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=f"{SERIF}-Bold",
            fontSize=13,
            leading=16,
            alignment=TA_CENTER,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=base, fontSize=10, leading=13, alignment=TA_CENTER
        ),
        "note": ParagraphStyle("note", parent=base, fontName=f"{SERIF}-Italic", fontSize=8),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def official_header(doc: TableDocument, width: float) -> Table:
    """Issuer on the left, national name and motto on the right, place and date below."""
    st = styles()
    left = [Paragraph(_escape(line), st["center_bold"]) for line in doc.issuer]
    right: list[Any] = [
        Paragraph(NATIONAL_NAME, st["center_bold"]),
        Paragraph(f"<u>{NATIONAL_MOTTO}</u>", st["center_bold"]),
    ]
    if doc.place_date:
        right.append(Spacer(1, 2 * mm))
        right.append(Paragraph(_escape(doc.place_date), st["center_italic"]))
    table = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), SERIF)])
    )
    return table


def render_pdf(doc: TableDocument) -> bytes:
    return render_pdf_book([doc])


def render_pdf_book(docs: Sequence[TableDocument]) -> bytes:
    """Several tables in one PDF: the first with the official header, each next one on a new
    page with its own title; the signature block of the last document closes it."""
    doc = docs[0]
    st = styles()
    pagesize = landscape(A4) if doc.landscape else A4
    buffer = io.BytesIO()
    margin = 12 * mm
    template = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=doc.title,
        author="Muster",
        initialFontName=SERIF,
    )
    width = pagesize[0] - 2 * margin
    story: list[Any] = [official_header(doc, width), Spacer(1, 5 * mm)]
    for index, part in enumerate(docs):
        if index:
            story.append(PageBreak())
        story.append(Paragraph(_escape(part.title), st["title"]))
        if part.subtitle:
            story.append(Paragraph(_escape(part.subtitle), st["subtitle"]))
        story.append(Spacer(1, 4 * mm))
        story.append(_data_table(part, width))
        for note in part.notes:
            story.append(Spacer(1, 2 * mm))
            story.append(Paragraph(_escape(note), st["note"]))
    last = docs[-1]
    if last.signature:
        story.append(Spacer(1, 6 * mm))
        sign = [Paragraph(_escape(line), st["center_bold"]) for line in last.signature]
        block = Table([[Paragraph("", st["base"]), sign]], colWidths=[width * 0.55, width * 0.45])
        block.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF)]))
        story.append(block)

    def footer(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(SERIF, 7)
        canvas.drawRightString(pagesize[0] - margin, 6 * mm, f"Trang {document.page} · Muster")
        canvas.restoreState()

    template.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _data_table(table_doc: TableDocument, width: float) -> BookTable:
    """The table of a document, drawn by ``pdf_table.BookTable``: every cell broken into
    lines once, the header repeated on each page. reportlab's own ``Table`` with a
    ``Paragraph`` in every cell wrapped every remaining row again on every page (issue 16:
    44 s and more for a district's 9,000-row January list; ``bench/book_exports.py``)."""
    register_fonts()
    total_width = sum(c.width for c in table_doc.columns) or 1
    col_widths = [width * c.width / total_width for c in table_doc.columns]
    body = [*table_doc.rows, *([table_doc.totals] if table_doc.totals is not None else [])]
    columns = table_doc.columns
    return BookTable(
        layout(
            [c.header for c in columns],
            [[format_cell(v, c.kind) for c, v in zip(columns, values, strict=True)]
             for values in body],
            col_widths,
            [c.kind in (Kind.INT, Kind.DECIMAL, Kind.PERCENT) for c in columns],
            font=SERIF,
            bold=f"{SERIF}-Bold",
        )
    )  # fmt: skip


def render_report_pdf(report: OfficialReport) -> bytes:
    """An ``OfficialReport`` as PDF, the same content as ``word.render_report_docx``."""
    return render_reports_pdf([report])


def render_reports_pdf(reports: Sequence[OfficialReport]) -> bytes:
    """Several official documents in one PDF, each from a new page (a batch of calls or
    certificates, one per citizen)."""
    buffer = io.BytesIO()
    margin = 18 * mm
    template = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=reports[0].title if reports else "",
        author="Muster",
        initialFontName=SERIF,
    )
    width = A4[0] - 25 * mm - margin
    story: list[Any] = []
    for i, report in enumerate(reports):
        if i:
            story.append(PageBreak())
        story.extend(_report_story(report, width))
    template.build(story)
    return buffer.getvalue()


def _report_story(report: OfficialReport, width: float) -> list[Any]:
    st = styles()
    header_doc = TableDocument(
        title=report.title,
        columns=(),
        rows=(),
        issuer=[*report.issuer, report.number],
        place_date=report.place_date,
    )
    story: list[Any] = [official_header(header_doc, width), Spacer(1, 6 * mm)]
    story.append(Paragraph(_escape(report.title), st["title"]))
    if report.subtitle:
        story.append(Paragraph(_escape(report.subtitle), st["subtitle"]))
    body = ParagraphStyle(
        "body", parent=st["base"], fontSize=10, leading=14, firstLineIndent=8 * mm
    )
    for section in report.sections:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(f"<b>{_escape(section.heading)}</b>", st["base"]))
        for text in section.paragraphs:
            story.append(Paragraph(_escape(text), body))
        if section.table is not None:
            story.append(Spacer(1, 2 * mm))
            story.append(_data_table(section.table, width))
    story.append(Spacer(1, 8 * mm))
    left: list[Any] = []
    if report.recipients:
        left.append(Paragraph("<b><i>Nơi nhận:</i></b>", st["base"]))
        left.extend(Paragraph(_escape(f"- {r};"), st["note"]) for r in report.recipients)
    sign = [Paragraph(_escape(line), st["center_bold"]) for line in report.signature]
    closing = Table([[left, sign]], colWidths=[width * 0.5, width * 0.5])
    closing.setStyle(
        TableStyle([("FONTNAME", (0, 0), (-1, -1), SERIF), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story.append(closing)
    if report.qr_text:
        story.append(Spacer(1, 4 * mm))
        story.append(_qr(report.qr_text, 28 * mm))
        story.append(Paragraph(_escape(report.qr_text), st["note"]))
    return story


def _qr(text: str, size: float) -> Any:
    """``text`` as a QR code (segno, error correction M), drawn as vector squares straight on
    the canvas (a ``reportlab.graphics`` Drawing would reference the non-embedded Helvetica)."""
    import segno
    from reportlab.platypus import Flowable

    code = segno.make(text, error="m", micro=False)
    rows = [list(row) for row in code.matrix_iter(border=2)]
    cell = size / len(rows)

    class QrCode(Flowable):  # type: ignore[misc]
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return size, size

        def draw(self) -> None:
            canvas = self.canv
            canvas.setFillColor(colors.black)
            for y, row in enumerate(rows):
                for x, dark in enumerate(row):
                    if dark:
                        canvas.rect(x * cell, size - (y + 1) * cell, cell, cell, stroke=0, fill=1)

    return QrCode()
