"""Defence works as projects: their kinds and the ordered legal steps of each. Pure: no Django.

Source: legal-reference §7 "Defence zone, defence work and civil defence" (Law on National
Defence Art 9 as amended by Law 98/2025 Art 1(1); Decree 21/2019 on defence zones, consolidated
as VBHN 47/VBHN-BQP of 6 Sep 2025; Decree 168/2018 on defence work, amended by Decree 220/2025)
and the 2025 directive of Kim Động, task 1 (land for the rear base, land for the basic command
post, commune military command headquarters).

What the reference gives and what it does not:

* The duty to build the defence zone with the commune as its foundation, and the works it
  needs, is confirmed (Art 9 as amended).
* The **procedure** of a work (land recovery or allocation, design approval, funding,
  construction start, completion) comes from the land and construction laws, which the legal
  reference does not quote. The steps and their order below are Muster's reading of the usual
  procedure, kept as an unverified default (``confirmed=False``), shown as such on the pages.
* The effective dates of Decree 21/2019 and Decree 168/2018 are not in the reference: the dates
  below are configurable defaults (unverified).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from muster.law.rulebook import Citation
from muster.law.sources import LAW_98, LAW_98_FROM
from muster.law.text import Text

LAW_22_2018 = "Law 22/2018/QH14 (National Defence)"
DECREE_21_2019 = "Decree 21/2019/NĐ-CP (defence zones)"
VBHN_47_2025 = "VBHN 47/VBHN-BQP/2025 (Decree 21/2019, consolidated)"
DECREE_168_2018 = "Decree 168/2018/NĐ-CP (defence work of ministries and localities)"
DECREE_220_2025 = "Decree 220/2025/NĐ-CP (amending nine defence decrees)"
#: Law 22/2018 took effect on 1 Jan 2019 (its final article; not in the legal reference).
LAW_22_2018_FROM = dt.date(2019, 1, 1)
#: Unverified defaults: the legal reference gives no effective date for these decrees.
DECREE_21_2019_FROM = dt.date(2019, 4, 9)
DECREE_168_2018_FROM = dt.date(2019, 2, 15)
DECREE_220_2025_FROM = dt.date(2025, 8, 7)
VBHN_47_2025_ON = dt.date(2025, 9, 6)

#: Area units of a work's land.
HECTARE = "ha"
SQUARE_METRE = "m2"
M2_PER_HA = 10_000


class WorkKind(StrEnum):
    #: Land for a site of the defence zone (the rear base, the basic command post).
    LAND = "land"
    #: A commune military command headquarters (trụ sở Ban CHQS xã).
    COMMUNE_HQ = "commune_hq"
    #: Any other defence work.
    OTHER = "other"


class StepCode(StrEnum):
    INVESTMENT = "investment"
    LAND = "land"
    DESIGN = "design"
    FUNDING = "funding"
    START = "start"
    COMPLETION = "completion"


STEP_TITLES: dict[StepCode, Text] = {
    StepCode.INVESTMENT: Text("Phê duyệt chủ trương đầu tư", "Investment policy approved"),
    StepCode.LAND: Text("Thu hồi, giao đất", "Land recovered and allocated"),
    StepCode.DESIGN: Text("Phê duyệt thiết kế, dự toán", "Design and estimate approved"),
    StepCode.FUNDING: Text("Bố trí kinh phí", "Funding allocated"),
    StepCode.START: Text("Khởi công xây dựng", "Construction started"),
    StepCode.COMPLETION: Text(
        "Hoàn thành, nghiệm thu, bàn giao", "Completed, accepted and handed over"
    ),
}

KIND_TITLES: dict[WorkKind, Text] = {
    WorkKind.LAND: Text("Đất cho công trình khu vực phòng thủ", "Land for a defence-zone site"),
    WorkKind.COMMUNE_HQ: Text(
        "Trụ sở Ban Chỉ huy quân sự xã", "Commune military command headquarters"
    ),
    WorkKind.OTHER: Text("Công trình quốc phòng khác", "Other defence work"),
}

#: The ordered steps of each kind (Muster's reading, unverified: see the module docstring).
STEPS: dict[WorkKind, tuple[StepCode, ...]] = {
    WorkKind.LAND: (StepCode.INVESTMENT, StepCode.FUNDING, StepCode.LAND),
    WorkKind.COMMUNE_HQ: (
        StepCode.INVESTMENT,
        StepCode.LAND,
        StepCode.DESIGN,
        StepCode.FUNDING,
        StepCode.START,
        StepCode.COMPLETION,
    ),
    WorkKind.OTHER: (
        StepCode.INVESTMENT,
        StepCode.DESIGN,
        StepCode.FUNDING,
        StepCode.START,
        StepCode.COMPLETION,
    ),
}

#: The directive's figures: a land work counts its area once its land step is approved; a
#: headquarters counts as started once its construction-start step is approved.
LAND_STEP = StepCode.LAND
HQ_STARTED_STEP = StepCode.START


@dataclass(frozen=True)
class Basis:
    """Where the duty to build defence works comes from, with its dates and whether the
    reference confirms it."""

    citations: tuple[Citation, ...]
    valid_from: dt.date
    confirmed: bool
    note: str = ""


WORK_BASIS = Basis(
    citations=(
        Citation(LAW_22_2018, "9", "2", None, "build the defence zone; the commune its base"),
        Citation(LAW_98, "1", "1", None, "Art 9 as amended"),
        Citation(VBHN_47_2025, None, None, None, "Decree 21/2019 on defence zones"),
        Citation(DECREE_168_2018, None, None, None, "as amended by Decree 220/2025"),
    ),
    valid_from=LAW_98_FROM,
    confirmed=True,
)
STEPS_BASIS = Basis(
    citations=(Citation(DECREE_168_2018, None, None, None, "defence work of localities"),),
    valid_from=DECREE_168_2018_FROM,
    confirmed=False,
    note="Unverified: the steps and their order are Muster's reading of the land and "
    "construction procedure, which the legal reference does not quote.",
)


def steps_of(kind: WorkKind | str) -> tuple[StepCode, ...]:
    """The ordered steps of a work of ``kind``."""
    return STEPS[WorkKind(kind)]


def area_in_ha(area: float, unit: str) -> float:
    """A work's area in hectares (``unit`` is ``ha`` or ``m2``)."""
    if unit == HECTARE:
        return area
    if unit == SQUARE_METRE:
        return area / M2_PER_HA
    raise ValueError(f"unknown area unit {unit!r}")


def out_of_order(kind: WorkKind | str, approved: set[str], step: str) -> list[StepCode]:
    """The steps before ``step`` of a work of ``kind`` not yet approved (empty: in order)."""
    order = steps_of(kind)
    code = StepCode(step)
    return [s for s in order[: order.index(code)] if s not in approved]
