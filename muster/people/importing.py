"""Import of a commune's citizen spreadsheet (nhập danh sách công dân). Pure: no Django.

A commune keeps its registry in a spreadsheet with Vietnamese headers ("Họ và tên", "Ngày sinh",
"Số CCCD", "Giới tính", "Thôn", "Trình độ văn hóa", …). This module

* reads the file (xlsx or csv) into a header row and raw rows (:func:`read_table`),
* suggests which column holds which field, ignoring diacritics and case (:func:`suggest_mapping`),
* parses and checks every row and collects *all* the problems of each row, compares the good rows
  with the people already registered in the commune (create / update / unchanged, with the
  changed fields) and lists likely duplicates (:func:`validate`).

It reads no database: the caller passes what it pre-loaded (:class:`Context`) and writes the
outcome in one transaction (``muster.people.imports``). Messages are codes; the caller translates.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from muster.core.text import fold
from muster.people import national_id
from muster.people.reference import ETHNIC_GROUPS, KINH

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


class TableError(ValueError):
    """The file cannot be read as a table (code: "format", "empty", "encoding")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normalise_header(text: str) -> str:
    """Diacritic-free, case-free header text without parenthesised hints or punctuation."""
    text = _PARENS.sub(" ", str(text))
    return " ".join(_NOT_WORD.sub(" ", fold(text)).split())


_HEADER_INDEX: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.header, *_column.aliases, _column.key):
        _HEADER_INDEX.setdefault(normalise_header(_name), _column.key)


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


# --- Reading -------------------------------------------------------------------------------


@dataclass
class Table:
    """The header row and the data rows of a file; ``first_line`` is the sheet row of rows[0]."""

    headers: list[str]
    rows: list[list[RawCell]]
    first_line: int


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise TableError("encoding") from exc


def _read_csv(data: bytes) -> list[list[RawCell]]:
    text = _decode(data)
    sample = text[:4096]
    first_line = sample.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    # The reader's rows are lists already (typed as such: list[str] is a list[RawCell]).
    rows: list[list[RawCell]] = list(
        csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # type: ignore[arg-type]
    )
    return rows


def _read_xlsx(data: bytes) -> list[list[RawCell]]:
    from openpyxl import load_workbook  # imported here: csv imports should not pay for it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise TableError("format") from exc
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _blank(cell: RawCell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(data: bytes, filename: str) -> Table:
    """Read ``data`` (xlsx by its zip signature or name, else csv) into a :class:`Table`.

    The header row is the one among the first 20 that names the most known columns, so title
    rows above the table (the official header of a printed list) are skipped.
    """
    if data.startswith(b"PK") or filename.lower().endswith((".xlsx", ".xlsm")):
        raw = _read_xlsx(data)
    else:
        raw = _read_csv(data)
    if not any(not _blank(cell) for row in raw[:20] for cell in row):
        raise TableError("empty")
    best, best_score = 0, -1
    for index, row in enumerate(raw[:20]):
        score = sum(1 for cell in row if normalise_header(str(cell or "")) in _HEADER_INDEX)
        if score > best_score:
            best, best_score = index, score
    if best_score < 1:
        best = next(i for i, row in enumerate(raw) if any(not _blank(c) for c in row))
    headers = [str(cell).strip() if cell is not None else "" for cell in raw[best]]
    while headers and not headers[-1]:
        headers.pop()
    rows = raw[best + 1 :]
    return Table(headers=headers, rows=rows, first_line=best + 2)


def suggest_mapping(headers: Sequence[str]) -> list[str]:
    """The field key each column most likely holds ("" for not imported), first match wins."""
    used: set[str] = set()
    mapping: list[str] = []
    for header in headers:
        key = _HEADER_INDEX.get(normalise_header(header), "")
        if key in used:
            key = ""
        used.add(key)
        mapping.append(key)
    return mapping


# --- Checking ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem of one row. ``code`` is translated by the caller; ``column`` is the field."""

    code: str
    column: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Existing:
    """A person already registered: primary key and the comparable values (``PERSON_KEYS``)."""

    pk: int
    values: dict[str, Any]


@dataclass(frozen=True)
class Context:
    """What the caller pre-loaded from the database for one commune."""

    today: dt.date
    #: ``village_key(name)`` → village id; a name shared by two villages maps to ``None``.
    villages: dict[str, int | None]
    #: ID number → person registered in this commune (or in the lineage it answers for).
    existing: dict[str, Existing]
    #: ID numbers in the file that belong to people registered in another commune.
    elsewhere: frozenset[str] = frozenset()
    #: (folded name, date of birth) → ID numbers of the commune's people, for likely duplicates.
    by_name_dob: dict[tuple[str, dt.date], list[str]] = field(default_factory=dict)


@dataclass(slots=True)
class RowResult:
    line: int
    values: dict[str, Any]
    errors: list[RowError]
    action: str = ""  # "create", "update", "unchanged", "error"
    pk: int | None = None
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    #: ``fold_name(full_name)`` of a row to create (the stored ``Person.name_search``).
    name_search: str = ""


@dataclass(frozen=True)
class Duplicate:
    """A new row that looks like someone already known: same folded name and date of birth."""

    line: int
    full_name: str
    date_of_birth: dt.date
    national_id: str
    other_national_id: str
    other_line: int | None  # the other row of the file, or None for a registered person


@dataclass
class Report:
    rows: list[RowResult]
    file_errors: list[RowError]
    duplicates: list[Duplicate]
    mapping: list[str]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def bad_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.file_errors and not any(row.errors for row in self.rows)


def check_mapping(mapping: Sequence[str]) -> list[RowError]:
    """Missing required columns, unknown keys and fields mapped from two columns."""
    errors: list[RowError] = []
    seen: set[str] = set()
    for key in mapping:
        if not key:
            continue
        if key not in COLUMN_BY_KEY:
            errors.append(RowError("unknown_column", key))
        elif key in seen:
            errors.append(RowError("column_twice", key))
        seen.add(key)
    for key in REQUIRED_KEYS:
        if key not in seen:
            errors.append(RowError("column_missing", key))
    return errors


def parse_date(cell: RawCell) -> dt.date | None:
    """A spreadsheet date cell, or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy)."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = str(cell).strip()
    for sep in ("/", "-", "."):
        parts = text.split(sep)
        if len(parts) == 3:
            break
    else:
        return None
    day, month, year = parts
    if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
        if len(day) == 4 and day.isdigit() and month.isdigit() and year.isdigit():
            day, year = year, day  # ISO yyyy-mm-dd
        else:
            return None
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _text(cell: RawCell) -> str:
    if type(cell) is str:  # the common case (every CSV cell): no other test
        text = cell.strip()
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        if "  " in text:
            text = " ".join(text.split())
        return text
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.strftime("%d/%m/%Y")
    text = cell.strip() if isinstance(cell, str) else str(cell).strip()
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\n" in text or "\t" in text:
        text = " ".join(text.split())
    return text


def _id_text(cell: RawCell) -> str:
    """The ID number as text; a number cell that lost its leading zero gets it back."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        digits = str(int(cell))
        return digits.zfill(12) if len(digits) == 11 else digits
    return "".join(str(cell or "").split())


def _grade(text: str) -> int | None:
    """School grade completed: "12", "12/12", "9/12" (nine-year system "7/10" is refused)."""
    head, _sep, tail = text.partition("/")
    if not head.isdigit() or (tail and tail != "12"):
        return None
    grade = int(head)
    return grade if 0 <= grade <= 12 else None


def _parse_cell(key: str, cell: RawCell, ctx: Context) -> tuple[str, Any, RowError | None]:
    """(attribute, value, problem or None) of one cell of column ``key`` (not the ID number)."""
    if key in ("date_of_birth", "study_end_date"):
        if _blank(cell):
            return key, None, None
        date = parse_date(cell)
        if date is None:
            return key, None, RowError("date_format", key, _text(cell))
        if date > ctx.today and key == "date_of_birth":
            return key, date, RowError("date_future", key, _text(cell))
        if date.year < 1900:
            return key, date, RowError("date_too_old", key, _text(cell))
        return key, date, None
    text = _text(cell)
    if key == "village":
        if not text:
            return "residence_unit_id", None, None
        village = ctx.villages.get(village_key(text))
        if village is None:
            code = "village_ambiguous" if village_key(text) in ctx.villages else "village"
            return "residence_unit_id", None, RowError(code, key, text)
        return "residence_unit_id", village, None
    folded = fold_cached(text) if not text.isascii() else text.lower()
    if key == "sex":
        sex = SEX_WORDS.get(folded)
        return key, sex, None if sex is not None else RowError("sex", key, text)
    if key == "ethnicity":
        group: str | None = ETHNICITY_BY_NAME.get(folded) if folded else KINH
        if group is None and text.isdigit() and text.zfill(2) in ETHNICITY_NAMES:
            group = text.zfill(2)
        return key, group, None if group is not None else RowError("ethnicity", key, text)
    if key == "school_grade":
        grade = _grade(text.replace(" ", "")) if text else 0
        return key, grade, None if grade is not None else RowError("school_grade", key, text)
    if key in ("in_school", "party_member", "youth_union_member"):
        if folded in TRUE_WORDS:
            return key, True, None
        if folded in FALSE_WORDS:
            return key, False, None
        return key, None, RowError("yes_no", key, text)
    if key in _CHOICES:
        choice = _CHOICES[key].get(folded)
        return key, choice, None if choice is not None else RowError("choice", key, text)
    return _checked_text(key, COLUMN_BY_KEY[key].max_length, text)


#: Columns whose cells repeat (villages, dates, vocabularies): parsed once per distinct cell.
_UNIQUE_KEYS = frozenset({"full_name", "national_id", "phone"})
#: Free-text columns with nothing to look up: only trimmed and their length checked.
_PLAIN_TEXT_KEYS = frozenset({"full_name", "religion", "phone", "occupation", "workplace"})
_Parsed = tuple[str, Any, RowError | None]


class RowChecker:
    """Parses and checks the rows of one file read through one mapping (kiểm tra từng dòng).

    Built once per file: the mapping becomes a list of (column index, field, parser, memo), so
    a row does no lookups of the mapping or of the column definitions. Columns whose cells
    repeat (villages, dates, vocabularies) remember each distinct cell's outcome (``memo``);
    folded names are cached per file (names repeat: a commune has few distinct ones).
    """

    def __init__(self, mapping: Sequence[str], ctx: Context) -> None:
        self.ctx = ctx
        plan: list[tuple[int, str, Any, dict[RawCell, _Parsed] | None]] = []
        for index, key in enumerate(mapping):
            if not key:
                continue
            if key == "national_id":
                plan.append((index, key, None, None))
                continue
            column = COLUMN_BY_KEY[key]
            if key in _PLAIN_TEXT_KEYS:
                parser: Any = functools.partial(_parse_plain_text, key, column.max_length)
            else:
                parser = functools.partial(_parse_cell_of, key, ctx)
            memo: dict[RawCell, _Parsed] | None = None if key in _UNIQUE_KEYS else {}
            plan.append((index, key, parser, memo))
        self._plan = plan
        self._width = max((index for index, *_rest in plan), default=-1) + 1
        mapped = set(mapping)
        self._required = tuple(key for key in REQUIRED_KEYS if key in mapped)
        self._folded: dict[str, str] = {}

    def fold_name(self, name: str) -> str:
        """:func:`fold_name`, remembered for the file."""
        folded = self._folded.get(name)
        if folded is None:
            folded = self._folded[name] = fold_name(name)
        return folded

    def parse(self, cells: Sequence[RawCell]) -> tuple[dict[str, Any], list[RowError]]:
        """The ``Person`` values of one row and every problem found in it."""
        values: dict[str, Any] = {}
        errors: list[RowError] = []
        if len(cells) < self._width:
            cells = [*cells, *([None] * (self._width - len(cells)))]
        for index, key, parser, memo in self._plan:
            cell = cells[index]
            if parser is None:  # the ID number, checked below with sex and date of birth
                values[key] = _id_text(cell)
                continue
            if memo is None:
                name, value, error = parser(cell)
            else:
                hit = memo.get(cell)
                if hit is None:
                    hit = memo[cell] = parser(cell)
                name, value, error = hit
            values[name] = value
            if error is not None:
                errors.append(error)
        for key in self._required:
            value = values[key]
            if (value is None or value == "") and not (errors and _has(errors, key)):
                errors.append(RowError("required", key))
        number = values.get("national_id")
        if number:
            sex = values.get("sex")
            birth = values.get("date_of_birth")
            if errors and _has(errors, "date_of_birth"):
                birth = None
            problems = national_id.check(
                number,
                male=(sex == "M") if sex else None,
                birth_date=birth if isinstance(birth, dt.date) else None,
            )
            for problem in problems:
                errors.append(RowError("id_" + problem.code, "national_id", number))
        return values, errors


def _parse_cell_of(key: str, ctx: Context, cell: RawCell) -> _Parsed:
    return _parse_cell(key, cell, ctx)


def _parse_plain_text(key: str, max_length: int, cell: RawCell) -> _Parsed:
    return _checked_text(key, max_length, _text(cell))


def _checked_text(key: str, max_length: int, text: str) -> _Parsed:
    """A free-text value, refused when longer than its column."""
    if max_length and len(text) > max_length:
        return key, text, RowError("too_long", key, str(max_length))
    return key, text, None


def _has(errors: list[RowError], column: str) -> bool:
    return any(e.column == column for e in errors)


_CHOICES: dict[str, dict[str, str]] = {
    "higher_level": HIGHER_LEVELS,
    "study_mode": STUDY_MODES,
    "study_status": STUDY_STATUSES,
    "marital_status": MARITAL,
}


def _blank_row(cells: Sequence[RawCell], columns: Sequence[int]) -> bool:
    width = len(cells)
    for i in columns:
        if i < width:
            cell = cells[i]
            if cell is not None and cell != "" and not (isinstance(cell, str) and cell.isspace()):
                return False
    return True


def validate(table: Table, mapping: Sequence[str], ctx: Context) -> Report:
    """Check every row of ``table`` read through ``mapping`` and compare it with ``ctx``.

    Rows whose mapped cells are all blank are skipped (spacer and note rows). A row with any
    error gets action "error"; the others "create", "update" (with ``changes``) or "unchanged".
    """
    for step in validate_steps(table, mapping, ctx):
        if isinstance(step, Report):
            return step
    raise AssertionError("validate_steps ends with its report")


def validate_steps(
    table: Table, mapping: Sequence[str], ctx: Context, *, every: int = 5000
) -> Iterator[int | Report]:
    """:func:`validate`, yielding the number of rows done every ``every`` rows, then the report
    (the import page streams these as its progress bar)."""
    report, rows = check_rows(table, mapping, ctx)
    mark = every
    if report.file_errors:
        yield report
        return
    for offset, _row in rows:
        while offset >= mark:
            yield mark
            mark += every
    while mark < len(table.rows):  # trailing blank rows
        yield mark
        mark += every
    yield report


def check_rows(
    table: Table, mapping: Sequence[str], ctx: Context
) -> tuple[Report, Iterator[tuple[int, RowResult]]]:
    """The report of ``table`` and the generator that fills it: each checked row as
    ``(offset in the file, row)`` as soon as its action is known, so a caller can act on a
    row (write it) while the next ones are checked. The report is complete once the
    generator is exhausted; with mapping errors it has no rows and the generator is empty.
    """
    mapping = list(mapping) + [""] * (len(table.headers) - len(mapping))
    file_errors = check_mapping(mapping)
    report = Report(rows=[], file_errors=file_errors, duplicates=[], mapping=mapping)
    if file_errors:
        return report, iter(())
    return report, _check_rows(table, mapping, ctx, report)


def _check_rows(
    table: Table, mapping: list[str], ctx: Context, report: Report
) -> Iterator[tuple[int, RowResult]]:
    mapped = [i for i, key in enumerate(mapping) if key]
    checker = RowChecker(mapping, ctx)
    parse, fold_name_of = checker.parse, checker.fold_name
    first_line_of: dict[str, int] = {}
    new_by_name_dob: dict[tuple[str, dt.date], tuple[int, str]] = {}
    elsewhere, existing_of, by_name_dob = ctx.elsewhere, ctx.existing, ctx.by_name_dob
    append, duplicates = report.rows.append, report.duplicates
    first_line = table.first_line
    for offset, cells in enumerate(table.rows):
        if _blank_row(cells, mapped):
            continue
        line = first_line + offset
        values, errors = parse(cells)
        row = RowResult(line=line, values=values, errors=errors)
        append(row)
        number = values.get("national_id") or ""
        if number:
            first = first_line_of.setdefault(number, line)
            if first != line:
                errors.append(RowError("id_twice", "national_id", str(first)))
            elif number in elsewhere:
                errors.append(RowError("id_elsewhere", "national_id", number))
        if errors:
            row.action = "error"
            yield offset, row
            continue
        existing = existing_of.get(number)
        if existing is None:
            row.action = "create"
            row.name_search = fold_name_of(values["full_name"])
            name_dob = (row.name_search, values["date_of_birth"])
            others = [n for n in by_name_dob.get(name_dob, ()) if n != number]
            name, born = values["full_name"], name_dob[1]
            if others:
                duplicates.append(Duplicate(line, name, born, number, others[0], None))
            elif name_dob in new_by_name_dob:
                other_line, other_number = new_by_name_dob[name_dob]
                duplicates.append(Duplicate(line, name, born, number, other_number, other_line))
            else:
                new_by_name_dob[name_dob] = (line, number)
            yield offset, row
            continue
        row.pk = existing.pk
        old_values = existing.values
        for key, value in values.items():
            old = old_values.get(key)
            if old != value:
                row.changes[key] = (old, value)
        row.action = "update" if row.changes else "unchanged"
        yield offset, row


def national_ids(table: Table, mapping: Sequence[str]) -> set[str]:
    """The ID numbers a file names (to pre-load who holds them)."""
    try:
        index = list(mapping).index("national_id")
    except ValueError:
        return set()
    return {_id_text(row[index]) for row in table.rows if index < len(row) and row[index]}


# --- Writing files back ------------------------------------------------------------------------


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


def chunked(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


#: The text of a raw cell as the import reads it (dates dd/mm/yyyy, whole numbers without ".0").
cell_text = _text
