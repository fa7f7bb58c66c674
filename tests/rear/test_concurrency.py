"""The yearly cap under concurrency on PostgreSQL: the soldier's row lock lets only two house
cases of a year through, however many clerks record at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from muster.rear import services
from muster.rear.models import SupportCase
from tests.concurrency import needs_postgres, run_threads
from tests.core.factories import make_person
from tests.rear.factories import soldier

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_concurrent_house_cases_never_pass_the_cap(units, personas):
    needs_postgres()
    recruit = soldier(make_person(units["DHOP"]))
    clerk = personas["commune_clerk"]

    def record(index: int) -> None:
        services.record_case(
            actor=clerk, recruit=recruit, kind="house", event_on=dt.date(2026, 3, 1 + index)
        )

    errors = run_threads(6, record)
    assert len(errors) == 4 and all(isinstance(e, ValidationError) for e in errors)
    assert SupportCase.objects.filter(recruit=recruit).count() == 2
