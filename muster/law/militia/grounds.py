"""Deferral (tạm hoãn, Art 11(1)) and exemption (miễn, Art 11(2)) of the duty to serve in the
militia and self-defence force, and who may still volunteer (Art 11(3)). Pure: no Django.

Codes follow the law: ``11.1.a`` … ``11.1.h`` defer, ``11.2.a`` … ``11.2.đ`` exempt. In the rule
book each ground is the rule ``militia.<code>`` (the call-up's ``41.1.a`` … codes are another
law's). Source: legal-reference §3 "Deferral, Art 11(1)" and "Exemption, Art 11(2)" [C: S4;
S2 Art 10(4)].
"""

from __future__ import annotations

from dataclasses import dataclass

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import LAW_48, LAW_48_FROM
from muster.law.text import Text


@dataclass(frozen=True, slots=True)
class Ground:
    """One ground of Art 11: its code, what it says in both languages, and whether a person
    it covers may still volunteer (Art 11(3))."""

    code: str
    kind: str  # "deferral" | "exemption"
    text: Text
    volunteer_admissible: bool

    @property
    def rule_code(self) -> str:
        return f"militia.{self.code}"


GROUNDS: tuple[Ground, ...] = (
    Ground(
        "11.1.a",
        "deferral",
        Text(
            "Phụ nữ mang thai hoặc nuôi con dưới 36 tháng tuổi; nam giới một mình nuôi con "
            "dưới 36 tháng tuổi.",
            "Pregnant, or raising a child under 36 months; a man raising a child under 36 "
            "months alone.",
        ),
        False,
    ),
    Ground(
        "11.1.b",
        "deferral",
        Text("Không đủ sức khỏe thực hiện nghĩa vụ tham gia Dân quân tự vệ.", "Not fit."),
        False,
    ),
    Ground(
        "11.1.c",
        "deferral",
        Text(
            "Có chồng hoặc vợ là sĩ quan, quân nhân chuyên nghiệp, công chức, công nhân, viên "
            "chức quốc phòng, hạ sĩ quan, binh sĩ đang phục vụ trong Quân đội nhân dân.",
            "Spouse is an officer, professional soldier, defence civil servant, worker or "
            "public employee, or an NCO or soldier serving in the army.",
        ),
        True,
    ),
    Ground(
        "11.1.d",
        "deferral",
        Text(
            "Có chồng hoặc vợ là sĩ quan, hạ sĩ quan, chiến sĩ, công nhân công an đang phục vụ "
            "trong Công an nhân dân.",
            "Spouse serves in the People's Public Security (CAND).",
        ),
        True,
    ),
    Ground(
        "11.1.đ",
        "deferral",
        Text(
            "Có chồng hoặc vợ là cán bộ, công chức, viên chức, thanh niên xung phong được điều "
            "động đến công tác, làm việc ở vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn.",
            "Spouse is a cadre, civil servant, public employee or youth volunteer posted to an "
            "especially difficult area.",
        ),
        True,
    ),
    Ground(
        "11.1.e",
        "deferral",
        Text(
            "Lao động duy nhất trong hộ nghèo, hộ cận nghèo; phải trực tiếp nuôi dưỡng thân nhân "
            "không còn khả năng lao động; hoặc gia đình bị thiệt hại nặng do tai nạn, thiên tai, "
            "dịch bệnh nguy hiểm (được xác nhận).",
            "Sole worker in a poor or near-poor household; must directly support relatives "
            "unable to work; or household heavily hit by accident, disaster or epidemic "
            "(confirmed).",
        ),
        True,
    ),
    Ground(
        "11.1.g",
        "deferral",
        Text(
            "Vợ hoặc chồng, một con của thương binh, bệnh binh, người bị nhiễm chất độc da cam "
            "suy giảm khả năng lao động từ 61% đến 80%.",
            "Spouse, or one child, of a war invalid, sick soldier or Agent Orange victim with "
            "61–80% loss of working capacity.",
        ),
        True,
    ),
    Ground(
        "11.1.h",
        "deferral",
        Text(
            "Người đang học tập; người đang lao động, học tập, làm việc ở nước ngoài.",
            "Studying; working or studying abroad.",
        ),
        False,
    ),
    Ground(
        "11.2.a",
        "exemption",
        Text("Vợ hoặc chồng, con của liệt sĩ.", "Spouse or child of a martyr."),
        True,
    ),
    Ground(
        "11.2.b",
        "exemption",
        Text(
            "Vợ hoặc chồng, con của thương binh, bệnh binh, người bị nhiễm chất độc da cam suy "
            "giảm khả năng lao động từ 81% trở lên.",
            "Spouse or child of a war invalid, sick soldier or Agent Orange victim with 81% or "
            "more loss of working capacity.",
        ),
        True,
    ),
    Ground(
        "11.2.c",
        "exemption",
        Text(
            "Quân nhân dự bị đã được sắp xếp vào đơn vị dự bị động viên.",
            "Reservist already placed in a reserve unit.",
        ),
        False,
    ),
    Ground(
        "11.2.d",
        "exemption",
        Text(
            "Người trực tiếp nuôi dưỡng, chăm sóc Mẹ Việt Nam anh hùng; người trực tiếp nuôi "
            "dưỡng người suy giảm khả năng lao động từ 81% trở lên.",
            "Directly caring for a Heroic Vietnamese Mother, or for someone with 81% or more "
            "loss of working capacity.",
        ),
        True,
    ),
    Ground(
        "11.2.đ",
        "exemption",
        Text("Người làm công tác cơ yếu.", "Cipher worker."),
        False,
    ),
)

GROUND_BY_CODE: dict[str, Ground] = {g.code: g for g in GROUNDS}
DEFERRAL_CODES: tuple[str, ...] = tuple(g.code for g in GROUNDS if g.kind == "deferral")
EXEMPTION_CODES: tuple[str, ...] = tuple(g.code for g in GROUNDS if g.kind == "exemption")
#: Art 11(3): deferral c–g and exemption a, b, d may volunteer.
VOLUNTEER_ADMISSIBLE: frozenset[str] = frozenset(g.code for g in GROUNDS if g.volunteer_admissible)

#: The share of lost working capacity that defers (61–80 %) or exempts (81 % and more).
_LOSS = {"11.1.g": {"min_percent": 61, "max_percent": 80}, "11.2.b": {"min_percent": 81}}
_CHILD_MONTHS = {"11.1.a": {"months": 36}}


def _rule(ground: Ground) -> Rule:
    _article, clause, point = ground.code.split(".")
    params = {**_LOSS.get(ground.code, {}), **_CHILD_MONTHS.get(ground.code, {})}
    return make_rule(
        ground.rule_code,
        "deferral" if ground.kind == "deferral" else "exemption",
        ground.text.en,
        ground.text.vi,
        Citation(LAW_48, "11", clause, point, ground.text.en),
        LAW_48_FROM,
        None,
        confirmed=True,
        note="",
        **params,
    )


GROUND_RULES: tuple[Rule, ...] = (
    *(_rule(g) for g in GROUNDS),
    make_rule(
        "militia.11.3",
        "volunteering",
        "A person deferred under Art 11(1)(c)–(g) or exempt under Art 11(2)(a), (b), (d) who "
        "volunteers may be selected",
        "Công dân thuộc diện tạm hoãn theo điểm c–g khoản 1, miễn theo điểm a, b, d khoản 2 "
        "Điều 11 nếu tình nguyện thì được xem xét tuyển chọn",
        Citation(LAW_48, "11", "3", None, "Volunteers of deferral c–g and exemption a, b, d."),
        LAW_48_FROM,
        note="Volunteering never cures 11.1.a, 11.1.b (not fit), 11.1.h, 11.2.c (placed "
        "reservist) or 11.2.đ (cipher worker).",
    ),
)
