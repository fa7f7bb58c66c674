"""Import of a commune's spreadsheet: checking every row, all-or-nothing writes, re-imports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection

from muster.accounts.services import system_actor
from muster.audit.models import AuditEvent
from muster.people import national_id
from muster.people.imports import files
from muster.people.imports.messages import error_message
from muster.people.imports.services import ImportRejected, import_check, import_people
from muster.people.imports.writes import insert_people
from muster.people.models import ImportBatch, ImportStatus, Person
from tests.core.factories import make_person, make_village

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Thôn", "Trình độ văn hóa"]


def cccd(serial: int, *, male: bool = True, year: int = 2006) -> str:
    return national_id.make(province_code="033", male=male, birth_year=year, serial=serial)


def row(n: int, **over: str) -> list[str]:
    values = {
        "name": f"Nguyễn Văn An {n}",
        "dob": "14/03/2006",
        "sex": "Nam",
        "id": cccd(900000 + n),
        "village": "Thôn Đức Trung",
        "grade": "12/12",
    }
    values.update(over)
    return [str(n), values["name"], values["dob"], values["sex"], values["id"], values["village"],
            values["grade"]]  # fmt: skip


def as_csv(rows: list[list[str]], headers: list[str] = HEADERS) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.fixture
def commune(units):
    unit = units["DHOP"]
    for code, name in (("DHOP-T1", "Đức Trung"), ("DHOP-T2", "Đức Nhuận")):
        make_village(unit, code, name, valid_from=dt.date(1997, 1, 1))
    return unit


def counts() -> tuple[int, int, int]:
    return (
        Person.objects.count(),
        AuditEvent.objects.filter(action="people.import").count(),
        ImportBatch.objects.count(),
    )


def test_headers_are_suggested_without_diacritics_and_case():
    headers = ["stt", "HO VA TEN", "Ngày sinh (dd/mm/yyyy)", "gioi tinh", "CCCD", "Thôn/Tổ dân phố",
               "Trình độ văn hoá", "Ghi chú"]  # fmt: skip
    assert files.suggest_mapping(headers) == [
        "", "full_name", "date_of_birth", "sex", "national_id", "village", "school_grade", "",
    ]  # fmt: skip


def test_good_file_is_imported_in_one_batch_with_one_audit_event(commune):
    data = as_csv([row(1), row(2, sex="Nữ", id=cccd(2, male=False), village="duc nhuan")])
    outcome = import_people(actor=system_actor(), unit=commune, data=data, file_name="ds.csv")
    assert (outcome.batch.created_count, outcome.batch.updated_count) == (2, 0)
    assert counts() == (2, 1, 1)
    woman = Person.objects.get(national_id=cccd(2, male=False))
    assert woman.sex == "F"
    assert woman.residence_unit.name == "Đức Nhuận"
    assert woman.school_grade == 12
    assert woman.name_search == "nguyen van an 2"
    assert woman.registration_unit == commune
    event = AuditEvent.objects.get(action="people.import")
    assert event.changes["sha256"] == outcome.batch.sha256
    assert event.changes["created"] == 2
    assert event.changes["file_name"] == "ds.csv"


def test_every_error_of_every_row_is_listed_and_nothing_is_written(commune):
    data = as_csv(
        [
            row(1),
            row(2, dob="31/02/2006", sex="X", village="Thôn Không Có", grade="13/12"),
            row(3, dob="01/01/2099"),
            row(4, id="033206"),
            row(5, id=cccd(900001)),  # the ID of row 1 again
            row(6, id=cccd(6, male=False)),  # 4th digit says female, sex says Nam
            row(7, name=""),
        ]
    )
    with pytest.raises(ImportRejected) as caught:
        import_people(actor=system_actor(), unit=commune, data=data, file_name="bad.csv")
    report = caught.value.report
    codes = {r.line: [e.code for e in r.errors] for r in report.bad_rows}
    assert codes == {
        3: ["date_format", "sex", "village", "school_grade"],
        4: ["date_future"],
        5: ["id_length"],
        6: ["id_twice"],
        7: ["id_sex_century"],
        8: ["required"],
    }
    assert "31/02/2006" in error_message(report.bad_rows[0].errors[0])
    assert counts() == (0, 0, 0)


def test_missing_required_column_is_a_file_error(commune):
    data = as_csv([r[:4] + r[5:] for r in [row(1)]], [h for h in HEADERS if h != "Số CCCD"])
    with pytest.raises(ImportRejected) as caught:
        import_people(actor=system_actor(), unit=commune, data=data, file_name="x.csv")
    assert [(e.code, e.column) for e in caught.value.report.file_errors] == [
        ("column_missing", "national_id")
    ]


def test_reimport_changes_nothing_and_update_reports_fields(commune):
    data = as_csv([row(1), row(2)])
    import_people(actor=system_actor(), unit=commune, data=data, file_name="ds.csv")
    again = import_people(actor=system_actor(), unit=commune, data=data, file_name="ds.csv").batch
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)
    before = Person.objects.get(national_id=cccd(900002)).updated_at
    changed = as_csv([row(1), row(2, name="Nguyễn Văn Bình", village="Đức Nhuận", grade="9/12")])
    batch = import_people(
        actor=system_actor(), unit=commune, data=changed, file_name="ds2.csv"
    ).batch
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 1, 1)
    entry = batch.changes[0]
    assert entry["national_id"] == cccd(900002)
    assert entry["changes"]["full_name"] == ["Nguyễn Văn An 2", "Nguyễn Văn Bình"]
    assert entry["changes"]["school_grade"] == [12, 9]
    assert set(entry["changes"]) == {"full_name", "school_grade", "residence_unit_id"}
    person = Person.objects.get(national_id=cccd(900002))
    assert (person.full_name, person.name_search, person.school_grade) == (
        "Nguyễn Văn Bình", "nguyen van binh", 9,
    )  # fmt: skip
    assert person.residence_unit.name == "Đức Nhuận"
    assert person.updated_at > before
    assert Person.objects.get(national_id=cccd(900001)).full_name == "Nguyễn Văn An 1"


def test_likely_duplicates_are_listed_and_can_be_skipped(commune):
    known = make_person(commune, full_name="Trần Văn Hải", date_of_birth=dt.date(2006, 3, 14))
    data = as_csv([row(1, name="TRAN VAN HAI"), row(2, name="Lê Minh"), row(3, name="le minh")])
    checked = import_check(unit=commune, data=data, file_name="d.csv", mapping=None)
    dups = [(d.line, d.other_national_id, d.other_line) for d in checked.report.duplicates]
    assert dups == [(2, known.national_id, None), (4, cccd(900002), 3)]
    batch = import_people(
        actor=system_actor(), unit=commune, data=data, file_name="d.csv", skip_lines=frozenset({2})
    ).batch
    assert (batch.created_count, batch.skipped_count) == (2, 1)
    assert not Person.objects.filter(national_id=cccd(900001)).exists()


def test_id_registered_in_another_commune_is_refused(commune, units):
    other = make_person(units["DT"])
    data = as_csv([row(1, id=other.national_id, dob="14/03/2005")])
    with pytest.raises(ImportRejected) as caught:
        import_people(actor=system_actor(), unit=commune, data=data, file_name="x.csv")
    assert [e.code for e in caught.value.report.bad_rows[0].errors] == ["id_elsewhere"]


def _abort_insert_of(number: str) -> None:
    """A real database failure on one row, installed as a trigger (no mock of our code)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "CREATE TRIGGER import_boom BEFORE INSERT ON people_person "
                f"WHEN NEW.national_id = '{number}' BEGIN SELECT RAISE(ABORT, 'boom'); END"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION import_boom() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.national_id = '{number}' THEN RAISE unique_violation; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER import_boom BEFORE INSERT ON people_person "
                "FOR EACH ROW EXECUTE FUNCTION import_boom()"
            )


def test_failure_mid_way_leaves_nothing(commune):
    rows = [row(n) for n in range(1, 51)]
    _abort_insert_of(cccd(900030))
    with pytest.raises(IntegrityError):
        import_people(actor=system_actor(), unit=commune, data=as_csv(rows), file_name="ds.csv")
    assert counts() == (0, 0, 0)


def test_insert_people_fills_defaults(commune):
    values = {"full_name": "Đỗ Thị Hoa", "sex": "F", "date_of_birth": dt.date(2007, 1, 2),
              "national_id": cccd(5, male=False, year=2007)}  # fmt: skip
    from django.db import transaction

    with transaction.atomic():
        assert insert_people([values], registration_unit_id=commune.pk) == 1
    person = Person.objects.get()
    # no grade given: left empty, not "grade 0" (issue 16)
    assert (person.ethnicity, person.marital_status, person.school_grade) == ("01", "single", None)
    assert person.date_of_birth == dt.date(2007, 1, 2)
    assert person.name_search == "do thi hoa"
    assert person.public_id is not None and person.created_at is not None
    assert Person.objects.filter(public_id=person.public_id).exists()


def test_command_exit_codes(commune, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(as_csv([row(1), row(2)]))
    call_command("import_people", str(good), "--unit", commune.code, "--dry-run")
    assert Person.objects.count() == 0
    assert "DRY RUN" in capsys.readouterr().out
    call_command("import_people", str(good), "--unit", commune.code)
    assert Person.objects.count() == 2
    call_command("import_people", str(good), "--unit", commune.code)
    assert "0 created, 0 updated, 2 unchanged" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(as_csv([row(3), row(4, dob="32/13/2006")]))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_people", str(bad), "--unit", commune.code)
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "3:" in err and "32/13/2006" in err
    assert Person.objects.count() == 2
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as missing:
        call_command("import_people", str(tmp_path / "none.csv"), "--unit", commune.code)
    assert missing.value.returncode == 2
    assert ImportBatch.objects.first().status == ImportStatus.APPLIED


def test_invisible_characters_in_an_imported_name_are_refused(commune):
    data = as_csv([row(1, name="Nguyễn\u200b Văn An"), row(2, name="Nguyễn Văn\u202e nA")])
    with pytest.raises(ImportRejected) as caught:
        import_people(actor=system_actor(), unit=commune, data=data, file_name="bad.csv")
    report = caught.value.report
    assert {r.line: [e.code for e in r.errors] for r in report.bad_rows} == {
        2: ["hidden_characters"],
        3: ["hidden_characters"],
    }
    assert "U+200B" in error_message(report.bad_rows[0].errors[0])
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_or_tab_csv_with_a_title_line_above_the_header(separator, commune):
    """The separator is guessed from the table, not from the title line (issue 15, item 16)."""
    lines = ["DANH SÁCH CÔNG DÂN, XÃ ĐỨC HỢP", "", separator.join(HEADERS)]
    lines += [separator.join(row(n)) for n in (1, 2)]
    data = "\r\n".join(lines).encode("utf-8")
    outcome = import_people(actor=system_actor(), unit=commune, data=data, file_name="ds.csv")
    assert outcome.batch.created_count == 2


def test_command_exits_2_when_required_columns_are_missing(commune, tmp_path, capsys):
    """A file without the required columns cannot be used: 2, as documented (not 1)."""
    path = tmp_path / "x.csv"
    path.write_bytes(
        as_csv([r[:4] + r[5:] for r in [row(1)]], [h for h in HEADERS if h != "Số CCCD"])
    )
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_people", str(path), "--unit", commune.code)
    assert exit_info.value.code == 2
    assert "Số CCCD" in capsys.readouterr().err
    assert counts() == (0, 0, 0)


@pytest.mark.parametrize("province", ["001", "008", "033"])
def test_id_number_typed_into_a_number_cell_gets_its_leading_zeros_back(province, commune):
    """Hà Nội is 001: as a number the ID loses two zeros (10 digits), not only one."""
    number = national_id.make(province_code=province, male=True, birth_year=2006, serial=1)
    assert files.id_text(int(number)) == number
    assert files.id_text(float(int(number))) == number
    assert files.id_text(number) == number
