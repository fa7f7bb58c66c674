"""The audit chain anchored outside the database (issue 15, item 4).

Whoever can write to the database could (before): drop the newest events and rewind the head,
or alter an event and recompute every later hash, and ``verify_audit`` passed; on PostgreSQL
TRUNCATE was not refused. Now the hashes are keyed with a secret outside the database
(``AUDIT_KEY_FILE``), signed checkpoints of the head are kept outside it
(``audit_checkpoint``, ``verify_audit --against``), the head only moves forward, and TRUNCATE
is refused. Each tampering below makes ``verify_audit`` fail.
"""

from __future__ import annotations

import json
import stat
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from muster.accounts.services import system_actor
from muster.audit import services
from muster.audit.chain import GENESIS_HASH, checkpoint_problem, event_hash, key_id
from muster.audit.keys import audit_key, check_audit_key
from muster.audit.models import AuditEvent, AuditHead
from muster.audit.selectors import _chain_rows
from muster.audit.services import record_event
from tests.concurrency import needs_postgres
from tests.core.factories import make_village


def head() -> tuple[int, str]:
    row = AuditHead.objects.get(pk=1)
    return row.last_seq, row.last_hash


def verify_output(*against: Path) -> str:
    out = StringIO()
    call_command("verify_audit", *[f"--against={p}" for p in against], stdout=out)
    return out.getvalue()


def verify_error(*against: Path) -> str:
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit", *[f"--against={p}" for p in against], stdout=StringIO())
    assert excinfo.value.returncode == 1
    return str(excinfo.value)


def checkpoint(folder: Path, name: str = "head.json") -> Path:
    path = folder / name
    call_command("audit_checkpoint", f"--output={path}", stdout=StringIO())
    return path


def raw(sql: str, params: list[object] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def write_key(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


# The keyed hash.


def test_events_are_hashed_with_the_audit_key(units):
    row = list(_chain_rows())[-1]
    assert row["hash"] == event_hash(row["prev_hash"], row, audit_key())
    assert row["hash"] != event_hash(row["prev_hash"], row)  # not plain SHA-256


def test_the_key_comes_from_the_file_and_another_key_fails_verification(units, settings, tmp_path):
    settings.AUDIT_KEY_FILE = write_key(tmp_path / "a.key", "a" * 64)
    make_village(units["DHOP"], "K1")
    event = AuditEvent.objects.order_by("-seq").first()
    row = list(_chain_rows())[-1]
    assert event.hash == event_hash(event.prev_hash, row, b"a" * 64)
    settings.AUDIT_KEY_FILE = write_key(tmp_path / "b.key", "b" * 64)
    assert "(altered) at event #1:" in verify_error()  # every event was keyed


def test_without_its_key_file_production_refuses_to_write_or_start(db, settings, tmp_path):
    settings.AUDIT_KEY_FILE = tmp_path / "missing.key"
    settings.AUDIT_KEY_AUTOCREATE = False
    with pytest.raises(ImproperlyConfigured, match="AUDIT_KEY_FILE"), transaction.atomic():
        actor = system_actor()
        record_event(actor=actor, action="test.event", obj=actor, scope_unit=None)
    assert [m.id for m in check_audit_key()] == ["audit.E001"]
    settings.AUDIT_KEY_FILE = write_key(tmp_path / "short.key", "too-short")
    assert [m.id for m in check_audit_key()] == ["audit.E001"]


def test_development_creates_a_private_key_file(settings, tmp_path):
    settings.AUDIT_KEY_FILE = tmp_path / "var" / "audit.key"
    settings.AUDIT_KEY_AUTOCREATE = True
    key = audit_key()
    assert len(key) == 64 and int(key, 16) >= 0
    assert stat.S_IMODE(settings.AUDIT_KEY_FILE.stat().st_mode) == 0o600
    assert check_audit_key() == []


def test_audit_key_command_creates_and_never_overwrites(tmp_path):
    path = tmp_path / "new.key"
    call_command("audit_key", f"--create={path}", stdout=StringIO())
    first = path.read_text()
    with pytest.raises(CommandError, match="never overwritten"):
        call_command("audit_key", f"--create={path}", stdout=StringIO())
    assert path.read_text() == first


# Events written before the chain had a key.


def _record(n: int, *, keyed: bool, monkeypatch) -> None:
    actor = system_actor()
    with monkeypatch.context() as patch:
        if not keyed:
            patch.setattr(services, "audit_key", lambda: None)  # what the old code did
        for i in range(n):
            with transaction.atomic():
                record_event(actor=actor, action=f"test.e{i}", obj=actor, scope_unit=None)


def test_unkeyed_events_verify_up_to_audit_unkeyed_until(db, settings, monkeypatch):
    _record(3, keyed=False, monkeypatch=monkeypatch)  # an installation before the key
    _record(2, keyed=True, monkeypatch=monkeypatch)
    message = verify_error()
    assert "(altered) at event #1:" in message and "AUDIT_UNKEYED_UNTIL" in message
    settings.AUDIT_UNKEYED_UNTIL = 3
    output = verify_output()
    assert "Audit chain intact: 5 events." in output
    assert "Keyed with the audit key from event #4." in output


def test_an_unkeyed_event_after_a_keyed_one_is_refused(db, settings, monkeypatch):
    _record(2, keyed=False, monkeypatch=monkeypatch)
    _record(1, keyed=True, monkeypatch=monkeypatch)
    _record(1, keyed=False, monkeypatch=monkeypatch)  # a downgrade
    settings.AUDIT_UNKEYED_UNTIL = 100
    assert "(altered) at event #4:" in verify_error()


# Tampering 1: drop the newest events and rewind the head.


def test_the_head_cannot_be_rewound_or_deleted(units):
    for sql in (
        "UPDATE audit_audithead SET last_seq = last_seq - 1",
        "UPDATE audit_audithead SET last_seq = last_seq + 2",
        "DELETE FROM audit_audithead",
    ):
        with pytest.raises(DatabaseError, match="only moves forward"), transaction.atomic():
            raw(sql)


@pytest.mark.django_db(transaction=True)
def test_dropping_the_newest_events_and_rewinding_the_head_fails_against_a_checkpoint(
    tamperable, tmp_path
):
    saved = checkpoint(tmp_path)
    last, _ = head()
    keep = last - 3
    kept_hash = AuditEvent.objects.get(seq=keep).hash
    assert raw("DELETE FROM audit_auditevent WHERE seq > %s", [keep]) == 3
    raw("UPDATE audit_audithead SET last_seq = %s, last_hash = %s", [keep, kept_hash])
    assert "Audit chain intact" in verify_output()  # consistent: only the anchor can tell
    assert f"(removed) at event #{keep + 1}:" in verify_error(saved)


# Tampering 2: alter an event and recompute every later hash.


def _alter_and_rehash(seq: int, key: bytes | None) -> None:
    raw("UPDATE audit_auditevent SET object_repr = %s WHERE seq = %s", ["forged", seq])
    prev = AuditEvent.objects.get(seq=seq).prev_hash
    for row in _chain_rows():
        if row["seq"] < seq:
            continue
        digest = event_hash(prev, row, key)
        raw(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s",
            [prev, digest, row["seq"]],
        )
        prev = digest
    raw("UPDATE audit_audithead SET last_hash = %s", [prev])


@pytest.mark.django_db(transaction=True)
def test_an_altered_event_rehashed_without_the_key_is_caught(tamperable):
    middle = head()[0] // 2
    _alter_and_rehash(middle, key=None)  # plain SHA-256, as the chain was before
    message = verify_error()
    assert f"(altered) at event #{middle}:" in message and "not signed" in message


@pytest.mark.django_db(transaction=True)
def test_an_altered_event_rehashed_with_a_guessed_key_is_caught(tamperable):
    middle = head()[0] // 2
    _alter_and_rehash(middle, key=b"0" * 64)
    assert f"(altered) at event #{middle}:" in verify_error()


@pytest.mark.django_db(transaction=True)
def test_an_altered_event_rehashed_with_the_stolen_key_fails_against_a_checkpoint(
    tamperable, tmp_path
):
    saved = checkpoint(tmp_path)
    last, _ = head()
    _alter_and_rehash(last // 2, key=audit_key())
    assert "Audit chain intact" in verify_output()  # whoever holds the key can rehash ...
    assert f"(altered) at event #{last}:" in verify_error(saved)  # ... but not the anchor


# Tampering 3: truncate.


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)  # committed: no deferred checks pending
def test_truncate_of_the_audit_tables_is_refused_on_postgresql(units):
    needs_postgres("TRUNCATE triggers")
    for table in ("audit_auditevent", "audit_audithead"):
        with pytest.raises(DatabaseError, match="TRUNCATE is refused"), transaction.atomic():
            raw(f"TRUNCATE {table}")
    assert AuditEvent.objects.count() == head()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_a_truncated_chain_fails_against_a_checkpoint(tamperable, tmp_path):
    saved = checkpoint(tmp_path)
    if connection.vendor == "postgresql":
        raw("TRUNCATE audit_auditevent, audit_audithead")
    else:  # SQLite has no TRUNCATE: its equivalent
        raw("DELETE FROM audit_auditevent")
        raw("DELETE FROM audit_audithead")
    assert "Audit chain intact: 0 events." in verify_output()
    assert "(removed) at event #1:" in verify_error(saved)


# Checkpoints.


def test_checkpoint_command_writes_a_signed_head_file(units, settings, tmp_path):
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "checkpoints"
    call_command("audit_checkpoint", stdout=StringIO())
    (path,) = (tmp_path / "checkpoints").iterdir()
    data = json.loads(path.read_text())
    assert (data["seq"], data["hash"]) == head()
    assert data["key_id"] == key_id(audit_key()) and len(data["mac"]) == 64
    make_village(units["DHOP"], "CP1")  # the chain grows past the checkpoint
    assert "Holds the head of 1 checkpoint(s)." in verify_output(path)


def test_a_checkpoint_of_an_empty_chain_holds(db, tmp_path):
    """Taken before the first event (a new installation): the empty chain is a prefix of every
    chain, so it holds, then and after the chain grows (was reported as removed)."""
    assert AuditEvent.objects.count() == 0
    saved = checkpoint(tmp_path)
    assert json.loads(saved.read_text())["seq"] == 0
    assert "Holds the head of 1 checkpoint(s)." in verify_output(saved)
    actor = system_actor()
    with transaction.atomic():
        record_event(actor=actor, action="accounts.user_create", obj=actor, scope_unit=None)
    assert AuditEvent.objects.count() >= 1
    assert "Holds the head of 1 checkpoint(s)." in verify_output(saved)


def test_an_empty_chain_checkpoint_must_name_the_genesis_hash():
    assert (
        checkpoint_problem(seq=0, hash_=GENESIS_HASH, created_at="t", head_seq=0, stored_hash=None)
        is None
    )
    forged = checkpoint_problem(seq=0, hash_="f" * 64, created_at="t", head_seq=3, stored_hash=None)
    assert forged is not None and forged.kind == "altered"


def test_checkpoint_to_standard_output(units, capsys):
    call_command("audit_checkpoint", "--output=-")
    assert json.loads(capsys.readouterr().out)["seq"] == head()[0]


def test_an_edited_checkpoint_is_refused(units, tmp_path):
    path = checkpoint(tmp_path)
    data = json.loads(path.read_text())
    data["seq"] -= 1
    path.write_text(json.dumps(data))
    assert "signature does not match" in verify_error(path)


def test_a_checkpoint_signed_with_another_key_is_refused(units, settings, tmp_path):
    path = checkpoint(tmp_path)
    settings.AUDIT_KEY_FILE = write_key(tmp_path / "other.key", "c" * 64)
    assert "signed with another key" in verify_error(path)


def test_a_file_that_is_not_a_checkpoint_is_refused(db, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json")
    assert "cannot be used" in verify_error(path)
    assert "cannot be used" in verify_error(tmp_path / "missing.json")


@pytest.mark.django_db(transaction=True)
def test_no_checkpoint_of_a_broken_chain(tamperable, tmp_path):
    raw("UPDATE audit_auditevent SET object_repr = 'x' WHERE seq = 2")
    with pytest.raises(CommandError, match="no checkpoint written"):
        checkpoint(tmp_path)
    assert not (tmp_path / "head.json").exists()
