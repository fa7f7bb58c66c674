"""The default wording of the deciding authority (Chủ tịch UBND ...) of a unit."""

from __future__ import annotations

import datetime as dt

from muster.conscription.violations.models import ViolationCase
from muster.geo.models import Unit
from muster.law.callup.violations import deadlines
from muster.law.rulebook import NoRuleInForce

_KIND_PREFIX_VI = {
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã",
    "ward": "phường",
    "town": "thị trấn",
    "special_zone": "đặc khu",
}


# ----------------------------------------------------------------------------- defaults


def unit_words(unit: Unit) -> str:
    """``xã Đức Hợp``, ``huyện Kim Động`` (the unit with its kind, in Vietnamese)."""
    prefix = _KIND_PREFIX_VI.get(unit.kind)
    return f"{prefix} {unit.name}" if prefix else unit.name


def default_decided_by(case: ViolationCase, on: dt.date) -> str:
    """The deciding authority proposed on the penalty form (free text, [U] default): the
    district chairman before 1 Jul 2025, the commune chairman from then."""
    try:
        found = deadlines.default_authority(on)
    except NoRuleInForce:
        return ""
    unit: Unit | None = case.unit
    if found.level == "district":
        unit = case.unit.parent if case.unit.parent_id else None
        if unit is None or unit.kind != "district":
            return "Chủ tịch UBND cấp huyện"
    assert unit is not None
    return f"Chủ tịch UBND {unit_words(unit)}"
