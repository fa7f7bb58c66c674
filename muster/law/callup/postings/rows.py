"""The public rows of a posting: the keys that may be posted, the Vietnamese columns and
labels, and the snapshot of the source records. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from muster.core.text import fold
from muster.law.book import rule_or_none

# ----------------------------------------------------------------------------- public rows

#: The keys a public row holds, per kind: nothing else is ever posted.
COMMON_KEYS = ("no", "name", "birth_year", "village")
PUBLIC_KEYS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "deferral_exemption": (*COMMON_KEYS, "decision", "ground", "ground_text"),
        "screening_results": (*COMMON_KEYS, "result"),
        "exam_results": (*COMMON_KEYS, "result"),
        "callup_list": (*COMMON_KEYS, "service", "enlist_on"),
    }
)

#: The column headings of the notice and the public page, per kind.
COLUMNS_VI: MappingProxyType[str, tuple[str, ...]] = MappingProxyType(
    {
        "deferral_exemption": (
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Thôn, tổ dân phố",
            "Diện",
            "Lý do (căn cứ)",
        ),
        "screening_results": ("STT", "Họ và tên", "Năm sinh", "Thôn, tổ dân phố", "Kết quả"),
        "exam_results": ("STT", "Họ và tên", "Năm sinh", "Thôn, tổ dân phố", "Kết quả"),
        "callup_list": (
            "STT",
            "Họ và tên",
            "Năm sinh",
            "Thôn, tổ dân phố",
            "Nhập ngũ vào",
            "Ngày nhập ngũ",
        ),
    }
)

SERVICE_VI = MappingProxyType({"army": "Quân đội nhân dân", "police": "Công an nhân dân"})
DECISION_VI = MappingProxyType({"deferral": "Tạm hoãn", "exemption": "Miễn"})
RESULT_VI = MappingProxyType(
    {
        ("screening_results", True): "Đạt sơ tuyển",
        ("screening_results", False): "Không đạt sơ tuyển",
        ("exam_results", True): "Đủ điều kiện sức khỏe",
        ("exam_results", False): "Không đủ điều kiện sức khỏe",
    }
)
TITLES_VI = MappingProxyType(
    {
        "deferral_exemption": "Danh sách công dân được tạm hoãn gọi nhập ngũ, miễn gọi nhập ngũ "
        "năm {year}",
        "screening_results": "Kết quả sơ tuyển sức khỏe nghĩa vụ quân sự năm {year}",
        "exam_results": "Kết quả khám sức khỏe nghĩa vụ quân sự năm {year}",
        "callup_list": "Danh sách công dân được gọi nhập ngũ năm {year}",
    }
)
#: Vietnamese names of the deciding authorities stored on dossiers.
AUTHORITY_VI = MappingProxyType(
    {"district_chairman": "Chủ tịch UBND huyện", "provincial_chairman": "Chủ tịch UBND tỉnh"}
)
#: Fallback when no ``std.health_class`` rule is in force (TT 105/2023 Art 4: classes 1–3).
FIT_MAX_CLASS = 3


def default_title(kind: str, year: int) -> str:
    return TITLES_VI[kind].format(year=year)


@dataclass(frozen=True)
class SourceRecord:
    """Everything a list may be built from, including what must not be posted.

    ``public_row`` keeps only the public part, so the reduction is one pure, tested place."""

    name: str
    born: dt.date
    village: str = ""
    national_id: str = ""
    phone: str = ""
    # deferral / exemption
    decision: str = ""  # "deferral" | "exemption"
    ground: str = ""  # "41.1.g"
    ground_text: str = ""  # short legal text of the ground (law.py title_vi)
    # screening / examination
    health_class: int | None = None
    exempt_illness: str = ""  # ICD code of a registration-exempt illness
    concluded_on: dt.date | None = None
    # call-up
    service: str = ""
    enlist_on: dt.date | None = None


def is_fit(health_class: int | None, exempt_illness: str, concluded_on: dt.date | None) -> bool:
    """Fit for service: class at most the ``std.health_class`` maximum in force on the
    conclusion day (1–3) and no registration-exempt illness."""
    if health_class is None or exempt_illness:
        return False
    found = None if concluded_on is None else rule_or_none("std.health_class", concluded_on)
    limit = found.int_param("max_class") if found is not None else FIT_MAX_CLASS
    return health_class <= limit


_POINT = {"a", "b", "c", "d", "đ", "e", "g", "h"}


def ground_label(code: str) -> str:
    """``41.1.g`` → ``điểm g khoản 1 Điều 41`` (the way a Vietnamese notice cites a ground)."""
    parts = code.split(".")
    if len(parts) == 3 and parts[2] in _POINT:
        return f"điểm {parts[2]} khoản {parts[1]} Điều {parts[0]}"
    return code


def public_row(kind: str, record: SourceRecord, no: int) -> dict[str, object]:
    """The public part of ``record`` for a list of ``kind``: exactly ``PUBLIC_KEYS[kind]``."""
    row: dict[str, object] = {
        "no": no,
        "name": record.name,
        "birth_year": record.born.year,
        "village": record.village,
    }
    if kind == "deferral_exemption":
        row["decision"] = DECISION_VI.get(record.decision, record.decision)
        row["ground"] = record.ground
        text = record.ground_text
        row["ground_text"] = f"{text} ({ground_label(record.ground)})" if text else ""
    elif kind in ("screening_results", "exam_results"):
        fit = is_fit(record.health_class, record.exempt_illness, record.concluded_on)
        row["result"] = RESULT_VI[(kind, fit)]
    elif kind == "callup_list":
        row["service"] = SERVICE_VI.get(record.service, record.service)
        row["enlist_on"] = record.enlist_on.isoformat() if record.enlist_on else ""
    else:
        raise ValueError(f"unknown posting kind {kind!r}")
    assert tuple(row) == PUBLIC_KEYS[kind]
    return row


def sort_key(record: SourceRecord) -> tuple[str, str, int]:
    """Village, then name without diacritics, then birth year: the order of the posted list."""
    return fold(record.village), fold(record.name), record.born.year


def snapshot(kind: str, records: Iterable[SourceRecord]) -> list[dict[str, object]]:
    """The rows as posted: public rows in list order, numbered from 1."""
    ordered = sorted(records, key=sort_key)
    return [public_row(kind, r, i) for i, r in enumerate(ordered, start=1)]


def row_cells(kind: str, row: dict[str, object]) -> tuple[str, ...]:
    """A stored row as the text of its columns (dates dd/mm/yyyy), for the notice and the page.

    Reads only the public keys, so even a row stored with an extra key would not print it."""
    base: tuple[str, ...] = tuple(
        str(row.get(key, "")) for key in ("no", "name", "birth_year", "village")
    )
    if kind == "deferral_exemption":
        return (*base, str(row.get("decision", "")), str(row.get("ground_text", "")))
    if kind in ("screening_results", "exam_results"):
        return (*base, str(row.get("result", "")))
    if kind == "callup_list":
        raw = str(row.get("enlist_on", ""))
        try:
            day = dt.date.fromisoformat(raw).strftime("%d/%m/%Y") if raw else ""
        except ValueError:
            day = ""
        return (*base, str(row.get("service", "")), day)
    raise ValueError(f"unknown posting kind {kind!r}")
