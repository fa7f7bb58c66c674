"""The militia engine's facts (``muster.law.militia.facts.MilitiaFacts``) read from the
registry: sex and birth from the person, study from his record, the family ties the law turns
on (a martyr parent or spouse, a war invalid's or sick soldier's loss of working capacity, a
spouse serving in the army, a young child), and the exemption from registration (the militia
registration's, or the military-service registration's Art 14). What the registry does not
hold (pregnancy, a spouse in the police, poverty, caring for a Heroic Mother, a cipher post,
fitness) stays at the default; the decider records such a ground with the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from muster.law.militia.enums import Force, Sex
from muster.law.militia.facts import MilitiaFacts
from muster.people.models import FamilyTie, Person, Relation, StudyStatus

_PARENTS = (Relation.FATHER, Relation.MOTHER)
#: Whose martyrdom or loss of working capacity counts (Art 11(1)(g), 11(2)(a)(b)): the spouse
#: or a parent (the citizen is "vợ hoặc chồng, con" of that person).
_SPOUSE_OR_PARENT = (Relation.SPOUSE, *_PARENTS)


def _loss(tie: FamilyTie) -> int | None:
    values = [v for v in (tie.war_invalid_loss_pct, tie.sick_soldier_loss_pct) if v is not None]
    return max(values) if values else None


def facts_of(
    person: Person,
    ties: Iterable[FamilyTie],
    *,
    on: dt.date,
    registration_exempt: bool = False,
    volunteer: bool = False,
    fit: bool | None = None,
    force: Force = Force.MILITIA,
) -> MilitiaFacts:
    """The facts of ``person`` on ``on`` from his record and ``ties`` (his family ties,
    already fetched with their linked relatives)."""
    martyr = False
    spouse_in_army = False
    loss: int | None = None
    youngest: dt.date | None = None
    for tie in ties:
        if tie.relation in _SPOUSE_OR_PARENT:
            martyr = martyr or tie.is_martyr
            found = _loss(tie)
            if found is not None and (loss is None or found > loss):
                loss = found
        if tie.relation == Relation.SPOUSE and tie.serving_as_soldier:
            spouse_in_army = True
        if tie.relation == Relation.CHILD and tie.relative is not None:
            born = tie.relative.date_of_birth
            if born <= on and (youngest is None or born > youngest):
                youngest = born
    studying = person.in_school or person.study_status == StudyStatus.STUDYING
    return MilitiaFacts(
        sex=Sex.FEMALE if person.sex == "F" else Sex.MALE,
        birth_date=person.date_of_birth,
        force=force,
        volunteer=volunteer,
        registration_exempt_condition=registration_exempt,
        fit=fit,
        spouse_in_army=spouse_in_army,
        youngest_child_born=youngest,
        relative_work_capacity_loss=loss,
        studying=studying,
        spouse_or_child_of_martyr=martyr,
    )
