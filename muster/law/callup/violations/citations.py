"""Citations of the violation rules in their printed, Vietnamese form. Pure."""

from __future__ import annotations

from muster.law.rulebook import Citation, Rule
from muster.law.sources import (
    DECREE_218,
    LAW_15_2012,
    LAW_78,
    LAW_80_2015,
    LAW_98,
    PENAL_CODE,
    VBHN_04,
)

_DOC_VI = {
    VBHN_04: "Nghị định 120/2013/NĐ-CP (sửa đổi bởi Nghị định 37/2022/NĐ-CP)",
    DECREE_218: "Nghị định 218/2025/NĐ-CP",
    PENAL_CODE: "Bộ luật Hình sự 2015 (sửa đổi năm 2017)",
    LAW_15_2012: "Luật Xử lý vi phạm hành chính 15/2012/QH13",
    LAW_78: "Luật Nghĩa vụ quân sự 78/2015/QH13",
    LAW_98: "Luật 98/2025/QH15",
    LAW_80_2015: "Luật Ban hành văn bản quy phạm pháp luật 80/2015/QH13",
}


def citation_vi(citation: Citation) -> str:
    """``Nghị định 218/2025/NĐ-CP, Điều 9 khoản 1`` (the printed, Vietnamese form)."""
    text = _DOC_VI.get(citation.document, citation.document)
    if citation.article:
        text += f", Điều {citation.article}"
        if citation.clause:
            text += f" khoản {citation.clause}"
            if citation.point:
                text += f" điểm {citation.point}"
    return text


def citations_text(item: Rule) -> str:
    return "; ".join(c.label for c in item.citations)


def citations_vi(item: Rule) -> str:
    return "; ".join(citation_vi(c) for c in item.citations)
