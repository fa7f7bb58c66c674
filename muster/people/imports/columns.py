"""The import file's columns and vocabulary (nhập danh sách công dân). Pure: no Django.

Which fields a commune's citizen spreadsheet holds, under which Vietnamese headers and aliases,
the words each choice is written with, and the way back: one person as the template's row.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from muster.core.text import fold
from muster.people.reference import ETHNIC_GROUPS

RawCell = str | int | float | dt.date | dt.datetime | None


@dataclass(frozen=True)
class Column:
    """An accepted column: the field it fills, its template header, the headers it answers to."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    max_length: int = 0


#: Every accepted column, in template order. ``key`` is the ``Person`` field, except ``village``
#: (the village or residential group, matched by name among the commune's villages).
COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", ("họ tên", "họ và tên khai sinh", "tên"), True, 120),
    Column("date_of_birth", "Ngày sinh", ("ngày tháng năm sinh", "ngày sinh dd/mm/yyyy"), True),
    Column("sex", "Giới tính", ("nam/nữ", "phái"), True),
    Column(
        "national_id",
        "Số CCCD",
        ("cccd", "số căn cước", "số căn cước công dân", "số định danh", "số định danh cá nhân"),
        True,
    ),
    Column("village", "Thôn", ("thôn/tổ dân phố", "thôn, tổ dân phố", "tổ dân phố", "thôn xóm")),
    Column("ethnicity", "Dân tộc"),
    Column("religion", "Tôn giáo", (), False, 60),
    Column("phone", "Số điện thoại", ("điện thoại", "sđt"), False, 20),
    Column("occupation", "Nghề nghiệp", ("nghề", "công việc"), False, 120),
    Column(
        "workplace",
        "Nơi làm việc/học tập",
        ("nơi làm việc", "nơi học tập", "nơi làm việc học tập", "trường"),
        False,
        200,
    ),
    Column("school_grade", "Trình độ văn hóa", ("văn hóa", "trình độ học vấn", "lớp")),
    Column("in_school", "Đang đi học", ("còn đi học",)),
    Column("higher_level", "Trình độ chuyên môn", ("trình độ đào tạo", "chuyên môn")),
    Column("field_of_study", "Chuyên ngành", ("ngành học", "ngành"), False, 120),
    Column("study_mode", "Hình thức đào tạo", ("hệ đào tạo", "hình thức học")),
    Column("study_status", "Tình trạng học tập", ("tình trạng học",)),
    Column("study_end_date", "Ngày kết thúc khóa học", ("ngày tốt nghiệp dự kiến",)),
    Column("party_member", "Đảng viên", ("đảng viên đcsvn",)),
    Column("youth_union_member", "Đoàn viên", ("đoàn viên thanh niên",)),
    Column("marital_status", "Tình trạng hôn nhân", ("hôn nhân",)),
)
COLUMN_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
REQUIRED_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)
#: Headers that are recognised as "not imported" (row numbers, notes).
IGNORED_HEADERS = frozenset({"stt", "so tt", "tt", "ghi chu", "loi"})

#: The ``Person`` fields compared to decide update or unchanged (``village`` → residence).
PERSON_KEYS: tuple[str, ...] = tuple(
    "residence_unit_id" if c.key == "village" else c.key for c in COLUMNS
)

# Vocabularies of the file: the words a commune clerk writes, folded, and the stored value.
SEX_WORDS = {"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}
SEX_LABELS = {"M": "Nam", "F": "Nữ"}
TRUE_WORDS = frozenset({"x", "co", "1", "yes", "true", "dung", "v"})
FALSE_WORDS = frozenset({"", "khong", "0", "no", "false", "-"})
HIGHER_LEVELS = {
    "": "",
    "khong": "",
    "trung cap": "trade",
    "trung cap nghe": "trade",
    "cao dang": "college",
    "dai hoc": "university",
    "sau dai hoc": "postgraduate",
    "thac si": "postgraduate",
    "tien si": "postgraduate",
}
HIGHER_LABELS = {
    "": "",
    "trade": "Trung cấp",
    "college": "Cao đẳng",
    "university": "Đại học",
    "postgraduate": "Sau đại học",
}
STUDY_MODES = {"": "", "chinh quy": "full_time", "khong chinh quy": "other", "tai chuc": "other"}
STUDY_MODE_LABELS = {"": "", "full_time": "Chính quy", "other": "Không chính quy"}
STUDY_STATUSES = {
    "": "",
    "dang hoc": "studying",
    "da tot nghiep": "graduated",
    "tot nghiep": "graduated",
    "bo hoc": "dropped_out",
    "thoi hoc": "dropped_out",
}
STUDY_STATUS_LABELS = {
    "": "",
    "studying": "Đang học",
    "graduated": "Đã tốt nghiệp",
    "dropped_out": "Bỏ học",
}
MARITAL = {
    "": "single",
    "doc than": "single",
    "chua ket hon": "single",
    "da ket hon": "married",
    "co vo": "married",
    "co chong": "married",
    "ket hon": "married",
    "ly hon": "divorced",
    "goa": "widowed",
    "goa vo": "widowed",
    "goa chong": "widowed",
}
MARITAL_LABELS = {
    "single": "Độc thân",
    "married": "Đã kết hôn",
    "divorced": "Ly hôn",
    "widowed": "Góa",
}
ETHNICITY_BY_NAME = {fold(name): code for code, name in ETHNIC_GROUPS}
ETHNICITY_NAMES = dict(ETHNIC_GROUPS)
_VILLAGE_PREFIXES = ("to dan pho ", "thon ", "xom ", "khu pho ", "khu ", "to ", "ap ", "ban ")
_NOT_WORD = re.compile(r"[^a-z0-9/]+")
_PARENS = re.compile(r"\([^)]*\)")


def normalise_header(text: str) -> str:
    """Diacritic-free, case-free header text without parenthesised hints or punctuation."""
    text = _PARENS.sub(" ", str(text))
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


HEADER_INDEX: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases, _column.key):
        HEADER_INDEX.setdefault(normalise_header(_name), _column.key)


#: ``fold`` of short, often repeated texts (words of names, villages, vocabulary): a cache makes
#: a 100,000-row file fold a few thousand distinct strings instead of a million.
fold_cached = functools.lru_cache(maxsize=1 << 16)(fold)


def fold_name(name: str) -> str:
    """``fold(name)``, word by word through the cache (names share few distinct words)."""
    return " ".join([fold_cached(word) for word in name.split()])


@functools.lru_cache(maxsize=1 << 12)
def village_key(name: str) -> str:
    """``"Thôn Đức Trung"`` and ``"duc trung"`` both give ``"duc trung"``."""
    key = " ".join(fold(name).split())
    for prefix in _VILLAGE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


def export_cells(values: dict[str, Any], village_names: dict[int, str]) -> list[str]:
    """One person as the template's row of text (the inverse of :meth:`RowChecker.parse`)."""
    out: list[str] = []
    for column in COLUMNS:
        key = column.key
        if key == "village":
            village = values.get("residence_unit_id")
            out.append(village_names.get(village, "") if village is not None else "")
            continue
        value: Any = values.get(key)
        if key in ("date_of_birth", "study_end_date"):
            out.append(value.strftime("%d/%m/%Y") if value else "")
        elif key == "sex":
            out.append(SEX_LABELS.get(value, ""))
        elif key == "ethnicity":
            out.append(ETHNICITY_NAMES.get(value, ""))
        elif key == "school_grade":
            out.append(f"{value}/12")
        elif key in ("in_school", "party_member", "youth_union_member"):
            out.append("x" if value else "")
        elif key == "higher_level":
            out.append(HIGHER_LABELS.get(value, ""))
        elif key == "study_mode":
            out.append(STUDY_MODE_LABELS.get(value, ""))
        elif key == "study_status":
            out.append(STUDY_STATUS_LABELS.get(value, ""))
        elif key == "marital_status":
            out.append(MARITAL_LABELS.get(value, ""))
        else:
            out.append(str(value or ""))
    return out
