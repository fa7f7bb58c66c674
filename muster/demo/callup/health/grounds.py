"""The deferral and exemption grounds (tạm hoãn, miễn) the demo proposes, read from the
registry."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from muster.law.callup.eligibility.facts import Verdict
from muster.people.models import FamilyTie, Person, Relation

# --------------------------------------------------------------------------- grounds


@dataclass(frozen=True)
class Ground:
    code: str
    evidence: str
    end_date: dt.date | None = None


_RELATION_VI: dict[str, str] = {
    Relation.FATHER: "bố",
    Relation.MOTHER: "mẹ",
    Relation.BROTHER: "anh/em trai",
}


def _relation_vi(relation: str) -> str:
    return _RELATION_VI.get(relation, "người thân")


def _ties(person: Person) -> list[FamilyTie]:
    """The ties ``campaign_services.pool_people`` prefetched (or read them)."""
    ties: list[FamilyTie] | None = getattr(person, "pool_ties", None)
    return list(person.family_ties.all()) if ties is None else ties


def registry_ground(
    person: Person, verdict: Verdict, handover: dt.date, proposed_on: dt.date
) -> Ground | None:
    """The Art 41 ground the engine finds in the registry (exemptions first), with the
    evidence a commune would attach and the day the ground ends.

    None when no dossier can be proposed on ``proposed_on``: a study whose end the registry
    dates before it (the registry, written in January 2025, still says "studying"), or a pupil
    whose cohort left school before it."""
    codes = [r.code for r in verdict.exemptions] + [r.code for r in verdict.deferrals]
    if not codes:
        return None
    ground = _registry_ground(codes[0], person, handover)
    if ground is None or (ground.end_date is not None and ground.end_date <= proposed_on):
        return None
    return ground


def _registry_ground(code: str, person: Person, handover: dt.date) -> Ground | None:
    ties = _ties(person)
    if code == "41.1.g":
        if person.in_school:
            # Cohorts go by birth year: born 2007, grade 12 in 2024–2025 (2006 if repeating).
            if person.date_of_birth.year + 19 < handover.year:
                return None
            school = person.workplace or "trường THPT"
            return Ground(
                code,
                f"Giấy xác nhận học sinh lớp 12 năm học {handover.year - 1}–{handover.year} "
                f"của {school}",
                dt.date(handover.year, 5, 31),
            )
        if person.study_end_date is None:
            return None
        return Ground(
            code,
            f"Giấy xác nhận sinh viên hệ chính quy ({person.field_of_study}) của "
            f"{person.workplace or 'nhà trường'}, dự kiến tốt nghiệp "
            f"{person.study_end_date:%d/%m/%Y}",
            person.study_end_date,
        )
    if code == "41.1.d":
        brother = next((t for t in ties if t.serving_as_soldier), None)
        name = brother.relative_name if brother else ""
        return Ground(
            code,
            f"Giấy xác nhận của đơn vị: anh/em ruột {name} đang phục vụ tại ngũ",
            dt.date(handover.year + 1, 2, 28),
        )
    if code in ("41.1.c", "41.2.c"):
        sick = next((t for t in ties if t.sick_soldier_loss_pct is not None), None)
        invalid = next((t for t in ties if t.war_invalid_class == 2), None)
        if invalid is not None and code == "41.2.c":
            return Ground(
                code,
                f"Giấy chứng nhận thương binh hạng 2 của {_relation_vi(invalid.relation)} "
                f"{invalid.relative_name}",
            )
        loss = sick.sick_soldier_loss_pct if sick else None
        who = f"{_relation_vi(sick.relation)} {sick.relative_name}" if sick else ""
        return Ground(
            code,
            f"Quyết định hưởng chế độ bệnh binh của {who}, suy giảm khả năng lao động "
            f"{loss} %; xác nhận của UBND xã là con duy nhất được xét",
        )
    if code == "41.2.a":
        tie = next((t for t in ties if t.is_martyr or t.war_invalid_class == 1), None)
        what = (
            "Bằng Tổ quốc ghi công liệt sĩ"
            if tie and tie.is_martyr
            else ("Giấy chứng nhận thương binh hạng 1")
        )
        who = f"{_relation_vi(tie.relation)} {tie.relative_name}" if tie else ""
        return Ground(code, f"{what} của {who}")
    if code == "41.2.b":
        tie = next((t for t in ties if t.is_martyr), None)
        return Ground(
            code, f"Bằng Tổ quốc ghi công liệt sĩ {tie.relative_name if tie else ''} (anh/em ruột)"
        )
    return None


def extra_ground(
    person: Person, rng: random.Random, proposed_on: dt.date, handover: dt.date
) -> Ground | None:
    """Grounds the registry cannot show, for a few otherwise callable men."""
    ties = _ties(person)
    unable = next((t for t in ties if not t.able_to_work), None)
    if unable is not None and rng.random() < 0.5:
        return Ground(
            "41.1.b",
            f"Xác nhận của UBND xã: lao động duy nhất trực tiếp nuôi "
            f"{_relation_vi(unable.relation)} {unable.relative_name} hết khả năng lao động",
        )
    if rng.random() < 0.004:
        return Ground(
            "41.1.h",
            "Quyết định của Chủ tịch UBND xã về việc tham gia dân quân thường trực",
            dt.date(proposed_on.year + 2, proposed_on.month, 1),
        )
    return None
