"""The militia engine: may this citizen be selected into the militia or self-defence force on
a given day? Pure: no Django. Every threshold comes from the rule book as it stood that day.

The verdict is layered like the call-up's:

1. age and sex against ``militia.age`` (Law 48/2019 Art 8): under 18 → ``under_age``; past the
   end of 45 (men) or 40 (women) → ``over_age``, unless the citizen volunteers and is within
   the end of 50 or 45 (the age finding is then *waived*);
2. registration: exempt from militia registration (Art 9(1)(c)) → ``not_registrable``;
3. exemption grounds (Art 11(2)) → ``exempt``;
4. deferral grounds (Art 11(1)) → ``deferred``;
   volunteering (Art 11(3)) waives deferral c–g and exemption a, b, d, never the others;
5. fitness (Art 10): unknown → ``pending`` (not yet examined); unfit is ground 11.1.b.

The status is the first layer that blocks; ``reasons`` lists every blocking finding.
``authority`` names who decides that day: the selection (eligible, pending) or the deferral
or exemption, by the commune chairman (militia) or the agency head (self-defence) since 1 Jul
2025.
"""

from __future__ import annotations

import datetime as dt

from muster.law.ages import age_on, months_before
from muster.law.book import rule
from muster.law.callup.eligibility.facts import Reason
from muster.law.militia.authorities import deciding_authority
from muster.law.militia.enums import COMPONENT_LABELS, Component, Sex
from muster.law.militia.facts import (
    FACT_FIELDS,
    REASON_CODES,
    MilitiaFacts,
    MilitiaReason,
    MilitiaVerdict,
    OutsideCoverage,
    Status,
)
from muster.law.militia.grounds import GROUND_BY_CODE, GROUNDS, VOLUNTEER_ADMISSIBLE
from muster.law.sources import LAW_48_FROM
from muster.law.text import Text, vi_date

__all__ = [
    "FACT_FIELDS",
    "REASON_CODES",
    "MilitiaFacts",
    "MilitiaReason",
    "MilitiaVerdict",
    "OutsideCoverage",
    "conflicts",
    "grounds_found",
    "judge",
]


def _ground(code: str, on: dt.date) -> MilitiaReason:
    return MilitiaReason(code, GROUND_BY_CODE[code].text, (rule(f"militia.{code}", on),))


def grounds_found(facts: MilitiaFacts, on: dt.date) -> tuple[MilitiaReason, ...]:
    """Every ground of Art 11 the facts meet on ``on``, in the law's order."""
    f = facts
    months = rule("militia.11.1.a", on).int_param("months")
    g_rule = rule("militia.11.1.g", on)
    exempt_loss = rule("militia.11.2.b", on).int_param("min_percent")
    young_child = f.youngest_child_born is not None and (
        months_before(on, months) < f.youngest_child_born <= on
    )
    loss = f.relative_work_capacity_loss
    met = {
        "11.1.a": (f.sex == Sex.FEMALE and (f.pregnant or young_child))
        or (young_child and f.raising_child_alone),
        "11.1.b": f.fit is False,
        "11.1.c": f.spouse_in_army,
        "11.1.d": f.spouse_in_police,
        "11.1.đ": f.spouse_posted_hardship,
        "11.1.e": f.sole_worker_poor_household or f.supports_dependants or f.family_disaster,
        "11.1.g": loss is not None
        and g_rule.int_param("min_percent") <= loss <= g_rule.int_param("max_percent"),
        "11.1.h": f.studying or f.abroad,
        "11.2.a": f.spouse_or_child_of_martyr,
        "11.2.b": loss is not None and loss >= exempt_loss,
        "11.2.c": f.placed_reservist,
        "11.2.d": f.carer_of_heroic_mother_or_invalid,
        "11.2.đ": f.cipher_worker,
    }
    return tuple(_ground(g.code, on) for g in GROUNDS if met[g.code])


def _age_reasons(
    facts: MilitiaFacts, on: dt.date
) -> tuple[int, MilitiaReason | None, MilitiaReason | None]:
    """The age, a blocking age reason if any, and an age finding waived by volunteering."""
    item = rule("militia.age", on)
    male = facts.sex == Sex.MALE
    age = age_on(facts.birth_date, on)
    low = item.int_param("men_min_age" if male else "women_min_age")
    high = item.int_param("men_max_age" if male else "women_max_age")
    vol_high = item.int_param("volunteer_men_max_age" if male else "volunteer_women_max_age")
    if age < low:
        text = Text(f"Chưa đủ {low} tuổi vào ngày {vi_date(on)}.", f"Under {low} on {on:%d/%m/%Y}.")
        return age, MilitiaReason("age_under", text, (item,)), None
    if age <= high:
        return age, None, None
    over = MilitiaReason(
        "age_over",
        Text(
            f"Đã hết {high} tuổi ({'nam' if male else 'nữ'}); tình nguyện được đến hết "
            f"{vol_high} tuổi.",
            f"Past the end of age {high} ({'men' if male else 'women'}); volunteers may serve "
            f"to the end of {vol_high}.",
        ),
        (item,),
    )
    if facts.volunteer and age <= vol_high:
        return age, None, over
    return age, over, None


def judge(facts: MilitiaFacts, as_of: dt.date) -> MilitiaVerdict:
    """Judge one citizen by the militia law in force on ``as_of``."""
    if as_of < LAW_48_FROM:
        raise OutsideCoverage(
            f"{as_of.isoformat()} precedes {LAW_48_FROM.isoformat()}: no militia rules encoded"
        )
    age, age_block, age_waived = _age_reasons(facts, as_of)
    blocking: list[MilitiaReason] = []
    waived: list[MilitiaReason] = [age_waived] if age_waived else []
    status: Status | None = None
    if age_block is not None:
        blocking.append(age_block)
        status = "under_age" if age_block.code == "age_under" else "over_age"
    if facts.registration_exempt_condition:
        blocking.append(
            MilitiaReason(
                "registration_exempt",
                Text(
                    "Thuộc diện miễn đăng ký Dân quân tự vệ (khuyết tật, bệnh hiểm nghèo, bệnh "
                    "tâm thần).",
                    "Exempt from militia registration (disability, serious or mental illness).",
                ),
                (rule("militia.registration.exempt", as_of),),
            )
        )
        status = status or "not_registrable"
    grounds = grounds_found(facts, as_of)
    standing: list[MilitiaReason] = []
    for ground in grounds:
        if facts.volunteer and ground.code in VOLUNTEER_ADMISSIBLE:
            waived.append(ground)
        else:
            standing.append(ground)
    if facts.volunteer and waived:
        volunteering = rule("militia.11.3", as_of)
        waived = [
            MilitiaReason(w.code, w.text, (*w.rules, volunteering)) if w.code[:3] == "11." else w
            for w in waived
        ]
    exemptions = [g for g in standing if g.code.startswith("11.2.")]
    deferrals = [g for g in standing if g.code.startswith("11.1.")]
    blocking += exemptions + deferrals
    if exemptions:
        status = status or "exempt"
    if deferrals:
        status = status or "deferred"
    if facts.fit is None:
        blocking.append(
            MilitiaReason(
                "fitness_unknown",
                Text("Chưa khám sức khỏe.", "Not yet examined for fitness."),
                (rule("militia.selection.standards", as_of),),
            )
        )
        status = status or "pending"
    final: Status = status or "eligible"
    authority: MilitiaReason | None = None
    if final in ("eligible", "pending"):
        authority = deciding_authority("selection", as_of, facts.force)
    elif final in ("deferred", "exempt"):
        authority = deciding_authority("deferral_exemption", as_of, facts.force)
    return MilitiaVerdict(
        on=as_of,
        status=final,
        age=age,
        reasons=tuple(blocking),
        grounds=grounds,
        volunteer=facts.volunteer,
        waived=tuple(waived),
        authority=authority,
    )


def conflicts(
    *,
    component: Component,
    placed_reservist: bool,
    on_callup_list: bool,
    on: dt.date,
) -> tuple[MilitiaReason, ...]:
    """What a serving member's other duties contradict: a reservist placed in a reserve unit
    is exempt from militia duty (Art 11(2)(c)); a standing militia member is deferred from the
    call-up (Law 78/2015 Art 41(1)(h)), so finding one on the call-up official list is a
    contradiction to resolve."""
    found: list[MilitiaReason] = []
    label = COMPONENT_LABELS[component]
    if placed_reservist:
        found.append(
            MilitiaReason(
                "placed_reservist",
                Text(
                    f"{label.vi}: đã được sắp xếp vào đơn vị dự bị động viên, thuộc diện miễn "
                    "thực hiện nghĩa vụ tham gia Dân quân tự vệ.",
                    f"{label.en}: placed in a reserve unit, so exempt from militia duty.",
                ),
                (rule("militia.11.2.c", on),),
            )
        )
    if component == Component.STANDING and on_callup_list:
        found.append(
            MilitiaReason(
                "standing_on_callup_list",
                Text(
                    "Dân quân thường trực thuộc diện tạm hoãn gọi nhập ngũ nhưng có tên trong "
                    "danh sách gọi nhập ngũ.",
                    "Standing militia are deferred from the call-up, yet this member is on the "
                    "call-up official list.",
                ),
                (rule("41.1.h", on),),
            )
        )
    return tuple(found)


def as_reason(reason: MilitiaReason) -> Reason:
    """The call-up's ``Reason`` shape, for templates that already render one."""
    return Reason(reason.code, reason.text.en, reason.rules, reason.text.vi)
