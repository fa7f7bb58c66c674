"""The notice to an asset's owner, in PDF and Word, opened back."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import docx
import pytest
from django.urls import reverse

from tests.reserve.assets.factories import assign, make_asset, make_need, make_unit

pytestmark = pytest.mark.django_db


def test_notice_pdf_and_docx_name_the_owner_asset_and_unit(client, personas, units, tmp_path):
    asset = make_asset(units["DHOP"], "89C-246.80")
    assign(
        asset,
        make_need(make_unit(units["DHOP"], "c5", name="Đại đội vận tải 5")),
        on=dt.date(2025, 8, 1),
    )
    client.force_login(personas["commune_commander"])
    pdf = client.get(reverse("reserve:asset_notice_pdf", args=[asset.public_id]))
    assert pdf["Content-Type"] == "application/pdf"
    path = tmp_path / "notice.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    for expected in (
        "GIẤY THÔNG BÁO",
        "89C-246.80",
        "Công ty TNHH Vận tải Hưng Long",
        "Đại đội vận tải 5",
        "Điều 18",
    ):
        assert expected in text
    word = client.get(reverse("reserve:asset_notice_docx", args=[asset.public_id]))
    document = docx.Document(io.BytesIO(word.content))
    body = "\n".join(p.text for p in document.paragraphs)
    body += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    for expected in ("GIẤY THÔNG BÁO", "89C-246.80", "Đại đội vận tải 5", "01/08/2025"):
        assert expected in body
