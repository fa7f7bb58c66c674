"""The audit chain: written in the services' transactions, append-only, and verified.

Tampering needs the append-only triggers out of the way; the ``tamperable`` fixture removes them
(per vendor) and puts them back. On PostgreSQL the table cannot be altered while deferred
foreign-key checks of the test's own inserts are pending, so those tests commit
(``transaction=True``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from muster.accounts.services import system_actor
from muster.audit.chain import GENESIS_HASH, HASHED_FIELDS, event_hash, verify
from muster.audit.models import AuditEvent, AuditHead
from muster.audit.selectors import verify_chain
from muster.audit.services import record_event
from muster.geo.services import unit_create
from tests.concurrency import needs_postgres, run_threads
from tests.core.factories import make_village


def chain_length() -> int:
    return AuditEvent.objects.count()


def head() -> tuple[int, str]:
    row = AuditHead.objects.get(pk=1)
    return row.last_seq, row.last_hash


def verify_audit_output() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def verify_audit_error() -> CommandError:
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit", stdout=StringIO())
    assert excinfo.value.returncode == 1  # manage.py exits with this status
    return excinfo.value


# Services write their events in their own transaction.


def test_service_appends_one_linked_event(units):
    before_seq, before_hash = head()
    unit = make_village(units["DHOP"], "T1")
    event = AuditEvent.objects.get(seq=before_seq + 1)
    assert (event.action, event.object_id, event.scope_unit_id) == (
        "geo.unit_create",
        str(unit.public_id),
        unit.pk,
    )
    assert event.prev_hash == before_hash
    assert head() == (event.seq, event.hash)
    assert chain_length() == event.seq


def test_failing_service_writes_no_event(units):
    length, state = chain_length(), head()
    with pytest.raises(ValidationError):
        # A province cannot sit below a commune.
        unit_create(
            actor=system_actor(),
            code="BAD",
            kind="province",
            name="Bad",
            parent=units["DHOP"],
            valid_from=dt.date(2000, 1, 1),
        )
    assert chain_length() == length
    assert head() == state


def test_event_rolls_back_with_the_transaction_that_wrote_it(units):
    length, state = chain_length(), head()
    with pytest.raises(RuntimeError, match="after the write"), transaction.atomic():
        make_village(units["DHOP"], "T2")
        assert chain_length() == length + 1
        raise RuntimeError("failure after the write")
    assert chain_length() == length
    assert head() == state
    # The sequence stays gap-free: the next event takes the number the rolled-back one had.
    make_village(units["DHOP"], "T3")
    assert head()[0] == state[0] + 1
    assert verify_chain()[1] is None


@pytest.mark.django_db(transaction=True)
def test_record_event_outside_a_transaction_raises(units):
    assert not connection.in_atomic_block
    length = chain_length()
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        record_event(
            actor=system_actor(), action="test.outside", obj=units["DHOP"], scope_unit=None
        )
    assert chain_length() == length


# verify_audit on an intact chain.


def test_verify_audit_passes_on_an_intact_chain(units, personas):
    count = chain_length()
    assert count > len(units)  # units, changes and persona accounts were all recorded
    assert f"Audit chain intact: {count} events." in verify_audit_output()


def test_verify_audit_passes_on_an_empty_chain(db):
    assert "Audit chain intact: 0 events." in verify_audit_output()


# The triggers refuse UPDATE and DELETE.


def _refused(action) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        action()


def test_triggers_refuse_update_and_delete_through_the_orm(units):
    event = AuditEvent.objects.get(seq=1)
    _refused(lambda: AuditEvent.objects.filter(seq=1).update(object_repr="forged"))
    _refused(lambda: AuditEvent.objects.filter(seq=1).delete())

    def save_edit():
        event.reason = "forged"
        event.save()

    _refused(save_edit)
    _refused(event.delete)
    event.refresh_from_db()
    assert event.reason != "forged"
    assert verify_chain()[1] is None


def test_triggers_refuse_update_and_delete_in_raw_sql(units):
    table = AuditEvent._meta.db_table

    def raw(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql)

        return run

    _refused(raw(f"UPDATE {table} SET object_repr = 'forged' WHERE seq = 2"))
    _refused(raw(f"DELETE FROM {table} WHERE seq = 2"))
    _refused(raw(f"DELETE FROM {table}"))
    assert verify_chain()[1] is None


@pytest.mark.django_db(transaction=True)
def test_triggers_are_in_place_after_a_transactional_flush(units):
    """Transactional tests flush the database; the triggers must survive that (see conftest)."""
    _refused(lambda: AuditEvent.objects.filter(seq=1).delete())
    assert chain_length() > 0


# Tampering is caught, and the first bad event is named.


def _raw(sql: str, params: list[object] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])
        return cursor.rowcount


def _assert_broken_at(seq: int, kind: str) -> None:
    _count, problem = verify_chain()
    assert problem is not None
    assert (problem.seq, problem.kind) == (seq, kind), problem
    message = str(verify_audit_error())
    assert f"({kind}) at event #{seq}:" in message


@pytest.mark.django_db(transaction=True)
def test_edited_object_repr_is_caught(tamperable):
    middle = head()[0] // 2
    assert _raw("UPDATE audit_auditevent SET object_repr = %s WHERE seq = %s", ["x", middle]) == 1
    _assert_broken_at(middle, "altered")


@pytest.mark.django_db(transaction=True)
def test_edited_changes_are_caught(tamperable):
    seq = 3
    event = AuditEvent.objects.get(seq=seq)
    forged = {**event.changes, "name": [None, "Forged"]}
    assert AuditEvent.objects.filter(seq=seq).update(changes=forged) == 1
    _assert_broken_at(seq, "altered")


@pytest.mark.django_db(transaction=True)
def test_edited_actor_is_caught(tamperable, personas):
    last = head()[0]
    _raw(
        "UPDATE audit_auditevent SET actor_id = %s, actor_label = %s WHERE seq = %s",
        [personas["leader"].pk, personas["leader"].username, last],
    )
    _assert_broken_at(last, "altered")


@pytest.mark.django_db(transaction=True)
def test_deleted_event_in_the_middle_is_caught(tamperable):
    middle = head()[0] // 2
    assert _raw("DELETE FROM audit_auditevent WHERE seq = %s", [middle]) == 1
    _assert_broken_at(middle, "removed")


@pytest.mark.django_db(transaction=True)
def test_deleted_newest_event_is_caught(tamperable):
    last = head()[0]
    assert _raw("DELETE FROM audit_auditevent WHERE seq = %s", [last]) == 1
    _assert_broken_at(last, "removed")


@pytest.mark.django_db(transaction=True)
def test_deleted_newest_events_are_caught_at_the_first_missing(tamperable):
    last = head()[0]
    assert _raw("DELETE FROM audit_auditevent WHERE seq > %s", [last - 3]) == 3
    _assert_broken_at(last - 2, "removed")


def _forged_row(seq: int, prev_hash: str, **overrides: object) -> dict[str, object]:
    """An event a forger could build: well-formed, with a correctly computed hash."""
    occurred_at = timezone.now()
    content: dict[str, object] = {
        "seq": seq,
        "public_id": str(uuid.uuid4()),
        "occurred_at": occurred_at.isoformat(),
        "actor_id": None,
        "actor_label": "system",
        "scope_unit_id": None,
        "action": "accounts.user_create",
        "object_type": "accounts.user",
        "object_id": str(uuid.uuid4()),
        "object_repr": "ghost",
        "changes": {"role": [None, "system_admin"]},
        "reason": "",
    }
    content.update(overrides)
    return {
        **content,
        "occurred_at": occurred_at,
        "prev_hash": prev_hash,
        "hash": event_hash(prev_hash, content),
    }


@pytest.mark.django_db
def test_forged_event_appended_without_the_head_is_caught(units):
    """INSERT is allowed by the triggers; a well-linked forgery beyond the head is named."""
    last, last_hash = head()
    AuditEvent.objects.create(**_forged_row(last + 1, last_hash))
    _assert_broken_at(last + 1, "inserted")


@pytest.mark.django_db
def test_forged_event_with_a_false_link_is_caught(units):
    last, _last_hash = head()
    AuditEvent.objects.create(**_forged_row(last + 1, "f" * 64))
    _assert_broken_at(last + 1, "inserted")


@pytest.mark.django_db(transaction=True)
def test_forged_event_in_place_of_a_deleted_one_is_caught(tamperable):
    middle = head()[0] // 2
    _raw("DELETE FROM audit_auditevent WHERE seq = %s", [middle])
    # Forged content, hashed without knowing which hash it should link to.
    AuditEvent.objects.create(**_forged_row(middle, "0" * 64))
    _assert_broken_at(middle, "inserted")


@pytest.mark.django_db(transaction=True)
def test_newest_event_rewritten_with_a_fresh_hash_is_caught(tamperable):
    """The forger recomputes the hash of the edited newest event; the head still disagrees."""
    last, _ = head()
    row = AuditEvent.objects.filter(seq=last).values().get()
    row["public_id"] = str(row["public_id"])
    row["occurred_at"] = row["occurred_at"].isoformat()
    row["object_repr"] = "forged"
    _raw(
        "UPDATE audit_auditevent SET object_repr = %s, hash = %s WHERE seq = %s",
        ["forged", event_hash(row["prev_hash"], row), last],
    )
    _assert_broken_at(last, "altered")


# The pure verifier, on hand-built events.


def build_chain(n: int) -> list[dict[str, object]]:
    events: list[dict[str, object]] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        content: dict[str, object] = dict.fromkeys(HASHED_FIELDS, "")
        content.update(
            seq=seq,
            public_id=f"00000000-0000-4000-8000-{seq:012d}",
            occurred_at=f"2025-01-0{seq}T08:00:00+00:00",
            actor_id=seq,
            scope_unit_id=None,
            action="test.event",
            object_repr=f"event {seq}",
            changes={"n": [seq - 1, seq]},
        )
        digest = event_hash(prev, content)
        events.append({**content, "prev_hash": prev, "hash": digest})
        prev = digest
    return events


def check(events, *, head_seq=None, head_hash=None):
    chain = build_chain(5)
    return verify(
        events,
        head_seq=chain[-1]["seq"] if head_seq is None else head_seq,
        head_hash=chain[-1]["hash"] if head_hash is None else head_hash,
    )


def test_verify_accepts_an_intact_chain():
    assert check(build_chain(5)) is None


def test_verify_accepts_an_empty_chain_at_genesis():
    assert verify([], head_seq=0, head_hash=GENESIS_HASH) is None


def test_verify_catches_an_empty_chain_with_a_head():
    problem = verify([], head_seq=2, head_hash="a" * 64)
    assert problem is not None and (problem.seq, problem.kind) == (1, "removed")


def test_verify_hash_depends_on_every_hashed_field():
    event = build_chain(1)[0]
    for name in HASHED_FIELDS:
        edited = {**event, name: "edited"}
        assert event_hash(GENESIS_HASH, edited) != event["hash"], name


@pytest.mark.parametrize(
    ("field", "value"),
    [("object_repr", "forged"), ("changes", {"n": [0, 99]}), ("actor_id", 99), ("reason", "x")],
)
def test_verify_names_an_altered_event(field, value):
    events = build_chain(5)
    events[2] = {**events[2], field: value}
    problem = check(events)
    assert problem is not None and (problem.seq, problem.kind) == (3, "altered")


def test_verify_names_a_removed_event():
    events = build_chain(5)
    del events[1]
    problem = check(events)
    assert problem is not None and (problem.seq, problem.kind) == (2, "removed")


def test_verify_names_the_removed_first_event():
    problem = check(build_chain(5)[1:])
    assert problem is not None and (problem.seq, problem.kind) == (1, "removed")


def test_verify_names_a_removed_newest_event():
    problem = check(build_chain(5)[:-1])
    assert problem is not None and (problem.seq, problem.kind) == (5, "removed")


def test_verify_names_an_event_beyond_the_head():
    events = build_chain(6)
    problem = check(events)  # the head records #5
    assert problem is not None and (problem.seq, problem.kind) == (6, "inserted")


def test_verify_names_a_duplicated_event():
    events = build_chain(5)
    events.insert(3, events[2])
    problem = check(events)
    assert problem is not None and (problem.seq, problem.kind) == (3, "inserted")


def test_verify_names_an_event_that_links_elsewhere():
    events = build_chain(5)
    forged = {**events[3], "prev_hash": "b" * 64}
    forged["hash"] = event_hash(forged["prev_hash"], forged)
    events[3] = forged
    problem = check(events)
    assert problem is not None and (problem.seq, problem.kind) == (4, "inserted")


def test_verify_names_a_rehashed_newest_event_that_disagrees_with_the_head():
    events = build_chain(5)
    forged = {**events[4], "object_repr": "forged"}
    forged["hash"] = event_hash(forged["prev_hash"], forged)
    events[4] = forged
    problem = check(events)
    assert problem is not None and (problem.seq, problem.kind) == (5, "altered")


# Concurrent writers (PostgreSQL: the head row lock serialises them).


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_gap_free(units):
    needs_postgres()
    threads_n, per_thread = 8, 5
    parent = units["DHOP"]
    start_seq = head()[0]

    def writer(index: int) -> None:
        for i in range(per_thread):
            make_village(parent, f"C{index}-{i}")

    assert run_threads(threads_n, writer) == []
    total = start_seq + threads_n * per_thread
    assert list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, total + 1)
    )
    assert head()[0] == total
    count, problem = verify_chain()
    assert (count, problem) == (total, None)
    assert "intact" in verify_audit_output()
