"""Import of a commune's citizen spreadsheet (nhập danh sách công dân). Pure: no Django.

A commune keeps its registry in a spreadsheet with Vietnamese headers ("Họ và tên", "Ngày sinh",
"Số CCCD", "Giới tính", "Thôn", "Trình độ văn hóa", …). ``columns`` names its columns,
``files`` reads the file (:func:`~muster.people.imports.files.read_table`) and suggests the
mapping. This module parses and checks every row and collects *all* the problems of each row,
compares the good rows with the people already registered in the commune (create / update /
unchanged, with the changed fields) and lists likely duplicates (:func:`validate`).

It reads no database: the caller passes what it pre-loaded (:class:`Context`) and writes the
outcome in one transaction (``muster.people.imports``). Messages are codes; the caller translates.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from muster.core.text import hidden_characters
from muster.people import national_id
from muster.people.imports.columns import (
    COLUMN_BY_KEY,
    ETHNICITY_BY_NAME,
    ETHNICITY_NAMES,
    FALSE_WORDS,
    HIGHER_LEVELS,
    MARITAL,
    REQUIRED_KEYS,
    SEX_WORDS,
    STUDY_MODES,
    STUDY_STATUSES,
    TRUE_WORDS,
    RawCell,
    fold_cached,
    fold_name,
    village_key,
)
from muster.people.imports.files import Table, cell_text, id_text, is_blank, parse_date
from muster.people.reference import KINH

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
        if is_blank(cell):
            return key, None, None
        date = parse_date(cell)
        if date is None:
            return key, None, RowError("date_format", key, cell_text(cell))
        if date > ctx.today and key == "date_of_birth":
            return key, date, RowError("date_future", key, cell_text(cell))
        if date.year < 1900:
            return key, date, RowError("date_too_old", key, cell_text(cell))
        return key, date, None
    text = cell_text(cell)
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
        if not text:
            return key, None, None  # not given: left empty, not "grade 0"
        grade = _grade(text.replace(" ", ""))
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
            if key == "full_name":
                parser: Any = functools.partial(_parse_name, column.max_length)
            elif key in _PLAIN_TEXT_KEYS:
                parser = functools.partial(_parse_plain_text, key, column.max_length)
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
                values[key] = id_text(cell)
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
    return _checked_text(key, max_length, cell_text(cell))


def _parse_name(max_length: int, cell: RawCell) -> _Parsed:
    """A name (NFC, white space folded by ``cell_text``), refused when it holds characters one
    cannot see (a zero-width space, a right-to-left override, a control): the same rule as
    ``people.services``."""
    text = cell_text(cell)
    hidden = hidden_characters(text)
    if hidden:
        return "full_name", text, RowError("hidden_characters", "full_name", ", ".join(hidden))
    return _checked_text("full_name", max_length, text)


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
    return {id_text(row[index]) for row in table.rows if index < len(row) and row[index]}
