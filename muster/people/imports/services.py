"""Import of a commune's spreadsheet into the registry (nhập danh sách công dân).

``import_check`` reads a file and checks every row against what the commune already holds; it
writes nothing. ``import_people`` checks again and, only if every row is good, writes the whole
file in one transaction (new people by one bulk insert, changed people by ``bulk_update``), the
``ImportBatch`` record and one audit event with the counts, the file name and its SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
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
from muster.geo.models import COMMUNE_LEVEL_KINDS, VILLAGE_LEVEL_KINDS, Unit
from muster.people.imports import checks, columns, files
from muster.people.imports.messages import table_error_message
from muster.people.imports.writes import PersonRecords, insert_people, people_copy, update_people
from muster.people.models import ImportBatch, ImportStatus, Person

if TYPE_CHECKING:
    from muster.accounts.models import User


#: ``Person`` columns compared and written by an import (``village`` is ``residence_unit_id``).
_LOOKUP_CHUNK = 900  # under SQLite's historical 999-parameter limit


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Loading what a check needs -------------------------------------------------------------


def check_import_unit(*, actor: User, unit: Unit) -> None:
    """The target must be a commune-level unit inside the actor's area (the system actor's
    area is the whole system)."""
    if unit.kind not in COMMUNE_LEVEL_KINDS:
        raise ValidationError(_("The registration unit must be a commune, ward or town."))
    require_actor_area(actor, unit, _("This commune is outside your area."))


def load_context(*, unit: Unit, numbers: set[str] | None) -> tuple[checks.Context, dict[int, str]]:
    """Pre-load the commune's villages and people in one query each, and who else holds
    the file's ID numbers (``numbers``; None: not looked up, the streamed import leaves them
    to the unique index). Returns the context and village names."""
    villages: dict[str, int | None] = {}
    names: dict[int, str] = {}
    for pk, name in Unit.objects.filter(parent=unit, kind__in=VILLAGE_LEVEL_KINDS).values_list(
        "pk", "name"
    ):
        key = columns.village_key(name)
        villages[key] = None if key in villages else pk
        names[pk] = name
    existing: dict[str, checks.Existing] = {}
    by_name_dob: dict[tuple[str, dt.date], list[str]] = {}
    keys = columns.PERSON_KEYS
    rows = Person.objects.filter(registration_unit=unit).values_list("pk", "name_search", *keys)
    for pk, name_search, *values in rows:
        record = dict(zip(keys, values, strict=True))
        existing[record["national_id"]] = checks.Existing(pk=pk, values=record)
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
        for chunk in _chunked(unknown, _LOOKUP_CHUNK):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT national_id FROM {table} WHERE national_id IN ({marks})", list(chunk)
            )
            elsewhere.update(number for (number,) in cursor.fetchall())
    context = checks.Context(
        today=today(),
        villages=villages,
        existing=existing,
        elsewhere=frozenset(elsewhere),
        by_name_dob=by_name_dob,
    )
    return context, names


@dataclass
class Checked:
    table: files.Table
    report: checks.Report
    village_names: dict[int, str]


def import_check(
    *, unit: Unit, data: bytes, file_name: str, mapping: Sequence[str] | None
) -> Checked:
    """Read and check the whole file; writes nothing. ``mapping`` None takes the suggestion.

    Raises ``files.TableError`` when the file is not a table.
    """
    table = files.read_table(data, file_name)
    if mapping is None:
        mapping = files.suggest_mapping(table.headers)
    context, names = load_context(unit=unit, numbers=checks.national_ids(table, mapping))
    report = checks.validate(table, mapping, context)
    return Checked(table=table, report=report, village_names=names)


def import_check_steps(
    *, unit: Unit, data: bytes, file_name: str, mapping: Sequence[str]
) -> Iterator[tuple[int, int] | Checked]:
    """:func:`import_check` in steps: ``(rows done, rows in the file)`` every 2% of the file
    (at least 1,000 rows), then the ``Checked`` outcome. Writes nothing."""
    table = files.read_table(data, file_name)
    context, names = load_context(unit=unit, numbers=checks.national_ids(table, mapping))
    total = len(table.rows)
    yield (0, total)
    every = max(1000, total // 50)
    for step in checks.validate_steps(table, mapping, context, every=every):
        if isinstance(step, checks.Report):
            yield Checked(table=table, report=step, village_names=names)
        else:
            yield (step, total)


# --- Writing --------------------------------------------------------------------------------


class ImportRejected(Exception):
    """The file has bad rows (or a bad mapping): nothing was written."""

    def __init__(self, report: checks.Report) -> None:
        super().__init__("import rejected")
        self.report = report


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


@dataclass
class Outcome:
    batch: ImportBatch
    report: checks.Report


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
        table = files.read_table(data, file_name)
    except files.TableError:
        return None
    if mapping is None:
        mapping = files.suggest_mapping(table.headers)
    context, _names = load_context(unit=unit, numbers=None)
    report, rows = checks.check_rows(table, mapping, context)
    if report.file_errors:
        return None
    creates: list[checks.RowResult] = []
    updates: list[checks.RowResult] = []
    try:
        with transaction.atomic():
            try:
                with people_copy(PersonRecords(registration_unit_id=unit.pk)) as write:
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
    report: checks.Report,
    creates: list[checks.RowResult],
    updates: list[checks.RowResult],
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


def _apply(*, actor: User, unit: Unit, batch: ImportBatch, updates: list[checks.RowResult]) -> None:
    """After the new people: the updates, the applied batch and the audit event."""
    update_people(updates)
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
        table = files.read_table(data, file_name)
    except files.TableError as exc:
        raise ValidationError(table_error_message(exc.code)) from exc
    batch = ImportBatch.objects.create(
        unit=unit,
        created_by=actor,
        file_name=file_name[:255],
        sha256=sha256(data),
        content=data,
        mapping=files.suggest_mapping(table.headers),
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


def _chunked(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
