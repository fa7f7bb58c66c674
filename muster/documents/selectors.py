"""Reads of documents. The caller has already fetched the citizen through his scope."""

from __future__ import annotations

from muster.documents.models import PersonDocument
from muster.people.models import Person


def evidence_for_person(person: Person) -> list[PersonDocument]:
    """The evidence attached to ``person``, newest document date first (one query)."""
    return list(
        PersonDocument.objects.filter(person=person)
        .select_related("uploaded_by")
        .order_by("-date", "-id")
    )
