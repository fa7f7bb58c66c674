"""Names stored before names were checked (issue 15, item 10): ``manage.py clean_names`` lists
them and, with ``--fix``, cleans them through the audited service."""

from __future__ import annotations

import unicodedata
from io import StringIO

from django.core.management import call_command

from muster.audit.models import AuditEvent
from muster.people.models import Person
from tests.core.factories import make_person


def _stored(person: Person, name: str) -> None:
    # As an old release stored it: no check, the search key folded from the raw name.
    Person.objects.filter(pk=person.pk).update(full_name=name)


def test_old_names_are_listed_then_cleaned_and_found(units):
    rlo = make_person(units["DHOP"], full_name="Lê Văn Nam")
    zwsp = make_person(units["DHOP"], full_name="Trần Văn Bình")
    nfd = make_person(units["DT"], full_name="Đỗ Văn Hùng")
    blank = make_person(units["DT"], full_name="Phạm Văn An")
    fine = make_person(units["DT"], full_name="Ngô Văn Tú")
    _stored(rlo, "Lê Văn\u202e Nam")
    _stored(zwsp, "Trần\u200b Văn  Bình")
    _stored(nfd, unicodedata.normalize("NFD", "Đỗ Văn Hùng"))
    _stored(blank, "\u200b\u3164")

    listed = StringIO()
    call_command("clean_names", stdout=listed)
    out = listed.getvalue()
    assert str(rlo.public_id) in out and "U+202E" in out
    assert str(zwsp.public_id) in out and "U+200B" in out
    assert str(nfd.public_id) in out and str(blank.public_id) in out
    assert str(fine.public_id) not in out
    assert "4 name(s) to clean, 0 cleaned." in out
    assert Person.objects.get(pk=rlo.pk).full_name == "Lê Văn\u202e Nam"  # listing changes nothing

    fixed = StringIO()
    call_command("clean_names", "--fix", stdout=fixed)
    assert "4 name(s) to clean, 3 cleaned." in fixed.getvalue()
    names = dict(Person.objects.values_list("pk", "full_name"))
    assert names[rlo.pk] == "Lê Văn Nam"
    assert names[zwsp.pk] == "Trần Văn Bình"
    assert names[nfd.pk] == unicodedata.normalize("NFC", "Đỗ Văn Hùng")
    assert names[blank.pk] == "\u200b\u3164"  # would be empty: listed, never changed
    assert Person.objects.get(pk=zwsp.pk).name_search == "tran van binh"
    events = AuditEvent.objects.filter(action="people.person_update")
    assert events.count() == 3 and all("clean_names" in e.reason for e in events)
