"""Schemas shared by several routers."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema

from muster.geo.models import Unit


class UnitRef(Schema):
    public_id: UUID
    code: str
    name: str


def unit_ref(unit: Unit) -> UnitRef:
    return UnitRef(public_id=unit.public_id, code=unit.code, name=unit.name)


class CitationOut(Schema):
    document: str
    article: str | None
    clause: str | None
    point: str | None
    label: str


class DateRange(Schema):
    valid_from: dt.date
    valid_to: dt.date | None
