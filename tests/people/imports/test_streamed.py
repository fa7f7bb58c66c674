"""The import that checks and writes together (PostgreSQL: rows stream into one COPY while the
next ones are checked) still reports every bad row and writes all or nothing, on both
databases; and the pieces it is built from (the per-file row checker, the UUID maker)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from muster.accounts.services import system_actor
from muster.people.imports import checks
from muster.people.imports.services import ImportRejected, import_people
from muster.people.imports.writes import uuid4_hex
from muster.people.models import Person
from tests.core.factories import make_person
from tests.people.imports.test_import import as_csv, cccd, commune, counts, row

__all__ = ["commune"]  # the fixture, imported for these tests

pytestmark = pytest.mark.django_db


def test_bad_rows_far_apart_are_all_reported_and_nothing_is_kept(commune):
    """The stream stops at the first bad row (line 1,502); the report still lists the later
    one (line 2,902), and the 1,500 good rows already sent are not kept."""
    rows = [row(n) for n in range(1, 3001)]
    rows[1500] = row(1501, dob="31/02/2006")
    rows[2900] = row(2901, sex="X")
    with pytest.raises(ImportRejected) as caught:
        import_people(actor=system_actor(), unit=commune, data=as_csv(rows), file_name="big.csv")
    report = caught.value.report
    assert {r.line: [e.code for e in r.errors] for r in report.bad_rows} == {
        1502: ["date_format"],
        2902: ["sex"],
    }
    assert len(report.rows) == 3000
    assert counts() == (0, 0, 0)
    # The connection is usable and a corrected file goes in whole.
    rows[1500], rows[2900] = row(1501), row(2901)
    batch = import_people(
        actor=system_actor(), unit=commune, data=as_csv(rows), file_name="ok.csv"
    ).batch
    assert batch.created_count == 3000
    assert counts() == (3000, 1, 1)


def test_id_held_elsewhere_late_in_the_file_is_reported_with_the_other_bad_rows(commune, units):
    """The streamed import leaves an ID held in another commune to the unique index; the
    refusal rolls back what was sent and the full check reports it (and every other bad row)."""
    other = make_person(units["DT"])
    rows = [row(n) for n in range(1, 1201)]
    rows[1000] = row(1001, id=other.national_id, dob=other.date_of_birth.strftime("%d/%m/%Y"))
    rows[1100] = row(1101, grade="13/12")
    with pytest.raises(ImportRejected) as caught:
        import_people(actor=system_actor(), unit=commune, data=as_csv(rows), file_name="x.csv")
    codes = {r.line: [e.code for e in r.errors] for r in caught.value.report.bad_rows}
    assert codes == {1002: ["id_elsewhere"], 1102: ["school_grade"]}
    assert Person.objects.filter(registration_unit=commune).count() == 0
    assert counts()[1:] == (0, 0)


def test_mixed_file_creates_updates_and_skips_in_one_go(commune):
    import_people(
        actor=system_actor(), unit=commune, data=as_csv([row(1), row(2)]), file_name="a.csv"
    )
    data = as_csv([row(1), row(2, name="Nguyễn Văn Bình"), row(3), row(4, name="Nguyễn Văn An 3")])
    outcome = import_people(
        actor=system_actor(), unit=commune, data=data, file_name="b.csv", skip_lines=frozenset({5})
    )
    batch = outcome.batch
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 1, 1)
    assert batch.skipped_count == 1
    assert [r.action for r in outcome.report.rows] == ["unchanged", "update", "create", "create"]
    assert Person.objects.get(national_id=cccd(900002)).name_search == "nguyen van binh"
    assert Person.objects.get(national_id=cccd(900003)).name_search == "nguyen van an 3"
    assert not Person.objects.filter(national_id=cccd(900004)).exists()


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_streams_without_looking_up_ids_first(commune):
    """On PostgreSQL a good file is written by the streamed path: no pre-query of who holds
    its ID numbers (the unique index answers that)."""
    with CaptureQueriesContext(connection) as ctx:
        import_people(
            actor=system_actor(), unit=commune, data=as_csv([row(1), row(2)]), file_name="a.csv"
        )
    assert Person.objects.count() == 2
    assert not [q for q in ctx.captured_queries if "national_id = ANY" in q["sql"]]


def test_row_checker_reads_short_rows_as_blank_cells(commune):
    mapping = ["", "full_name", "date_of_birth", "sex", "national_id", "village"]
    ctx = checks.Context(today=dt.date(2026, 1, 1), villages={}, existing={})
    checker = checks.RowChecker(mapping, ctx)
    values, errors = checker.parse(["1", "Lê Văn Tám"])
    assert values == {"full_name": "Lê Văn Tám", "date_of_birth": None, "sex": None,
                      "national_id": "", "residence_unit_id": None}  # fmt: skip
    assert [(e.code, e.column) for e in errors] == [
        ("sex", "sex"),
        ("required", "date_of_birth"),
        ("required", "national_id"),
    ]
    assert checker.fold_name("Lê Văn Tám") == "le van tam"


def test_uuid4_hex_is_a_random_version_4_uuid():
    made = {uuid4_hex() for _ in range(2000)}
    assert len(made) == 2000
    for text in list(made)[:200]:
        value = uuid.UUID(text)
        assert (value.version, value.variant, value.hex) == (4, uuid.RFC_4122, text)
