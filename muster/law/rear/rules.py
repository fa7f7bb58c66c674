"""Dated rules of the rear policy for the families of serving soldiers (legal-reference §6).

* Relatives covered: parents, parents-in-law, the legal guardian, the spouse, natural and
  adopted children (Law 78/2015 Art 50(2); Decree 27/2016 Art 6).
* Emergency support (Decree 27/2016 Art 6; TT 95/2016): a house collapsed, washed away, burnt,
  relocated or heavy property loss 3,000,000 VND a case, at most 2 a year per soldier; a relative
  ill for at least 1 month or in hospital at least 7 days in one stay 500,000 VND per relative a
  case, at most 2 a year per relative; a relative who dies or goes missing 2,000,000 VND a person.
* Procedure (TT 95/2016 Art 5): the regiment decides within 2 working days; missing papers are
  supplied within 30 days.
* Entitlements: health insurance; tuition exemption or reduction for children at public and
  private general schools.

Every amount is the text before the consolidated VBHN 40/VBHN-BQP (2025), which may have raised
it (reference §6 [U]): all rules carry ``confirmed=False`` and the pages say "chưa xác minh".
"1 month" of illness is counted as 30 days (a configurable default). The effective date of
Decree 27/2016 and TT 95/2016 is not in the reference; 20 May 2016 is a default.
"""

from __future__ import annotations

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import DECREE_27, DECREE_27_FROM, LAW_78

TT_95 = "TT 95/2016/TT-BQP (rear policy procedure)"
VBHN_40 = "VBHN 40/VBHN-BQP/2025 (Decree 27/2016 consolidated)"

NOTE = (
    "Unverified: amount of Decree 27/2016 Art 6 before the consolidated VBHN 40/VBHN-BQP "
    "(2025), which may have raised it; effective date 20 May 2016 is a default."
)


def _cite(text: str, *, tt95: bool = True) -> tuple[Citation, ...]:
    cites = [Citation(DECREE_27, "6", text=text), Citation(LAW_78, "50", "2", text=text)]
    if tt95:
        cites.append(Citation(TT_95, "5", text=text))
    return tuple(cites)


REAR_RULES: tuple[Rule, ...] = (
    make_rule(
        "rear.relatives",
        "standard",
        "Relatives of a serving soldier covered by the rear policy: parents, parents-in-law, "
        "legal guardian, spouse, natural and adopted children",
        "Thân nhân của hạ sĩ quan, binh sĩ đang tại ngũ được hưởng chế độ: bố, mẹ đẻ; bố, mẹ "
        "vợ hoặc chồng; người nuôi dưỡng hợp pháp; vợ hoặc chồng; con đẻ, con nuôi hợp pháp",
        _cite("relatives covered", tt95=False),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
    ),
    make_rule(
        "rear.support.house",
        "allowance",
        "Emergency support: house collapsed, washed away, burnt, relocated or heavy property "
        "loss, per case, at most 2 cases a year per soldier",
        "Trợ cấp khó khăn đột xuất: nhà ở bị sập, trôi, cháy, phải di dời hoặc thiệt hại nặng "
        "về tài sản, mỗi lần; không quá 02 lần trong một năm đối với mỗi quân nhân",
        _cite("house or property loss"),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
        amount=3_000_000,
        per_year=2,
    ),
    make_rule(
        "rear.support.illness",
        "allowance",
        "Emergency support: a relative ill for 1 month or more (30 days) or in hospital for 7 "
        "days or more in one stay, per relative per case, at most 2 cases a year per relative",
        "Trợ cấp khó khăn đột xuất: thân nhân ốm đau từ 01 tháng trở lên (30 ngày) hoặc điều "
        "trị tại bệnh viện từ 07 ngày trở lên trong một lần, mỗi thân nhân mỗi lần; không quá "
        "02 lần trong một năm đối với mỗi thân nhân",
        _cite("relative ill or in hospital"),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
        amount=500_000,
        per_year=2,
        min_ill_days=30,
        min_hospital_days=7,
    ),
    make_rule(
        "rear.support.death",
        "allowance",
        "Emergency support: a relative dies or goes missing, per person",
        "Trợ cấp khó khăn đột xuất: thân nhân chết hoặc mất tích, mỗi người",
        _cite("relative dies or is missing"),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
        amount=2_000_000,
        per_year=1,
    ),
    make_rule(
        "rear.procedure.decide",
        "deadline",
        "The regiment decides the support within 2 working days of receiving the file",
        "Trung đoàn xem xét, quyết định trợ cấp trong thời hạn 02 ngày làm việc kể từ ngày "
        "nhận đủ hồ sơ",
        Citation(TT_95, "5", text="decision within 2 working days"),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
        working_days=2,
    ),
    make_rule(
        "rear.procedure.missing_papers",
        "deadline",
        "Missing papers of a support file are supplied within 30 days",
        "Hồ sơ còn thiếu được bổ sung trong thời hạn 30 ngày",
        Citation(TT_95, "5", text="missing papers within 30 days"),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
        days=30,
    ),
    make_rule(
        "rear.entitlement.health_insurance",
        "allowance",
        "Relatives of a serving soldier are covered by health insurance paid by the state",
        "Thân nhân của hạ sĩ quan, binh sĩ tại ngũ được hưởng chế độ bảo hiểm y tế do ngân "
        "sách nhà nước bảo đảm",
        _cite("health insurance", tt95=False),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
    ),
    make_rule(
        "rear.entitlement.tuition",
        "allowance",
        "Children of a serving soldier at public or private general schools are exempt from or "
        "get a reduction of tuition",
        "Con đẻ, con nuôi hợp pháp của hạ sĩ quan, binh sĩ tại ngũ học tại cơ sở giáo dục phổ "
        "thông công lập, ngoài công lập được miễn, giảm học phí",
        _cite("tuition exemption or reduction", tt95=False),
        DECREE_27_FROM,
        confirmed=False,
        note=NOTE,
    ),
)
