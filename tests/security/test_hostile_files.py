"""Attack tests: hostile spreadsheets are refused with a clear message, in bounded memory.

Each file of ``hostile_files`` is read by the import's parser in a process of its own under
``RLIMIT_AS`` = 400 MB and ``RLIMIT_CPU`` = 30 s (``tests/security/probe.py``): a runaway
parser dies there (MemoryError, SIGXCPU) instead of taking the test run or the machine. The
test asserts what the process reports, not how long it took: a clean refusal with its code and
a peak resident memory under 200 MB. Then the same file goes through the upload page (400 and
the message, nothing stored) and ``manage.py import_people`` (exit status 2, nothing written).
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from muster.audit.models import AuditEvent
from muster.people.imports import files
from muster.people.imports.messages import table_error_message
from muster.people.models import ImportBatch, Person
from tests.people.imports.test_import import as_csv, commune, row  # noqa: F401 - fixture
from tests.security import hostile_files

ROOT = Path(__file__).resolve().parents[2]

#: The refusal each hostile file must get.
EXPECTED = {
    "dimension_bomb.xlsx": "dimension",
    "last_column.xlsx": "too_many_columns",
    "huge_shared_cell.xlsx": "cell_too_long",
    "huge_inline_cell.xlsx": "cell_too_long",
    "rows_200k.xlsx": "too_many_rows",
    "rows_200k_undeclared.xlsx": "too_many_rows",
    "inflating_member.xlsx": "unpacked",
    "entities.xlsx": "format",
    "nul.csv": "nul",
    "nul.xlsx": "format",
    "long_field.csv": "cell_too_long",
    "rows_200k.csv": "too_many_rows",
}
MAX_RSS_MB = 200


def test_every_hostile_file_has_an_expected_refusal():
    assert set(EXPECTED) == set(hostile_files.BUILDERS)


def test_openpyxl_parses_through_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


@pytest.fixture(scope="module")
def hostile_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    for name, build in hostile_files.BUILDERS.items():
        (folder / name).write_bytes(build())
    return folder


def probe(path: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.security.probe", str(path), "--as-mb", "400"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_parser_refuses_in_bounded_memory(name, hostile_dir):
    result = probe(hostile_dir / name)
    assert (result["outcome"], result.get("code")) == ("refused", EXPECTED[name]), result
    assert float(result["maxrss_mb"]) < MAX_RSS_MB, result  # type: ignore[arg-type]


def test_the_bounded_parser_still_reads_a_good_xlsx(hostile_dir, tmp_path):
    path = tmp_path / "good.xlsx"
    path.write_bytes(hostile_files.many_rows(5000))
    result = probe(path)
    assert (result["outcome"], result["rows"]) == ("read", 5000), result


def test_size_cap_comes_before_any_parsing():
    limits = dataclasses.replace(files.LIMITS, file_bytes=1000)
    with pytest.raises(files.TableError) as caught:
        files.read_table(b"PK" + b"\0" * 1000, "x.xlsx", limits=limits)
    assert caught.value.code == "too_big"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ds.xlsx", hostile_files.many_rows(2000, dimension=False)),
        ("ds.csv", as_csv([row(n) for n in range(2000)])),
    ],
)
def test_time_budget_stops_the_reading(name, data):
    """A budget of 0 s is spent at the first row: the refusal, not a timing, is asserted."""
    limits = dataclasses.replace(files.LIMITS, seconds=0)
    with pytest.raises(files.TableError) as caught:
        files.read_table(data, name, limits=limits)
    assert caught.value.code == "too_slow"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_upload_page_refuses_with_a_message_and_stores_nothing(
    name, hostile_dir, client, personas, units
):
    client.force_login(personas["commune_clerk"])
    upload = SimpleUploadedFile(name, (hostile_dir / name).read_bytes())
    response = client.post(
        reverse("people:import_start"), {"unit": str(units["DHOP"].public_id), "file": upload}
    )
    assert response.status_code == 400
    with translation.override("vi"):
        message = table_error_message(EXPECTED[name], files.LIMITS)
    assert escape(message) in response.content.decode()
    assert (ImportBatch.objects.count(), Person.objects.count()) == (0, 0)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_command_exits_2_and_writes_nothing(name, hostile_dir, units):
    with pytest.raises(CommandError) as caught:
        call_command("import_people", str(hostile_dir / name), "--unit", units["DHOP"].code)
    assert caught.value.returncode == 2
    assert (Person.objects.count(), AuditEvent.objects.filter(action="people.import").count()) == (
        0,
        0,
    )


def test_nul_inside_a_good_file_is_refused_before_the_database(client, personas, units):
    """PostgreSQL refuses NUL in text (a 500 once): the reader refuses it first."""
    data = as_csv([row(1, name="Nguyễn\x00Văn An")])
    with pytest.raises(files.TableError) as caught:
        files.read_table(data, "ds.csv")
    assert caught.value.code == "nul"
