"""Reading a spreadsheet of members (xlsx or csv) through the hardened readers of
``muster.people.imports.files`` (size, unpacked-size, row, column, cell and time limits;
openpyxl read-only; defusedxml), and checking every row: a file with one bad row is refused as
a whole, each bad row named with its line and the reason in the user's language.

Columns (by header, diacritics and case ignored): Họ và tên, Năm sinh (or Ngày sinh), Chức vụ,
Đối tượng (1–4), Diện (cán bộ, đại biểu, trưởng thôn, đảng viên …). A text cell that starts like
a formula (= + - @) or holds control characters is refused, never stored."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from muster.education.choices import Category
from muster.education.services import member_errors
from muster.people.imports.columns import normalise_header
from muster.people.imports.files import TableError, cell_text, parse_date, read_table
from muster.people.imports.messages import table_error_message

MAX_ROWS = 2000

_HEADERS: dict[str, str] = {
    "ho va ten": "full_name",
    "ho ten": "full_name",
    "nam sinh": "birth_year",
    "ngay sinh": "date_of_birth",
    "chuc vu": "post",
    "chuc vu chuc danh": "post",
    "doi tuong": "group",
    "dien": "category",
    "thanh phan": "category",
}

_CATEGORY_WORDS: dict[str, str] = {
    "can bo": Category.OFFICIAL,
    "cong chuc": Category.OFFICIAL,
    "can bo cong chuc": Category.OFFICIAL,
    "dai bieu": Category.DEPUTY,
    "dai bieu hdnd": Category.DEPUTY,
    "khong chuyen trach": Category.PART_TIME,
    "truong thon": Category.VILLAGE_HEAD,
    "doan the": Category.MASS_ORG,
    "dang vien": Category.PARTY_MEMBER,
    "quan ly": Category.MANAGER,
    "khac": Category.OTHER,
}


@dataclass
class Checked:
    rows: list[dict[str, object]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _unsafe(text: str) -> bool:
    if text[:1] in ("=", "+", "-", "@"):
        return True
    return any(unicodedata.category(ch) == "Cc" for ch in text)


def check_file(data: bytes, filename: str) -> Checked:
    """Every row of the file checked; ``errors`` empty means all rows may be written."""
    out = Checked()
    try:
        table = read_table(data, filename)
    except TableError as error:
        out.errors.append(table_error_message(error.code))
        return out
    keys = [_HEADERS.get(normalise_header(h), "") for h in table.headers]
    missing = [k for k in ("full_name", "post", "group", "category") if k not in keys]
    if missing or ("birth_year" not in keys and "date_of_birth" not in keys):
        out.errors.append(
            _(
                "The file needs the columns Họ và tên, Năm sinh (or Ngày sinh), Chức vụ, "
                "Đối tượng and Diện."
            )
        )
        return out
    filled = [r for r in table.rows if any(cell_text(c) for c in r)]
    if len(filled) > MAX_ROWS:
        out.errors.append(_("The file has more than %(n)s members; split it.") % {"n": MAX_ROWS})
        return out
    line = table.first_line - 1
    for raw in table.rows:
        line += 1
        cells = {k: raw[i] if i < len(raw) else None for i, k in enumerate(keys) if k}
        texts = {k: cell_text(v) for k, v in cells.items()}
        if not any(texts.values()):
            continue
        if any(_unsafe(t) for t in texts.values()):
            out.errors.append(
                _("Line %(n)s: a cell starts like a formula or holds control characters.")
                % {"n": line}
            )
            continue
        born = parse_date(cells["date_of_birth"]) if cells.get("date_of_birth") else None
        year_text = texts.get("birth_year", "")
        birth_year = int(year_text) if year_text.isdigit() else (born.year if born else None)
        group_text = texts.get("group", "")
        group = int(group_text) if group_text.isdigit() else None
        category = _CATEGORY_WORDS.get(normalise_header(texts.get("category", "")), "")
        errors = member_errors(
            full_name=texts.get("full_name", ""),
            birth_year=birth_year,
            post=texts.get("post", ""),
            group=group,
            category=category,
        )
        if errors:
            reasons = " ".join(m for ms in errors.values() for m in ms)
            out.errors.append(_("Line %(n)s: %(why)s") % {"n": line, "why": reasons})
            continue
        out.rows.append(
            {
                "full_name": texts["full_name"],
                "birth_year": birth_year,
                "date_of_birth": born,
                "post": texts["post"],
                "group": group,
                "category": category,
            }
        )
    if not out.rows and not out.errors:
        out.errors.append(_("The file has no member rows."))
    return out
