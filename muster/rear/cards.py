"""The rear policy's card on the citizen page: the support cases where the citizen is the
soldier or the relative (nothing shown when there are none)."""

from __future__ import annotations

from typing import Any

from muster.core.http import AuthenticatedHttpRequest
from muster.people.models import Person
from muster.rear.selectors import cases_of_person


def rear_card(person: Person, request: AuthenticatedHttpRequest) -> dict[str, Any]:
    return {"rear_cases": cases_of_person(user=request.user, person=person)}
