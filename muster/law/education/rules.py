"""The dated, cited rules of defence and security education (legal-reference §5).

* Groups 1–4 (Decree 13/2014 Art 2 as amended by Decree 139/2020, pre-2025 wording): who is in
  the group, who convenes the course and where it is held.
* From 1 Jul 2025 (Law 98/2025 abolishes the district level; Decree 220/2025 amends Decree
  13/2014) the legal reference cannot say how group 4 is reassigned ("probably commune and
  provincial level"): that version carries ``confirmed=False`` and every page shows the flag.
* Certificates (Decree 13/2014 Art 5): group 1 the National Defence Academy, group 2 the Political
  Academy or a military-region school, groups 3–4 the provincial command, group 4 the district
  commander (commune staff: the commune chairman). From 1 Jul 2025: unverified.
* ``edu.certificate.validity``: how long a certificate counts before a member is due again. The
  legal reference gives no period; 5 years (one term of office) is a configurable default,
  ``confirmed=False``.

Effective days the legal reference does not give (Decree 13/2014, Decree 139/2020) are
configurable defaults and the rules starting on them carry ``confirmed=False``.
"""

from __future__ import annotations

import datetime as dt

from muster.law.rulebook import Citation, Rule, RuleBook, make_rule

LAW_30 = "Law 30/2013/QH13 (Defence and Security Education)"
LAW_35 = "Law 35/2018/QH14 (amending laws related to planning)"
LAW_98 = "Law 98/2025/QH15 (amending 11 defence laws)"
DECREE_13 = "Decree 13/2014/NĐ-CP (defence and security education)"
DECREE_139 = "Decree 139/2020/NĐ-CP (amending Decree 13/2014)"
DECREE_220 = "Decree 220/2025/NĐ-CP (amending nine defence decrees)"

#: Decree 13/2014 (signed 25 Feb 2014) and Decree 139/2020 (signed 27 Nov 2020): the legal
#: reference gives no effective day; these are configurable defaults (``confirmed=False``).
DECREE_13_FROM = dt.date(2014, 4, 10)
DECREE_139_FROM = dt.date(2021, 1, 15)
#: Law 98/2025 took effect on 1 Jul 2025 (legal-reference §1.1): no district level after it.
LAW_98_FROM = dt.date(2025, 7, 1)
BEFORE_98 = LAW_98_FROM - dt.timedelta(days=1)

GROUPS = (1, 2, 3, 4)

_ART_2 = Citation(DECREE_13, "2", text="Target groups 1–4, as amended by Decree 139/2020")
_ART_2_139 = Citation(DECREE_139, "1", text="Amends Decree 13/2014 Art 2")
_ART_5 = Citation(DECREE_13, "5", text="Certificates of defence and security education")
_LAW_14 = Citation(LAW_30, "14", "2", text="Target groups of defence and security education")
_LAW_98 = Citation(
    LAW_98,
    "11",
    text="Amends Law 30/2013: councils at central, region, "
    "province and commune level; the commune command is the standing body",
)
_D220 = Citation(DECREE_220, text="Amends Decree 13/2014 (reassignment of group 4 not verified)")

_UNVERIFIED = (
    "legal-reference §5: how Decree 220/2025 reassigns group 4 is unverified (probably commune "
    "and provincial level)"
)


def _group(
    number: int,
    members_vi: str,
    members_en: str,
    convenes_vi: str,
    convenes_en: str,
    place_vi: str,
    place_en: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    *,
    confirmed: bool = True,
    citations: tuple[Citation, ...] = (_ART_2, _ART_2_139, _LAW_14),
    note: str = "",
) -> Rule:
    return make_rule(
        f"edu.group.{number}",
        "standard",
        f"Group {number} of defence and security education",
        f"Đối tượng {number} bồi dưỡng kiến thức quốc phòng và an ninh",
        citations,
        valid_from,
        valid_to,
        confirmed=confirmed,
        note=note,
        members_vi=members_vi,
        members_en=members_en,
        convenes_vi=convenes_vi,
        convenes_en=convenes_en,
        place_vi=place_vi,
        place_en=place_en,
        verified=not note,
    )


def _authority(
    group: int,
    authority: str,
    commune_staff_authority: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    *,
    confirmed: bool = True,
    citations: tuple[Citation, ...] = (_ART_5,),
    note: str = "",
) -> Rule:
    return make_rule(
        f"edu.certificate.group{group}",
        "authority",
        f"Issuer of the group {group} certificate",
        f"Cơ quan cấp chứng chỉ đối tượng {group}",
        citations,
        valid_from,
        valid_to,
        confirmed=confirmed,
        note=note,
        authority=authority,
        commune_staff_authority=commune_staff_authority,
        verified=not note,
    )


GROUP_RULES: tuple[Rule, ...] = (
    _group(
        1,
        "Cán bộ diện Bộ Chính trị, Ban Bí thư quản lý; chức danh do Thủ tướng bổ nhiệm; đại biểu "
        "Quốc hội; cấp trưởng, phó tổng cục và tương đương",
        "Cadres managed by the Politburo and Secretariat, PM-appointed officials, National "
        "Assembly deputies, heads and deputies of general departments",
        "Hội đồng GDQPAN Trung ương",
        "The central defence and security education council",
        "Học viện Quốc phòng",
        "The National Defence Academy",
        DECREE_139_FROM,
        confirmed=False,
    ),
    _group(
        2,
        "Cán bộ diện Ban Thường vụ tỉnh ủy quản lý; lãnh đạo cấp sở và tương đương trên địa bàn "
        "quân khu; đại biểu Hội đồng nhân dân tỉnh",
        "Cadres managed by the provincial standing committee; department-director-level leaders "
        "in the military region; provincial People's Council deputies",
        "Hội đồng GDQPAN quân khu (Hà Nội: Hội đồng GDQPAN thành phố)",
        "The military-region council (Hà Nội: the city council)",
        "Học viện Chính trị hoặc trường quân sự quân khu",
        "The Political Academy or a military-region school",
        DECREE_139_FROM,
        confirmed=False,
    ),
    _group(
        3,
        "Cán bộ diện Ban Thường vụ huyện ủy quản lý; đại biểu Hội đồng nhân dân huyện; cán bộ cấp "
        "phòng của cơ quan tỉnh, trung ương trên địa bàn tỉnh",
        "Cadres managed by the district standing committee; district People's Council deputies; "
        "division-head-level staff of provincial and central bodies in the province",
        "Hội đồng GDQPAN tỉnh",
        "The provincial council",
        "Bộ Chỉ huy quân sự tỉnh (trung tâm huấn luyện)",
        "The provincial military command (e.g. its training centre)",
        DECREE_139_FROM,
        confirmed=False,
    ),
    _group(
        4,
        "Cán bộ quản lý, đảng viên cơ quan cấp huyện; đại biểu HĐND xã; cán bộ, công chức xã; "
        "người hoạt động không chuyên trách; trưởng thôn, người đứng đầu đoàn thể thôn; đảng viên",
        "Managers and Party members of district bodies; commune People's Council deputies; "
        "commune cadres and civil servants; part-time commune staff; village heads and heads "
        "of village mass organisations; other Party members",
        "Hội đồng GDQPAN huyện; Hội đồng GDQPAN xã; thủ trưởng cơ quan trung ương, tỉnh đóng "
        "trên địa bàn huyện",
        "The district council, the commune council, heads of central or provincial bodies "
        "located in the district",
        "Ban Chỉ huy quân sự huyện",
        "The district military command",
        DECREE_139_FROM,
        BEFORE_98,
        confirmed=False,
    ),
    _group(
        4,
        "Cán bộ, công chức, đại biểu HĐND cấp xã; người hoạt động không chuyên trách; trưởng "
        "thôn, người đứng đầu đoàn thể thôn; đảng viên (phân công lại theo Nghị định "
        "220/2025 — chưa kiểm chứng)",
        "Commune cadres, civil servants and People's Council deputies; part-time commune staff; "
        "village heads and heads of village mass organisations; Party members (reassigned by "
        "Decree 220/2025 — unverified)",
        "Hội đồng GDQPAN xã hoặc tỉnh (chưa kiểm chứng)",
        "The commune or provincial council (unverified)",
        "Bộ Chỉ huy quân sự tỉnh hoặc Ban Chỉ huy quân sự xã (chưa kiểm chứng)",
        "The provincial military command or the commune military command (unverified)",
        LAW_98_FROM,
        confirmed=False,
        citations=(_LAW_98, _D220, _ART_2),
        note=_UNVERIFIED,
    ),
)

CERTIFICATE_RULES: tuple[Rule, ...] = (
    _authority(1, "defence_academy", "defence_academy", DECREE_13_FROM, confirmed=False),
    _authority(2, "political_academy", "political_academy", DECREE_13_FROM, confirmed=False),
    _authority(3, "province_command", "province_command", DECREE_13_FROM, confirmed=False),
    _authority(
        4, "district_commander", "commune_chairman", DECREE_13_FROM, BEFORE_98, confirmed=False
    ),
    _authority(
        4,
        "province_command",
        "commune_chairman",
        LAW_98_FROM,
        confirmed=False,
        citations=(_ART_5, _LAW_98, _D220),
        note=_UNVERIFIED,
    ),
    make_rule(
        "edu.certificate.validity",
        "threshold",
        "Years a certificate counts before the member is due again",
        "Số năm chứng chỉ còn giá trị trước khi phải bồi dưỡng lại",
        _ART_5,
        DECREE_13_FROM,
        confirmed=False,
        note="not in the legal reference: configurable default (one term of office)",
        years=5,
    ),
)

EDUCATION_RULES: tuple[Rule, ...] = GROUP_RULES + CERTIFICATE_RULES
BOOK = RuleBook(EDUCATION_RULES)
