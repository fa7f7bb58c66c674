"""The militia rules of Law 48/2019 (as amended by Law 98/2025), Decree 72/2020 (as amended by
Decrees 16/2025 and 220/2025) and TT 69/2020, as dated data. Pure: no Django.

Every code starts with ``militia.``; the grounds of Art 11 live in ``grounds.py``. All are
joined into the one rule book (``muster.law.book``). Source: legal-reference §3 (and §1 for the
2025 reform that abolished the district level on 1 Jul 2025; §1.3 for the recognition of
standing militia service as military service).

Conventions
-----------
* Ages: "from 18 to 45" means from the 18th birthday to the end of age 45: over age from the
  46th birthday (the call-up's convention, ``muster.law.ages``).
* Authorities are codes (``commune_chairman``, ``agency_head`` …) named in both languages by
  ``AUTHORITY_LABELS``. The militia (dân quân) answers to the commune chairman, the
  self-defence force (tự vệ) to the head of its agency or enterprise.
* Before 1 Jul 2025 the legal reference gives the militia deciders only as the amended text
  has them; the pre-reform versions here (district chairman for deferral, exemption and
  extension) are configurable defaults with ``confirmed=False``.
"""

from __future__ import annotations

from muster.law.militia.benefit_rules import BENEFIT_RULES
from muster.law.militia.enums import POST_LABELS, Post
from muster.law.militia.grounds import GROUND_RULES
from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    BEFORE_16,
    BEFORE_98,
    DECREE_16,
    DECREE_16_FROM,
    DECREE_72,
    DECREE_72_FROM,
    LAW_48,
    LAW_48_FROM,
    LAW_78,
    LAW_98,
    LAW_98_FROM,
    TT_69,
)
from muster.law.text import Text

#: Law 98/2025 Art 10 amends the Militia Law; its items are cited as clauses.
_L98_ART10 = "10"
_L98_ART4 = "4"

AUTHORITY_LABELS: dict[str, Text] = {
    "commune_chairman": Text(
        "Chủ tịch Ủy ban nhân dân cấp xã", "Commune People's Committee chairman"
    ),
    "agency_head": Text("Người đứng đầu cơ quan, tổ chức", "Head of the agency or organisation"),
    "district_chairman": Text(
        "Chủ tịch Ủy ban nhân dân cấp huyện", "District People's Committee chairman"
    ),
    "district_commander": Text(
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp huyện", "District military commander"
    ),
    "provincial_commander": Text(
        "Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh", "Provincial military commander"
    ),
    "provincial_chairman": Text(
        "Chủ tịch Ủy ban nhân dân cấp tỉnh", "Provincial People's Committee chairman"
    ),
    "commune_commander": Text(
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã (sau khi thống nhất với Chủ tịch Ủy ban "
        "nhân dân cấp xã và Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh)",
        "Commune military commander (after agreement of the commune chairman and the "
        "provincial commander)",
    ),
}


def _law48(
    article: str, clause: str | None = None, point: str | None = None, text: str = ""
) -> Citation:
    return Citation(LAW_48, article, clause, point, text)


def _law98(item: str, text: str) -> Citation:
    return Citation(LAW_98, _L98_ART10, item, None, text)


_PRE_REFORM_NOTE = (
    "Unverified: the legal reference quotes the deciders of the amended text only; before "
    "1 Jul 2025 this default names the district-level actor the reform abolished."
)


def _authority(
    code: str,
    title: tuple[str, str],
    before: tuple[str, Citation, bool],
    after: tuple[str, tuple[Citation, ...]],
) -> tuple[Rule, Rule]:
    """A decision's authority before and after Law 98/2025 (1 Jul 2025); the self-defence
    force always answers to the head of its agency."""
    en, vi = title
    who_before, cite_before, confirmed = before
    who_after, cite_after = after
    return (
        make_rule(
            code,
            "authority",
            en,
            vi,
            cite_before,
            LAW_48_FROM,
            BEFORE_98,
            confirmed=confirmed,
            note="" if confirmed else _PRE_REFORM_NOTE,
            authority=who_before,
            self_defence_authority="agency_head",
        ),
        make_rule(
            code,
            "authority",
            en,
            vi,
            cite_after,
            LAW_98_FROM,
            authority=who_after,
            self_defence_authority="agency_head",
        ),
    )


_AGE_TEXT = (
    "Men from 18 to the end of 45, women from 18 to the end of 40; volunteers may serve to 50 "
    "(men) or 45 (women)."
)
_TERM_TEXT = (
    "Term 4 years, 2 for standing militia; extendable by up to 2 years (maritime militia, "
    "self-defence and unit commanders longer, within the age limits)."
)

_CORE_RULES: tuple[Rule, ...] = (
    # ------------------------------------------------------------------ ages and terms
    make_rule(
        "militia.age",
        "standard",
        "Militia ages: men 18–45, women 18–40; volunteers to 50 (men) or 45 (women)",
        "Độ tuổi thực hiện nghĩa vụ tham gia Dân quân tự vệ: nam 18–45, nữ 18–40; tình nguyện "
        "đến 50 (nam), 45 (nữ)",
        _law48("8", "1", None, _AGE_TEXT),
        LAW_48_FROM,
        BEFORE_98,
        men_min_age=18,
        men_max_age=45,
        women_min_age=18,
        women_max_age=40,
        volunteer_men_max_age=50,
        volunteer_women_max_age=45,
    ),
    make_rule(
        "militia.age",
        "standard",
        "Militia ages: men 18–45, women 18–40; volunteers to 50 (men) or 45 (women)",
        "Độ tuổi thực hiện nghĩa vụ tham gia Dân quân tự vệ: nam 18–45, nữ 18–40; tình nguyện "
        "đến 50 (nam), 45 (nữ)",
        (_law48("8", "1", None, _AGE_TEXT), _law98("1", "Amends Art 8.")),
        LAW_98_FROM,
        men_min_age=18,
        men_max_age=45,
        women_min_age=18,
        women_max_age=40,
        volunteer_men_max_age=50,
        volunteer_women_max_age=45,
    ),
    make_rule(
        "militia.term",
        "threshold",
        "Term of militia duty: 4 years (standing militia 2), extendable by up to 2 years",
        "Thời hạn thực hiện nghĩa vụ tham gia Dân quân tự vệ: 4 năm (dân quân thường trực 2 "
        "năm), kéo dài không quá 2 năm",
        _law48("8", None, None, _TERM_TEXT),
        LAW_48_FROM,
        BEFORE_98,
        years=4,
        standing_years=2,
        max_extension_years=2,
    ),
    make_rule(
        "militia.term",
        "threshold",
        "Term of militia duty: 4 years (standing militia 2), extendable by up to 2 years",
        "Thời hạn thực hiện nghĩa vụ tham gia Dân quân tự vệ: 4 năm (dân quân thường trực 2 "
        "năm), kéo dài không quá 2 năm",
        (_law48("8", None, None, _TERM_TEXT), _law98("1", "Amends Art 8.")),
        LAW_98_FROM,
        years=4,
        standing_years=2,
        max_extension_years=2,
    ),
    # -------------------------------------------------------------------- registration
    make_rule(
        "militia.registration.april",
        "registration",
        "Every April the commune chairman registers citizens turning 18 for the militia, from "
        "the military service registration results",
        "Hằng năm, trong tháng 4, Chủ tịch Ủy ban nhân dân cấp xã đăng ký Dân quân tự vệ cho "
        "công dân đủ 18 tuổi, căn cứ kết quả đăng ký nghĩa vụ quân sự",
        (_law48("9", text="Registration and management."), _law98("2", "Rewrites Art 9.")),
        LAW_98_FROM,
        month=4,
        age=18,
        note="The original text of Art 9 (before 1 Jul 2025) is not encoded.",
    ),
    make_rule(
        "militia.registration.exempt",
        "registration",
        "Exempt from militia registration: people with disabilities, serious or mental illness",
        "Miễn đăng ký Dân quân tự vệ: người khuyết tật, người mắc bệnh hiểm nghèo, bệnh tâm thần",
        _law48("9", "1", "c"),
        LAW_48_FROM,
    ),
    make_rule(
        "militia.absence_report",
        "deadline",
        "A militia member absent 3 months or more reports to the commune military command",
        "Dân quân tự vệ vắng mặt từ 3 tháng trở lên phải báo cáo Ban Chỉ huy quân sự cấp xã",
        (_law48("9", text="Registration and management."), _law98("2", "Rewrites Art 9.")),
        LAW_98_FROM,
        months=3,
    ),
    make_rule(
        "militia.selection.standards",
        "standard",
        "Selection standards: clear history, obeys policy and law, fit to serve",
        "Tiêu chuẩn tuyển chọn: lý lịch rõ ràng, chấp hành chủ trương, pháp luật, đủ sức khỏe",
        _law48("10", text="Standards; reservists not yet placed in a unit may be selected."),
        LAW_48_FROM,
    ),
    # ---------------------------------------------------------------------- completion
    make_rule(
        "militia.completion",
        "threshold",
        "Completion recognised at the end of the term; those still within militia age stay "
        "registered to expand the force",
        "Công nhận hoàn thành nghĩa vụ tham gia Dân quân tự vệ khi hết thời hạn; còn trong độ "
        "tuổi thì tiếp tục được đăng ký, quản lý để mở rộng lực lượng",
        _law48("13", text="Completion of the duty."),
        LAW_48_FROM,
    ),
    make_rule(
        "militia.standing_service",
        "threshold",
        "Standing militia with at least 24 months' service have completed active military service",
        "Dân quân thường trực có ít nhất 24 tháng phục vụ được công nhận hoàn thành nghĩa vụ "
        "phục vụ tại ngũ",
        (
            Citation(LAW_78, "4", "4", "a", "Standing militia, 24 months or more."),
            _law48("49", text="Amends the Law on Military Service."),
        ),
        LAW_48_FROM,
        months=24,
    ),
    make_rule(
        "militia.reserve_class1",
        "threshold",
        "Class-1 reserve on completion: standing militia who completed; other components with "
        "3 months or more of concentrated training",
        "Chuyển sang ngạch dự bị hạng một: dân quân thường trực đã hoàn thành nghĩa vụ; thành "
        "phần khác đã được huấn luyện tập trung từ đủ 3 tháng trở lên",
        Citation(LAW_78, "24", "2", "e", "Militia who become class-1 reservists."),
        LAW_48_FROM,
        min_training_months=3,
        reserve_class=1,
    ),
    # ------------------------------------------------------------------------ training
    make_rule(
        "militia.training.days",
        "threshold",
        "Yearly training: 15 days in year 1; then 12 (mobile, maritime and specialist), 7 "
        "(on-site); standing militia 60 days every year",
        "Thời gian huấn luyện hằng năm: năm thứ nhất 15 ngày; các năm tiếp theo 12 ngày (cơ "
        "động, biển, chuyên môn), 7 ngày (tại chỗ); dân quân thường trực 60 ngày mỗi năm",
        (
            _law48("28", "1", None, "Yearly military training, political and legal education."),
            Citation(TT_69, "6", None, None, "Training time per component."),
        ),
        LAW_48_FROM,
        first_year_days=15,
        specialist_days=12,
        on_site_days=7,
        standing_days=60,
    ),
    # ----------------------------------------------------------------------- authority
    *_authority(
        "militia.authority.selection",
        (
            "Selection into the militia decided by the commune chairman (self-defence: the "
            "agency head)",
            "Chủ tịch Ủy ban nhân dân cấp xã, người đứng đầu cơ quan, tổ chức quyết định tuyển "
            "chọn",
        ),
        ("commune_chairman", _law48("10", text="Selection."), False),
        ("commune_chairman", (_law48("10"), _law98("3", "Rewrites Art 10."))),
    ),
    *_authority(
        "militia.authority.deferral_exemption",
        (
            "Deferral and exemption of militia duty: who decides",
            "Thẩm quyền quyết định tạm hoãn, miễn thực hiện nghĩa vụ tham gia Dân quân tự vệ",
        ),
        ("district_chairman", _law48("11", text="Deferral and exemption."), False),
        ("commune_chairman", (_law48("11"), _law98("4", "Rewrites Art 11."))),
    ),
    *_authority(
        "militia.authority.extension",
        (
            "Extension of the militia term: who decides",
            "Thẩm quyền quyết định kéo dài thời hạn thực hiện nghĩa vụ tham gia Dân quân tự vệ",
        ),
        ("district_chairman", _law48("8", text="Extension of the term."), False),
        ("commune_chairman", (_law48("8"), _law98("1", "Amends Art 8."))),
    ),
    *_authority(
        "militia.authority.completion",
        (
            "Completion of militia duty: who recognises it",
            "Thẩm quyền công nhận hoàn thành nghĩa vụ tham gia Dân quân tự vệ",
        ),
        ("commune_chairman", _law48("13", text="Completion."), False),
        ("commune_chairman", (_law48("13"), Citation(LAW_98, _L98_ART10, text="Amends Art 13."))),
    ),
    *_authority(
        "militia.authority.service_recognition",
        (
            "Standing militia service recognised as military service: who recognises it",
            "Thẩm quyền công nhận hoàn thành nghĩa vụ phục vụ tại ngũ đối với dân quân thường trực",
        ),
        (
            "district_commander",
            Citation(LAW_78, "42", "2", None, "District military commander (original text)."),
            True,
        ),
        (
            "provincial_commander",
            (
                Citation(
                    LAW_78, "42", "2", None, "Provincial commander, on the commune's proposal."
                ),
                Citation(LAW_98, _L98_ART4, "17", None, "Rewrites Art 42."),
            ),
        ),
    ),
    make_rule(
        "militia.authority.establish.province",
        "authority",
        "The provincial commander establishes self-defence companies and platoons, mortar "
        "crews, air defence and artillery units, maritime platoons and standing militia squads "
        "and platoons",
        "Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh quyết định thành lập đại đội, trung đội tự "
        "vệ, khẩu đội, đơn vị phòng không, pháo binh, trung đội dân quân biển, tiểu đội, trung "
        "đội dân quân thường trực",
        (_law48("22"), _law98("10", "Rewrites Art 22.")),
        LAW_98_FROM,
        authority="provincial_commander",
        note="The pre-reform table (district commanders) is not encoded.",
    ),
    make_rule(
        "militia.authority.establish.commune",
        "authority",
        "The commune commander, after agreement of the commune chairman and the provincial "
        "commander, establishes on-site teams, squads and platoons, specialist teams and "
        "squads and maritime squads",
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã, sau khi thống nhất với Chủ tịch Ủy ban "
        "nhân dân cấp xã và Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh, quyết định thành lập tổ, "
        "tiểu đội, trung đội dân quân tại chỗ, tổ, tiểu đội chuyên môn, tiểu đội dân quân biển",
        (_law48("22"), _law98("10", "Rewrites Art 22.")),
        LAW_98_FROM,
        authority="commune_commander",
    ),
    make_rule(
        "militia.authority.appoint.province",
        "authority",
        "The provincial commander appoints company and flotilla commanders",
        "Chỉ huy trưởng Bộ Chỉ huy quân sự cấp tỉnh bổ nhiệm đại đội trưởng, hải đội trưởng",
        (_law48("23"), _law98("11", "Rewrites Art 23.")),
        LAW_98_FROM,
        authority="provincial_commander",
    ),
    make_rule(
        "militia.authority.appoint.commune",
        "authority",
        "The commune commander (after agreement) appoints village militia leaders, platoon "
        "and squad leaders, boat captains and gun-crew leaders",
        "Chỉ huy trưởng Ban Chỉ huy quân sự cấp xã (sau khi thống nhất) bổ nhiệm thôn đội "
        "trưởng, trung đội trưởng, tiểu đội trưởng, thuyền trưởng, khẩu đội trưởng",
        (_law48("23"), _law98("11", "Rewrites Art 23.")),
        LAW_98_FROM,
        authority="commune_commander",
    ),
    make_rule(
        "militia.authority.appoint.command",
        "authority",
        "The provincial chairman appoints the commander, deputy commander and assistants of "
        "the commune military command",
        "Chủ tịch Ủy ban nhân dân cấp tỉnh bổ nhiệm Chỉ huy trưởng, Chỉ huy phó, Trợ lý Ban "
        "Chỉ huy quân sự cấp xã",
        (_law48("23"), _law98("11", "Rewrites Art 23.")),
        LAW_98_FROM,
        authority="provincial_chairman",
        note="Government Resolution 66.12/2026 (to 28 Feb 2027) posts regular officers as "
        "commune commanders (legal-reference §1.2); the law text is encoded.",
    ),
)

# ----------------------------------------------------------------------- allowances

#: Post allowance per month, VND: (before 23 Mar 2025, from 23 Mar 2025). Decree 72/2020 Art 7
#: as amended by Decree 16/2025 (legal-reference §3 "Allowances"). The assistant's amount is not
#: in the reference: no rule.
POST_AMOUNTS: dict[Post, tuple[int, int]] = {
    Post.COMMANDER: (357_600, 561_600),
    Post.COMMISSAR: (357_600, 561_600),
    Post.DEPUTY_COMMANDER: (327_800, 514_800),
    Post.DEPUTY_COMMISSAR: (327_800, 514_800),
    Post.BATTALION_COMMANDER: (327_800, 514_800),
    Post.DEPUTY_BATTALION_COMMANDER: (312_900, 491_400),
    Post.COMPANY_COMMANDER: (298_000, 468_000),
    Post.MOBILE_PLATOON_LEADER: (298_000, 468_000),
    Post.DEPUTY_COMPANY_COMMANDER: (223_500, 351_000),
    Post.PLATOON_LEADER: (178_800, 280_800),
    Post.STANDING_SQUAD_LEADER: (178_800, 280_800),
    Post.SQUAD_LEADER: (149_000, 234_000),
    Post.VILLAGE_LEADER: (178_800, 280_800),
}


def _d72(article: str | None, text: str) -> Citation:
    return Citation(DECREE_72, article, None, None, text)


_D16 = Citation(DECREE_16, None, None, None, "New amounts from 23/03/2025.")


def _dated_pair(
    code: str,
    title: tuple[str, str],
    cite: Citation,
    old: dict[str, int],
    new: dict[str, int],
    *,
    new_confirmed: bool = True,
    new_note: str = "",
) -> tuple[Rule, Rule]:
    """One allowance before 23 Mar 2025 (Decree 72/2020) and from then (Decree 16/2025)."""
    en, vi = title
    return (
        make_rule(
            code,
            "allowance",
            en,
            vi,
            cite,
            DECREE_72_FROM,
            BEFORE_16,
            confirmed=True,
            note="",
            **old,
        ),
        make_rule(
            code,
            "allowance",
            en,
            vi,
            (cite, _D16),
            DECREE_16_FROM,
            None,
            confirmed=new_confirmed,
            note=new_note,
            **new,
        ),
    )


def _post_rules() -> tuple[Rule, ...]:
    out: list[Rule] = []
    for post, (old, new) in POST_AMOUNTS.items():
        label = POST_LABELS[post]
        out += _dated_pair(
            f"militia.allowance.post.{post.value}",
            (f"Post allowance: {label.en}", f"Phụ cấp chức vụ: {label.vi}"),
            _d72("7", "Post allowance of militia commanders, paid monthly."),
            {"amount": old},
            {"amount": new},
        )
    return tuple(out)


ALLOWANCE_RULES: tuple[Rule, ...] = (
    *_post_rules(),
    *_dated_pair(
        "militia.allowance.village_leader_unit",
        (
            "Village militia leader who also leads the on-site squad or platoon: share of that "
            "leader's allowance added",
            "Thôn đội trưởng kiêm chỉ huy tiểu đội, trung đội dân quân tại chỗ: hưởng thêm phụ "
            "cấp chức vụ của chức vụ kiêm nhiệm",
        ),
        _d72("7", "Village militia leader holding a unit command."),
        {"extra_percent": 20},
        {"extra_percent": 100},
    ),
    *_dated_pair(
        "militia.allowance.village_leader_monthly",
        (
            "Village militia leader: monthly allowance, at least this much (the province sets it)",
            "Thôn đội trưởng: phụ cấp hằng tháng không thấp hơn mức này (Hội đồng nhân dân cấp "
            "tỉnh quyết định)",
        ),
        _d72("8", "Monthly allowance of the village militia leader."),
        {"min_amount": 745_000},
        {"min_amount": 1_170_000},
    ),
    *_dated_pair(
        "militia.allowance.daily_work",
        (
            "Daily work allowance of on-site, mobile and specialist militia on duty, at least "
            "this much a day (the province sets it)",
            "Trợ cấp ngày công lao động của dân quân tại chỗ, cơ động, chuyên môn khi làm nhiệm "
            "vụ, không thấp hơn mức này mỗi ngày (cấp tỉnh quyết định)",
        ),
        _d72("11", "Daily work allowance of militia on duty, except standing militia."),
        {"min_amount": 119_200},
        {"min_amount": 327_600},
    ),
    *_dated_pair(
        "militia.allowance.extension_top_up",
        (
            "Top-up per day for a member whose term is extended (also counter-terror, riot, "
            "epidemic and rescue duty)",
            "Trợ cấp ngày công lao động tăng thêm mỗi ngày khi kéo dài thời hạn (và khi làm "
            "nhiệm vụ chống khủng bố, bạo loạn, phòng chống dịch, cứu hộ, cứu nạn)",
        ),
        _d72("11", "Top-up of the daily work allowance."),
        {"min_amount": 59_600},
        {"percent_of_daily": 50},
    ),
    *_dated_pair(
        "militia.allowance.maritime",
        (
            "Maritime militia on sea-island protection duty: daily allowance and meals",
            "Dân quân biển làm nhiệm vụ bảo vệ chủ quyền biển, đảo: trợ cấp mỗi ngày và tiền ăn",
        ),
        _d72("11", "Maritime militia on duty at sea."),
        {"daily": 372_500, "meals": 149_000},
        {"daily": 585_000, "meals": 234_000},
    ),
    *_dated_pair(
        "militia.allowance.sea_captain",
        (
            "Boat captain or engineer at sea: extra allowance a day",
            "Thuyền trưởng, máy trưởng khi đi biển: phụ cấp thêm mỗi ngày",
        ),
        _d72("11", "Special sea allowance of captains and engineers."),
        {"daily": 119_200},
        {"daily": 187_200},
    ),
    *_dated_pair(
        "militia.allowance.standing_completion",
        (
            "Standing militia completing their term: one-off allowance per year served",
            "Dân quân thường trực hoàn thành nghĩa vụ: trợ cấp một lần cho mỗi năm phục vụ",
        ),
        _d72(None, "One-off allowance of standing militia at completion."),
        {"per_year": 2_980_000},
        {"per_year": 2_980_000},
        new_confirmed=False,
        new_note="Unverified: the amount after Decree 16/2025 is not in the legal reference; "
        "the old amount is kept as a configurable default.",
    ),
)

MILITIA_RULES: tuple[Rule, ...] = _CORE_RULES + GROUND_RULES + ALLOWANCE_RULES + BENEFIT_RULES
