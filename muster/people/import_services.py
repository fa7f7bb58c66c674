"""Import of a commune's spreadsheet into the registry (nhập danh sách công dân).

``import_check`` reads a file and checks every row against what the commune already holds; it
writes nothing. ``import_people`` checks again and, only if every row is good, writes the whole
file in one transaction (new people by one bulk insert, changed people by ``bulk_update``), the
``ImportBatch`` record and one audit event with the counts, the file name and its SHA-256.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muster.accounts.access import require_actor_area
from muster.audit.services import record_event
from muster.core.dates import today
from muster.core.text import fold
from muster.geo.models import COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, Unit
from muster.people import importing
from muster.people.models import ImportBatch, ImportStatus, Person
from muster.people.services import id_problem_message

if TYPE_CHECKING:
    from muster.accounts.models import User

#: ``Person`` columns compared and written by an import (``village`` is ``residence_unit_id``).
_LOOKUP_CHUNK = 900  # under SQLite's historical 999-parameter limit
_UPDATE_BATCH = 1000
_INSERT_BATCH = 5000


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Messages --------------------------------------------------------------------------------


def column_label(key: str) -> str:
    if key == "residence_unit_id":
        key = "village"
    column = importing.COLUMN_BY_KEY.get(key)
    return column.header if column is not None else key


def table_error_message(code: str) -> str:
    return {
        "format": _("The file is not a readable spreadsheet (xlsx) or CSV file."),
        "empty": _("The file is empty."),
        "encoding": _("The CSV file is not in UTF-8 or Windows Vietnamese encoding."),
    }.get(code, _("The file cannot be read."))


def error_message(error: importing.RowError) -> str:
    """The user-facing text of one problem, naming its column."""
    label = column_label(error.column)
    code = error.code
    if code.startswith("id_") and code not in ("id_twice", "id_elsewhere"):
        return id_problem_message(code[3:])
    texts = {
        "column_missing": _("The required column “%(column)s” is missing or not mapped."),
        "column_twice": _("The field “%(column)s” is mapped from two columns."),
        "unknown_column": _("Unknown field “%(column)s”."),
        "required": _("“%(column)s” is empty."),
        "date_format": _("“%(column)s”: “%(value)s” is not a date dd/mm/yyyy."),
        "date_future": _("“%(column)s”: %(value)s is in the future."),
        "date_too_old": _("“%(column)s”: %(value)s is before 1900."),
        "village": _("No village or residential group “%(value)s” in this commune."),
        "village_ambiguous": _("Two villages of this commune are called “%(value)s”."),
        "sex": _("“%(column)s”: “%(value)s” is neither Nam nor Nữ."),
        "ethnicity": _("“%(column)s”: “%(value)s” is not one of the 54 ethnic groups."),
        "school_grade": _("“%(column)s”: “%(value)s” is not a grade from 0/12 to 12/12."),
        "yes_no": _("“%(column)s”: write x (yes) or leave empty, not “%(value)s”."),
        "choice": _("“%(column)s”: “%(value)s” is not an accepted value."),
        "too_long": _("“%(column)s” is longer than %(value)s characters."),
        "id_twice": _("The ID number already appears on row %(value)s of this file."),
        "id_elsewhere": _("The ID number belongs to a citizen registered in another commune."),
    }
    text = texts.get(code, _("Invalid value in “%(column)s”."))
    return text % {"column": label, "value": error.detail}


def row_messages(row: importing.RowResult) -> list[str]:
    return [error_message(error) for error in row.errors]


# --- Loading what a check needs -------------------------------------------------------------


def check_import_unit(*, actor: User, unit: Unit) -> None:
    """The target must be a commune-level unit inside the actor's area (the system actor's
    area is the whole system)."""
    if unit.kind not in COMMUNE_LEVEL_KINDS:
        raise ValidationError(_("The registration unit must be a commune, ward or town."))
    require_actor_area(actor, unit.pk, _("This commune is outside your area."))


def load_context(
    *, unit: Unit, numbers: set[str] | None
) -> tuple[importing.Context, dict[int, str]]:
    """Pre-load the commune's villages and people in one query each, and who else holds
    the file's ID numbers (``numbers``; None: not looked up, the streamed import leaves them
    to the unique index). Returns the context and village names."""
    villages: dict[str, int | None] = {}
    names: dict[int, str] = {}
    for pk, name in Unit.objects.filter(parent=unit, kind__in=VILLAGE_LEVEL_KINDS).values_list(
        "pk", "name"
    ):
        key = importing.village_key(name)
        villages[key] = None if key in villages else pk
        names[pk] = name
    existing: dict[str, importing.Existing] = {}
    by_name_dob: dict[tuple[str, dt.date], list[str]] = {}
    keys = importing.PERSON_KEYS
    rows = Person.objects.filter(registration_unit=unit).values_list("pk", "name_search", *keys)
    for pk, name_search, *values in rows:
        record = dict(zip(keys, values, strict=True))
        existing[record["national_id"]] = importing.Existing(pk=pk, values=record)
        by_name_dob.setdefault((name_search, record["date_of_birth"]), []).append(
            record["national_id"]
        )
    unknown = sorted(numbers - existing.keys()) if numbers is not None else []
    elsewhere: set[str] = set()
    # Plain SQL: the ORM's per-parameter work on 100,000 IDs costs more than the queries.
    table = connection.ops.quote_name(Person._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and unknown:  # one query: the numbers as an array
            cursor.execute(
                f"SELECT national_id FROM {table} WHERE national_id = ANY(%s)", [unknown]
            )
            elsewhere.update(number for (number,) in cursor.fetchall())
            unknown = []
        for chunk in importing.chunked(unknown, _LOOKUP_CHUNK):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT national_id FROM {table} WHERE national_id IN ({marks})", list(chunk)
            )
            elsewhere.update(number for (number,) in cursor.fetchall())
    context = importing.Context(
        today=today(),
        villages=villages,
        existing=existing,
        elsewhere=frozenset(elsewhere),
        by_name_dob=by_name_dob,
    )
    return context, names


@dataclass
class Checked:
    table: importing.Table
    report: importing.Report
    village_names: dict[int, str]


def import_check(
    *, unit: Unit, data: bytes, file_name: str, mapping: Sequence[str] | None
) -> Checked:
    """Read and check the whole file; writes nothing. ``mapping`` None takes the suggestion.

    Raises ``importing.TableError`` when the file is not a table.
    """
    table = importing.read_table(data, file_name)
    if mapping is None:
        mapping = importing.suggest_mapping(table.headers)
    context, names = load_context(unit=unit, numbers=importing.national_ids(table, mapping))
    report = importing.validate(table, mapping, context)
    return Checked(table=table, report=report, village_names=names)


def import_check_steps(
    *, unit: Unit, data: bytes, file_name: str, mapping: Sequence[str]
) -> Iterator[tuple[int, int] | Checked]:
    """:func:`import_check` in steps: ``(rows done, rows in the file)`` every 2% of the file
    (at least 1,000 rows), then the ``Checked`` outcome. Writes nothing."""
    table = importing.read_table(data, file_name)
    context, names = load_context(unit=unit, numbers=importing.national_ids(table, mapping))
    total = len(table.rows)
    yield (0, total)
    every = max(1000, total // 50)
    for step in importing.validate_steps(table, mapping, context, every=every):
        if isinstance(step, importing.Report):
            yield Checked(table=table, report=step, village_names=names)
        else:
            yield (step, total)


# --- Writing --------------------------------------------------------------------------------


class ImportRejected(Exception):
    """The file has bad rows (or a bad mapping): nothing was written."""

    def __init__(self, report: importing.Report) -> None:
        super().__init__("import rejected")
        self.report = report


def _insert_columns() -> list[Any]:
    return [f for f in Person._meta.concrete_fields if not f.primary_key]


class _Records:
    """Turns import values into full ``people_person`` rows for the database's bulk path.

    Each row holds ``Person`` values by attribute name (``residence_unit_id``, …); the other
    columns get their model defaults, plus a new ``public_id``, ``name_search`` and the times.
    """

    def __init__(self, *, registration_unit_id: int) -> None:
        fields = _insert_columns()
        now = timezone.now()
        self.sqlite = connection.vendor == "sqlite"
        defaults: dict[str, Any] = {}
        for f in fields:
            if f.has_default() and not callable(f.default):
                defaults[f.attname] = f.default
            elif f.null:
                defaults[f.attname] = None
            elif not f.has_default():
                defaults[f.attname] = "" if f.get_internal_type() == "CharField" else None
        defaults["created_at"] = defaults["updated_at"] = now
        if self.sqlite:
            stamp = connection.ops.adapt_datetimefield_value(now)
            defaults["created_at"] = defaults["updated_at"] = stamp
        attnames = [f.attname for f in fields]
        self.fields = fields
        self.position = {name: i for i, name in enumerate(attnames)}
        self.template = [defaults.get(name) for name in attnames]
        self.template[self.position["registration_unit_id"]] = registration_unit_id
        self.at_public_id = self.position["public_id"]
        self.at_name = self.position["name_search"]
        # SQLite takes dates as ISO text (no default adapter).
        self.dates = [
            self.position[f.attname] for f in fields if f.get_internal_type() == "DateField"
        ]
        table = connection.ops.quote_name(Person._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        # Binary: typed values, no text for the server to parse (bench/import_people.py
        # measures both formats; docs/performance.md).
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)"
        marks = ", ".join(["?"] * len(fields))
        self.insert_sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"

    def copy_types(self) -> list[str]:
        """The PostgreSQL type of each column, for binary ``COPY``."""
        return [f.db_type(connection).split("(")[0] for f in self.fields]

    def record(self, values: dict[str, Any], name_search: str = "") -> list[Any]:
        out = self.template.copy()
        position = self.position
        for name, value in values.items():
            out[position[name]] = value
        out[self.at_name] = name_search or importing.fold_name(values["full_name"])
        if self.sqlite:
            out[self.at_public_id] = _uuid4_hex()
            for i in self.dates:
                day = out[i]
                if day is not None:
                    out[i] = day.isoformat()
        else:
            out[self.at_public_id] = uuid.uuid4()
        return out


_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def _uuid4_hex() -> str:
    """``uuid.uuid4().hex`` (random, version 4, RFC 4122 variant) without building a UUID."""
    number = int.from_bytes(os.urandom(16)) & _UUID4_CLEAR | _UUID4_SET
    return f"{number:032x}"


@contextlib.contextmanager
def _people_copy(records: _Records) -> Iterator[Any]:
    """PostgreSQL: one ``COPY`` into ``people_person``; yields ``write(values, name_search)``.

    The server ingests the rows as they arrive, so the caller can check row N while it loads
    the earlier ones. An exception inside the block aborts the ``COPY`` (nothing of it is
    kept); errors of the server (a unique ID number held elsewhere …) surface as Django's
    ``IntegrityError`` … when the block ends, and the caller's transaction must roll back.
    """
    with (
        connection.wrap_database_errors,
        connection.cursor() as cursor,
        cursor.cursor.copy(records.copy_sql) as copy,
    ):
        copy.set_types(records.copy_types())
        write_row, record = copy.write_row, records.record

        def write(values: dict[str, Any], name_search: str = "") -> None:
            write_row(record(values, name_search))

        yield write


def insert_people(
    rows: Sequence[dict[str, Any]],
    *,
    registration_unit_id: int,
    names: Sequence[str] | None = None,
) -> int:
    """Insert new people with the database's own bulk path; the one raw write of the registry.

    Each row holds ``Person`` values by attribute name (``residence_unit_id``, …); the other
    columns get their model defaults, plus a new ``public_id``, ``name_search`` and the times.
    PostgreSQL loads them with ``COPY``; SQLite with ``executemany`` (one row per statement, so
    the 999-variable limit of a multi-row ``INSERT`` does not apply). Must run inside the
    caller's transaction; database errors surface as Django's (``IntegrityError`` …).
    ``names`` are the rows' folded names when the caller has them (else folded here).
    """
    if not rows:
        return 0
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("insert_people must run inside the import's transaction")
    records = _Records(registration_unit_id=registration_unit_id)
    folded = names if names is not None else [""] * len(rows)
    if not records.sqlite:
        with _people_copy(records) as write:
            for row, name in zip(rows, folded, strict=True):
                write(row, name)
        return len(rows)
    record = records.record
    with connection.wrap_database_errors, connection.cursor() as cursor:
        raw = cursor.cursor  # the driver's cursor: no per-row wrapping
        for start in range(0, len(rows), _INSERT_BATCH):
            chunk = zip(
                rows[start : start + _INSERT_BATCH],
                folded[start : start + _INSERT_BATCH],
                strict=True,
            )
            raw.executemany(records.insert_sql, [record(row, name) for row, name in chunk])
    return len(rows)


def _update_people(rows: Iterable[importing.RowResult]) -> int:
    people: list[Person] = []
    fields: set[str] = set()
    now = timezone.now()
    for row in rows:
        person = Person(pk=row.pk)
        for key, value in row.values.items():
            setattr(person, key, value)
        if "full_name" in row.values:
            person.name_search = fold(row.values["full_name"])
        person.updated_at = now
        people.append(person)
        fields.update("residence_unit" if k == "residence_unit_id" else k for k in row.changes)
    if not people:
        return 0
    if "full_name" in fields:
        fields.add("name_search")
    fields.add("updated_at")
    Person.objects.bulk_update(people, sorted(fields), batch_size=_UPDATE_BATCH)
    return len(people)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Outcome:
    batch: ImportBatch
    report: importing.Report


def import_people(
    *,
    actor: User,
    unit: Unit,
    data: bytes,
    file_name: str,
    mapping: Sequence[str] | None = None,
    skip_lines: frozenset[int] = frozenset(),
    batch: ImportBatch | None = None,
    dry_run: bool = False,
) -> Outcome:
    """Check ``data`` and write it all, or raise ``ImportRejected`` and write nothing.

    ``skip_lines`` are rows the user chose not to import (likely duplicates: "skip the new
    row"). ``batch`` is the pending upload being confirmed (None: a new record, as the command
    does). ``dry_run`` checks and counts but writes nothing (the returned batch is unsaved).

    On PostgreSQL the rows are checked and streamed into one ``COPY`` together (see
    :func:`_import_streamed`); when that meets a bad row, or an ID number the unique index
    finds elsewhere, everything it wrote is rolled back and the whole file is checked again
    to report every bad row. SQLite (and a dry run) checks the whole file, then writes.
    """
    check_import_unit(actor=actor, unit=unit)
    if connection.vendor == "postgresql" and not dry_run:
        streamed = _import_streamed(
            actor=actor,
            unit=unit,
            data=data,
            file_name=file_name,
            mapping=mapping,
            skip_lines=skip_lines,
            batch=batch,
        )
        if streamed is not None:
            return streamed
    checked = import_check(unit=unit, data=data, file_name=file_name, mapping=mapping)
    report = checked.report
    if not report.ok:
        raise ImportRejected(report)
    creates = [r for r in report.rows if r.action == "create" and r.line not in skip_lines]
    updates = [r for r in report.rows if r.action == "update"]
    batch = _fill_batch(
        batch, actor=actor, unit=unit, data=data, file_name=file_name, report=report,
        creates=creates, updates=updates,
    )  # fmt: skip
    if dry_run:
        return Outcome(batch=batch, report=report)
    with transaction.atomic():
        insert_people(
            [r.values for r in creates],
            registration_unit_id=unit.pk,
            names=[r.name_search for r in creates],
        )
        _apply(actor=actor, unit=unit, batch=batch, updates=updates)
    return Outcome(batch=batch, report=report)


class _StreamStopped(Exception):
    """The streamed import met a bad row or a database refusal: rolled back, check again."""


def _import_streamed(
    *,
    actor: User,
    unit: Unit,
    data: bytes,
    file_name: str,
    mapping: Sequence[str] | None,
    skip_lines: frozenset[int],
    batch: ImportBatch | None,
) -> Outcome | None:
    """PostgreSQL: check the rows and ``COPY`` each new person as soon as it is checked, in
    one transaction, so the server loads row N while the client checks row N + 1 (two cores
    work at once instead of one after the other).

    Returns None, having written nothing, when the file cannot be read, its mapping is wrong,
    a row is bad, or the database refuses a row (an ID number held by a citizen of another
    commune is left to the unique index instead of being looked up first): the caller then
    checks the whole file for the complete report.
    """
    try:
        table = importing.read_table(data, file_name)
    except importing.TableError:
        return None
    if mapping is None:
        mapping = importing.suggest_mapping(table.headers)
    context, _names = load_context(unit=unit, numbers=None)
    report, rows = importing.check_rows(table, mapping, context)
    if report.file_errors:
        return None
    creates: list[importing.RowResult] = []
    updates: list[importing.RowResult] = []
    try:
        with transaction.atomic():
            try:
                with _people_copy(_Records(registration_unit_id=unit.pk)) as write:
                    for _offset, row in rows:
                        action = row.action
                        if action == "create":
                            if row.line not in skip_lines:
                                write(row.values, row.name_search)
                                creates.append(row)
                        elif action == "update":
                            updates.append(row)
                        elif action == "error":
                            raise _StreamStopped
            except IntegrityError as exc:
                raise _StreamStopped from exc
            batch = _fill_batch(
                batch, actor=actor, unit=unit, data=data, file_name=file_name, report=report,
                creates=creates, updates=updates,
            )  # fmt: skip
            _apply(actor=actor, unit=unit, batch=batch, updates=updates)
    except _StreamStopped:
        return None
    return Outcome(batch=batch, report=report)


def _fill_batch(
    batch: ImportBatch | None,
    *,
    actor: User,
    unit: Unit,
    data: bytes,
    file_name: str,
    report: importing.Report,
    creates: list[importing.RowResult],
    updates: list[importing.RowResult],
) -> ImportBatch:
    if batch is None:
        batch = ImportBatch(unit=unit, created_by=actor, file_name=file_name[:255])
    batch.sha256 = sha256(data)
    batch.mapping = list(report.mapping)
    batch.row_count = len(report.rows)
    batch.created_count = len(creates)
    batch.updated_count = len(updates)
    batch.unchanged_count = report.count("unchanged")
    batch.skipped_count = report.count("create") - len(creates)
    batch.changes = [
        {
            "line": r.line,
            "national_id": r.values["national_id"],
            "changes": {k: [_jsonable(a), _jsonable(b)] for k, (a, b) in r.changes.items()},
        }
        for r in updates
    ]
    return batch


def _apply(
    *, actor: User, unit: Unit, batch: ImportBatch, updates: list[importing.RowResult]
) -> None:
    """After the new people: the updates, the applied batch and the audit event."""
    _update_people(updates)
    batch.status = ImportStatus.APPLIED
    batch.applied_at = timezone.now()
    batch.content = b""
    batch.save()
    record_event(
        actor=actor,
        action="people.import",
        obj=batch,
        scope_unit=unit,
        changes={
            "file_name": batch.file_name,
            "sha256": batch.sha256,
            "rows": batch.row_count,
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
            "skipped": batch.skipped_count,
        },
        reason=_("Import of %(file)s") % {"file": batch.file_name},
    )


@transaction.atomic
def import_upload(*, actor: User, unit: Unit, data: bytes, file_name: str) -> ImportBatch:
    """Keep an uploaded file as a pending batch (nothing is imported before confirmation).

    Raises ``ValidationError`` when the unit is not allowed or the file is not a table.
    """
    check_import_unit(actor=actor, unit=unit)
    try:
        table = importing.read_table(data, file_name)
    except importing.TableError as exc:
        raise ValidationError(table_error_message(exc.code)) from exc
    batch = ImportBatch.objects.create(
        unit=unit,
        created_by=actor,
        file_name=file_name[:255],
        sha256=sha256(data),
        content=data,
        mapping=importing.suggest_mapping(table.headers),
        row_count=len(table.rows),
    )
    record_event(
        actor=actor,
        action="people.import_upload",
        obj=batch,
        scope_unit=unit,
        changes={"file_name": batch.file_name, "sha256": batch.sha256},
    )
    return batch


@transaction.atomic
def import_set_mapping(*, actor: User, batch: ImportBatch, mapping: list[str]) -> ImportBatch:
    """Record the column mapping the user chose for a pending batch."""
    check_import_unit(actor=actor, unit=batch.unit)
    if batch.status != ImportStatus.PENDING:
        raise ValidationError(_("This file has already been imported or discarded."))
    batch.mapping = mapping
    batch.save(update_fields=["mapping"])
    return batch


@transaction.atomic
def import_discard(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Drop a pending upload: its file is deleted, nothing was imported."""
    check_import_unit(actor=actor, unit=batch.unit)
    if batch.status != ImportStatus.PENDING:
        raise ValidationError(_("This file has already been imported or discarded."))
    batch.status = ImportStatus.DISCARDED
    batch.content = b""
    batch.save(update_fields=["status", "content"])
    record_event(
        actor=actor,
        action="people.import_discard",
        obj=batch,
        scope_unit=batch.unit,
        changes={"file_name": batch.file_name, "sha256": batch.sha256},
    )
    return batch
