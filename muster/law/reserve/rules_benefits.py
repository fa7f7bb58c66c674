"""The reserve's meetings and allowances as dated data: the quarterly Khung B meeting and the
December reservist meeting (TT 84/2020 as amended by TT 65/2025; Law 98/2025 Art 7(8)), the
allowances of Decree 79/2020 and the base salary (Decree 73/2024). Pure: no Django. Joined to
``RESERVE_RULES`` in ``rules.py``.

Conventions
-----------
* Amounts are whole đồng (VND). The legal reference confirms the Decree 79/2020 amounts from
  the old text and marks later changes unknown ("Money amounts may be stale", §12 item 8), so
  every allowance rule carries ``confirmed=False`` with that note: the UI and the payment lists
  say "chưa xác minh".
* Decree 79/2020 and TT 84/2020 have no effective date in the legal reference: 1 Jul 2020 (Law
  53/2019's) is the default (``DECREE_79_FROM``, ``TT_84_FROM``).
* The base salary is known from 1 Jul 2024 only (2,340,000 VND, Decree 73/2024); a day before
  has no base salary in the book and an allowance that needs it cannot be computed.
* Months of training are counted in days, 30 to the month (``reserve.training.month_days``):
  the legal reference states the caps in months and calls in days; the conversion is a
  configurable default.
"""

from __future__ import annotations

from muster.law.reserve.training_enums import KHUNG_B_POST_LABELS, KhungBPost
from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    BEFORE_98,
    DECREE_79,
    DECREE_79_FROM,
    LAW_53,
    LAW_53_FROM,
    LAW_98,
    LAW_98_FROM,
    TT_84,
    TT_84_FROM,
)

_STALE = (
    "Amount of Decree 79/2020 as the legal reference gives it from the old text; later changes "
    "(a consolidated text or a new base salary) are not verified."
)
_DATE = "Effective date of the document not in the legal reference; 1 Jul 2020 is a default."


def _d79(article: str | None, text: str) -> Citation:
    return Citation(DECREE_79, article, None, None, text)


#: Khung B posts and their quarterly allowance (Decree 79/2020, legal-reference §4 table).
KHUNG_B_AMOUNTS: dict[KhungBPost, int] = {
    KhungBPost.SQUAD_LEADER: 480_000,
    KhungBPost.PLATOON_LEADER: 560_000,
    KhungBPost.DEPUTY_COMPANY_COMMANDER: 640_000,
    KhungBPost.COMPANY_COMMANDER: 720_000,
    KhungBPost.DEPUTY_BATTALION_COMMANDER: 800_000,
    KhungBPost.BATTALION_COMMANDER: 880_000,
    KhungBPost.DEPUTY_REGIMENT_COMMANDER: 960_000,
    KhungBPost.REGIMENT_COMMANDER: 1_040_000,
}


def _khung_b_rules() -> tuple[Rule, ...]:
    return tuple(
        make_rule(
            f"reserve.allowance.khung_b.{post.value}",
            "allowance",
            f"Khung B allowance per quarter: {KHUNG_B_POST_LABELS[post].en}, with at least 45 "
            "days in the post that quarter",
            f"Phụ cấp trách nhiệm quản lý đơn vị dự bị động viên theo quý: "
            f"{KHUNG_B_POST_LABELS[post].vi}, giữ chức vụ từ đủ 45 ngày trở lên trong quý",
            _d79(None, "quarterly allowance of Khung B cadres by post"),
            DECREE_79_FROM,
            confirmed=False,
            note=_STALE,
            amount=amount,
            min_days=45,
        )
        for post, amount in KHUNG_B_AMOUNTS.items()
    )


ALLOWANCE_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.allowance.officer_placed",
        "allowance",
        "Reserve officer placed in a unit: allowance per month, with at least 15 days in the "
        "unit that month",
        "Sĩ quan dự bị đã xếp vào đơn vị: phụ cấp hằng tháng, có từ đủ 15 ngày trở lên trong "
        "đơn vị trong tháng",
        _d79(None, "monthly allowance of reserve officers placed in a unit"),
        DECREE_79_FROM,
        confirmed=False,
        note=_STALE,
        amount=160_000,
        min_days=15,
    ),
    make_rule(
        "reserve.allowance.soldier_placed",
        "allowance",
        "Reserve professional soldier, NCO or soldier placed in a unit: allowance per year, with "
        "at least 6 consecutive months in the unit that year",
        "Quân nhân chuyên nghiệp, hạ sĩ quan, binh sĩ dự bị đã xếp vào đơn vị: phụ cấp hằng năm, "
        "có từ đủ 06 tháng liên tục trở lên trong đơn vị trong năm",
        _d79(None, "yearly allowance of reservists placed in a unit"),
        DECREE_79_FROM,
        confirmed=False,
        note=_STALE,
        amount=320_000,
        min_months=6,
    ),
    *_khung_b_rules(),
    make_rule(
        "reserve.allowance.training",
        "allowance",
        "Allowance during training for reservists not paid from the state budget: officers the "
        "monthly salary of their rank ÷ 26 per day; NCOs and soldiers the rank allowance, half a "
        "month for 5–15 days, a month for 16–31 days",
        "Quân nhân dự bị không hưởng lương từ ngân sách nhà nước trong thời gian tập trung: sĩ "
        "quan hưởng lương theo cấp bậc chia 26 ngày; hạ sĩ quan, binh sĩ hưởng phụ cấp quân hàm: "
        "từ 05 đến 15 ngày bằng 1/2 tháng, từ 16 đến 31 ngày bằng 01 tháng",
        _d79(None, "allowance during concentrated training"),
        DECREE_79_FROM,
        confirmed=False,
        note=_STALE + " Under 5 days the reference states no amount: nothing is computed.",
        day_divisor=26,
        half_month_from=5,
        half_month_to=15,
        full_month_to=31,
    ),
    make_rule(
        "reserve.allowance.family_support",
        "allowance",
        "Families of reservists in training are supported",
        "Gia đình quân nhân dự bị trong thời gian tập trung huấn luyện được hỗ trợ",
        _d79("5", "support to families of reservists in training"),
        DECREE_79_FROM,
        confirmed=False,
        note="Only the existence of the support is in the legal reference; no amount.",
    ),
)


MEETING_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.meeting.khung_b",
        "standard",
        "Khung B unit leaders meet every quarter, in the last month of the quarter, for at most "
        "half a day",
        "Cán bộ khung B sinh hoạt mỗi quý một lần vào tháng cuối quý, thời gian không quá 1/2 ngày",
        Citation(TT_84, None, None, None, "quarterly meeting of Khung B cadres, ≤ ½ day"),
        TT_84_FROM,
        BEFORE_98,
        confirmed=False,
        note=_DATE + " Before 1 Jul 2025 the organiser was the district command (old text).",
        max_hours=4,
        organiser="district_command",
    ),
    make_rule(
        "reserve.meeting.khung_b",
        "standard",
        "Khung B unit leaders meet every quarter, in the last month of the quarter, for at most "
        "half a day",
        "Cán bộ khung B sinh hoạt mỗi quý một lần vào tháng cuối quý, thời gian không quá 1/2 ngày",
        (
            Citation(TT_84, None, None, None, "quarterly meeting of Khung B cadres, ≤ ½ day"),
            Citation(LAW_98, "7", "8", None, "the regional defence command organises it"),
        ),
        LAW_98_FROM,
        max_hours=4,
        organiser="regional_command",
    ),
    make_rule(
        "reserve.meeting.december",
        "standard",
        "Reservists placed in units meet every December for at most half a day; the commune "
        "People's Committee organises, the commune command chairs",
        "Quân nhân dự bị đã sắp xếp vào đơn vị sinh hoạt vào tháng 12 hằng năm, thời gian không "
        "quá 1/2 ngày; Ủy ban nhân dân cấp xã tổ chức, Ban Chỉ huy quân sự cấp xã chủ trì",
        Citation(TT_84, None, None, None, "December reservist meeting, ≤ ½ day"),
        TT_84_FROM,
        confirmed=False,
        note=_DATE,
        max_hours=4,
        month=12,
        organiser="commune_committee",
    ),
    make_rule(
        "reserve.training.month_days",
        "threshold",
        "Months of training are counted as 30 days each against the caps",
        "Thời gian huấn luyện tính theo tháng được quy đổi 30 ngày một tháng",
        Citation(LAW_53, "22", None, None, "caps in months; calls in days"),
        LAW_53_FROM,
        confirmed=False,
        note="The legal reference states the caps in months; 30 days a month is a default.",
        days=30,
    ),
)

BENEFIT_RULES: tuple[Rule, ...] = ALLOWANCE_RULES + MEETING_RULES
