"""A unit's name printed with its kind word, never the kind word twice (issue 16 item 7):
"Thôn Hạ" is a village already named with its kind, "Ban CH PTKV 1" a regional command."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from muster.geo.models import Unit, UnitKind


def _unit(kind: str, name: str) -> Unit:
    return Unit(kind=kind, name=name, code="X", valid_from=dt.date(2025, 7, 1))


@pytest.mark.parametrize(
    ("kind", "name", "shown"),
    [
        (UnitKind.VILLAGE, "Thôn Hạ", "Thôn Hạ"),
        (UnitKind.VILLAGE, "thôn Đức Trung", "thôn Đức Trung"),
        (UnitKind.VILLAGE, "Đức Trung", "Thôn Đức Trung"),
        (UnitKind.VILLAGE, "Thôn Thượng", "Thôn Thượng"),
        (UnitKind.RESIDENTIAL_GROUP, "Tổ dân phố số 3", "Tổ dân phố số 3"),
        (UnitKind.DEFENCE_REGION, "Ban CH PTKV 1 – Yên Mỹ", "Ban CH PTKV 1 – Yên Mỹ"),
        (UnitKind.COMMUNE, "Đức Hợp", "Xã Đức Hợp"),
        (UnitKind.DISTRICT, "Kim Động", "Huyện Kim Động"),
    ],
)
def test_the_kind_word_is_not_doubled(kind, name, shown):
    with translation.override("vi"):
        assert str(_unit(kind, name)) == shown


def test_in_english_a_name_holding_its_vietnamese_kind_stays_as_it_is():
    with translation.override("en"):
        assert str(_unit(UnitKind.VILLAGE, "Thôn Hạ")) == "Thôn Hạ"
        assert str(_unit(UnitKind.COMMUNE, "Đức Hợp")) == "Commune Đức Hợp"
