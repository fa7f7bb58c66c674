"""The registry's bulk write path for an import: new people by the database's own bulk load.

PostgreSQL takes the new rows by ``COPY`` (binary), SQLite by ``executemany``; changed people go
by ``bulk_update``. These functions write inside the import's transaction and record nothing:
``imports.services`` checks, calls them and writes the batch and its audit event.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.utils import timezone

from muster.core.text import fold
from muster.people.imports import checks, columns
from muster.people.models import Person

if TYPE_CHECKING:
    pass

_UPDATE_BATCH = 1000
_INSERT_BATCH = 5000


def insert_columns() -> list[Any]:
    return [f for f in Person._meta.concrete_fields if not f.primary_key]


class PersonRecords:
    """Turns import values into full ``people_person`` rows for the database's bulk path.

    Each row holds ``Person`` values by attribute name (``residence_unit_id``, …); the other
    columns get their model defaults, plus a new ``public_id``, ``name_search`` and the times.
    """

    def __init__(self, *, registration_unit_id: int) -> None:
        fields = insert_columns()
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
        out[self.at_name] = name_search or columns.fold_name(values["full_name"])
        if self.sqlite:
            out[self.at_public_id] = uuid4_hex()
            for i in self.dates:
                day = out[i]
                if day is not None:
                    out[i] = day.isoformat()
        else:
            out[self.at_public_id] = uuid.uuid4()
        return out


_UUID4_CLEAR = ~((0xF000 << 64) | (0xC000 << 48))
_UUID4_SET = (0x4000 << 64) | (0x8000 << 48)


def uuid4_hex() -> str:
    """``uuid.uuid4().hex`` (random, version 4, RFC 4122 variant) without building a UUID."""
    number = int.from_bytes(os.urandom(16)) & _UUID4_CLEAR | _UUID4_SET
    return f"{number:032x}"


@contextlib.contextmanager
def people_copy(records: PersonRecords) -> Iterator[Any]:
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
    records = PersonRecords(registration_unit_id=registration_unit_id)
    folded = names if names is not None else [""] * len(rows)
    if not records.sqlite:
        with people_copy(records) as write:
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


def update_people(rows: Iterable[checks.RowResult]) -> int:
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
