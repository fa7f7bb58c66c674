"""The commune's defence plans and drills and their cycles, and the steps they add to the year
calendar. Pure: no Django.

Source: legal-reference §7.

* **Civil defence plan**: on a **5-year cycle, adjusted yearly**; a **civil defence drill once
  every 5 years** (Decree 02/2019/NĐ-CP Arts 5–7). Civil defence is now governed by the Law on
  Civil Defence 18/2023/QH15 (in force 1 Jul 2024); whether Decree 02/2019 has been replaced is
  unverified, so every rule resting on it carries ``confirmed=False`` and the pages flag it.
* **Commune defensive combat drill** (diễn tập chiến đấu phòng thủ xã): directed from above (TT
  99/2019 Art 8, now the province, the regional command and the commune). The reference gives
  no cycle: once per 5 years is an unverified default.
* **Commune defence work plan** (kế hoạch công tác quốc phòng): a yearly duty of the commune
  military command (Decree 168/2018 as amended by Decree 220/2025). The reference gives no due
  day: 31 January is an unverified default.
* **People's air defence** (Law 49/2024): the broad forces may be called for training or drills
  for at most 7 days a year, including defence-zone drills.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from muster.law.callup.year import Step, YearInput
from muster.law.defence.works import DECREE_168_2018, DECREE_168_2018_FROM
from muster.law.rulebook import Citation, Rule, RuleBook, make_rule
from muster.law.sources import LAW_18_2023
from muster.law.text import Text

DECREE_02_2019 = "Decree 02/2019/NĐ-CP (civil defence)"
#: Unverified default: the legal reference gives no effective date for Decree 02/2019.
DECREE_02_2019_FROM = dt.date(2019, 2, 20)
TT_99_2019 = "TT 99/2019/TT-BQP (local military bodies' tasks)"
LAW_49_2024 = "Law 49/2024/QH15 (People's Air Defence)"
#: Unverified default: the legal reference gives no effective date for Law 49/2024.
LAW_49_2024_FROM = dt.date(2025, 7, 1)


class PlanKind(StrEnum):
    WORK_PLAN = "work_plan"
    CIVIL_DEFENCE = "civil_defence"


class DrillKind(StrEnum):
    CIVIL_DEFENCE = "civil_defence"
    COMBAT = "combat"


PLAN_TITLES: dict[PlanKind, Text] = {
    PlanKind.WORK_PLAN: Text(
        "Kế hoạch công tác quốc phòng năm của xã", "Commune defence work plan (yearly)"
    ),
    PlanKind.CIVIL_DEFENCE: Text(
        "Kế hoạch phòng thủ dân sự (5 năm, điều chỉnh hằng năm)",
        "Civil defence plan (5 years, adjusted yearly)",
    ),
}
DRILL_TITLES: dict[DrillKind, Text] = {
    DrillKind.CIVIL_DEFENCE: Text("Diễn tập phòng thủ dân sự", "Civil defence drill"),
    DrillKind.COMBAT: Text("Diễn tập chiến đấu phòng thủ xã", "Commune defensive combat drill"),
}

_DECREE_02_NOTE = (
    "Unverified: Decree 02/2019 may have been replaced after the Law on Civil Defence 18/2023 "
    "(in force 1 Jul 2024); its effective date is a default."
)

RULES: tuple[Rule, ...] = (
    make_rule(
        "defence.civil_plan_cycle",
        "deadline",
        "Civil defence plans on a 5-year cycle, adjusted yearly",
        "Kế hoạch phòng thủ dân sự xây dựng theo chu kỳ 5 năm, điều chỉnh hằng năm",
        (
            Citation(DECREE_02_2019, "5–7", text="plans on a 5-year cycle, adjusted yearly"),
            Citation(LAW_18_2023, None, None, None, "the Law on Civil Defence, from 1 Jul 2024"),
        ),
        DECREE_02_2019_FROM,
        confirmed=False,
        note=_DECREE_02_NOTE,
        cycle_years=5,
        adjust_every_years=1,
    ),
    make_rule(
        "defence.civil_drill_cycle",
        "deadline",
        "A civil defence drill once every 5 years",
        "Diễn tập phòng thủ dân sự 5 năm một lần",
        (
            Citation(DECREE_02_2019, "7", text="a civil defence drill once every 5 years"),
            Citation(LAW_18_2023, None, None, None, "the Law on Civil Defence, from 1 Jul 2024"),
        ),
        DECREE_02_2019_FROM,
        confirmed=False,
        note=_DECREE_02_NOTE,
        cycle_years=5,
    ),
    make_rule(
        "defence.combat_drill_cycle",
        "deadline",
        "A commune defensive combat drill (default: once every 5 years)",
        "Diễn tập chiến đấu phòng thủ xã (mặc định: 5 năm một lần)",
        Citation(TT_99_2019, "8", text="direct commune defensive combat drills"),
        DECREE_168_2018_FROM,
        confirmed=False,
        note="Unverified: the legal reference gives no cycle; once every 5 years is a default.",
        cycle_years=5,
    ),
    make_rule(
        "defence.work_plan_yearly",
        "deadline",
        "The commune defence work plan, yearly (default due 31 January)",
        "Kế hoạch công tác quốc phòng của xã hằng năm (mặc định trước 31/01)",
        Citation(DECREE_168_2018, None, None, None, "as amended by Decree 220/2025"),
        DECREE_168_2018_FROM,
        confirmed=False,
        note="Unverified: the legal reference gives no due day; 31 January is a default.",
        due_month=1,
        due_day=31,
    ),
    make_rule(
        "defence.air_defence_days",
        "threshold",
        "Broad air-defence forces called for training or drills at most 7 days a year",
        "Lực lượng phòng không nhân dân rộng rãi được huy động huấn luyện, diễn tập không quá "
        "7 ngày trong năm",
        Citation(LAW_49_2024, None, None, None, "including defence-zone drills"),
        LAW_49_2024_FROM,
        max_days_per_year=7,
    ),
)
BOOK = RuleBook(RULES)


def cycle_years_of(kind: DrillKind | str, day: dt.date) -> int:
    """How many years between two drills of ``kind`` (the rule in force on ``day``)."""
    code = (
        "defence.civil_drill_cycle"
        if DrillKind(kind) == DrillKind.CIVIL_DEFENCE
        else "defence.combat_drill_cycle"
    )
    return BOOK.rule(code, day).int_param("cycle_years")


def plan_cycle_end(first_year: int) -> int:
    """The last year of a civil defence plan starting in ``first_year`` (5-year cycle)."""
    cycle = BOOK.rule("defence.civil_plan_cycle", dt.date(first_year, 1, 1)).int_param(
        "cycle_years"
    )
    return first_year + cycle - 1


def drill_due(kind: DrillKind | str, last_held: dt.date | None, year: int) -> bool:
    """Whether a drill of ``kind`` is due in ``year``: never held, or the last one held
    ``cycle_years`` or more years before."""
    if last_held is None:
        return True
    return year - last_held.year >= cycle_years_of(kind, dt.date(year, 1, 1))


# ------------------------------------------------------------------- calendar steps

WORK_PLAN_KIND = "defence_work_plan"
CIVIL_PLAN_KIND = "defence_civil_plan"
DRILLS_KIND = "defence_drills"


def year_steps(data: YearInput) -> list[Step]:
    """The defence steps of every commune's year: the yearly work plan, the yearly adjustment
    of the civil defence plan, and the drills (a running step, read by the registry)."""
    year = data.year
    day = dt.date(year, 1, 1)
    if day < DECREE_168_2018_FROM:
        return []
    work = BOOK.rule("defence.work_plan_yearly", day)
    civil = BOOK.rule("defence.civil_plan_cycle", day)
    drill = BOOK.rule("defence.civil_drill_cycle", day)
    return [
        Step(
            f"{WORK_PLAN_KIND}.{year}",
            WORK_PLAN_KIND,
            Text(f"Kế hoạch công tác quốc phòng năm {year}", f"Defence work plan {year}"),
            dt.date(year, work.int_param("due_month"), work.int_param("due_day")),
            work.citations,
            start=day,
            confirmed=work.confirmed,
        ),
        Step(
            f"{CIVIL_PLAN_KIND}.{year}",
            CIVIL_PLAN_KIND,
            Text(
                f"Điều chỉnh kế hoạch phòng thủ dân sự năm {year}",
                f"Yearly adjustment of the civil defence plan {year}",
            ),
            dt.date(year, 12, 31),
            civil.citations,
            start=day,
            confirmed=civil.confirmed,
        ),
        Step(
            f"{DRILLS_KIND}.{year}",
            DRILLS_KIND,
            Text(
                "Diễn tập phòng thủ dân sự, chiến đấu phòng thủ xã theo kế hoạch",
                "Civil defence and commune defensive combat drills as planned",
            ),
            dt.date(year, 12, 31),
            drill.citations,
            start=day,
            confirmed=drill.confirmed,
        ),
    ]
