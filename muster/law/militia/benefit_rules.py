"""The militia's other allowances and the standing militia's benefits as dated data (Decree
72/2020 as amended by Decree 16/2025 from 23 Mar 2025; legal-reference §3 "Allowances" and
"Other allowances"). Pure: no Django; joined into ``MILITIA_RULES``.

Reading of the legal reference, to confirm:

* **Seniority, special defence and the deputy's one-off payment** are given by the reference
  from the old text of Decree 72/2020 (Arts 8–10, source S4), without the article of each and
  without saying whether Decree 16/2025 changed them. The version until 22/03/2025 is
  confirmed; the version from 23/03/2025 keeps the same figures as a configurable default
  flagged unverified (``confirmed=False``). The articles are cited together ("Arts 8–10").
* **Seniority** is read as the deputy commander's (the post the reference names for the
  special defence allowance and the one-off payment), at 5 % of the post allowance held after
  60 months, plus 1 % for each further full 12 months; the posts are a parameter.
* **Standing militia** from 23/03/2025: compulsory social and health insurance like soldiers,
  paid by the local budget, and food at the infantry soldier's basic ration (no amount in the
  reference): entitlements to show, not sums to pay. The reference gives no daily allowance
  and no accommodation rule for them: none is encoded.
"""

from __future__ import annotations

from typing import Any

from muster.law.militia.enums import Post
from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import BEFORE_16, DECREE_16, DECREE_16_FROM, DECREE_72, DECREE_72_FROM

_D16 = Citation(DECREE_16, None, None, None, "Amends Decree 72/2020 from 23/03/2025.")
_UNVERIFIED = (
    "Unverified: the legal reference gives this from the old text of Decree 72/2020; whether "
    "Decree 16/2025 changed it is not stated. The old figures are kept as a configurable "
    "default."
)

SENIORITY_POSTS: tuple[Post, ...] = (Post.DEPUTY_COMMANDER,)
SPECIAL_DEFENCE_POSTS: tuple[Post, ...] = (
    Post.DEPUTY_COMMANDER,
    Post.MOBILE_PLATOON_LEADER,
    Post.STANDING_SQUAD_LEADER,
)


def _old_text(text: str) -> Citation:
    return Citation(DECREE_72, "8–10", None, None, text)


def _pair(code: str, en: str, vi: str, cite: Citation, **given: int | str) -> tuple[Rule, Rule]:
    """The old text (confirmed) and the same figures from 23/03/2025 (unverified)."""
    params: dict[str, Any] = dict(given)
    return (
        make_rule(code, "allowance", en, vi, cite, DECREE_72_FROM, BEFORE_16, **params),
        make_rule(
            code,
            "allowance",
            en,
            vi,
            (cite, _D16),
            DECREE_16_FROM,
            None,
            confirmed=False,
            note=_UNVERIFIED,
            **params,
        ),
    )


def _posts(posts: tuple[Post, ...]) -> str:
    return ",".join(p.value for p in posts)


BENEFIT_RULES: tuple[Rule, ...] = (
    *_pair(
        "militia.allowance.seniority",
        "Seniority allowance: 5 % of the post allowance held after 60 months of service, plus "
        "1 % for each further full year",
        "Phụ cấp thâm niên: sau đủ 60 tháng công tác hưởng 5 % phụ cấp chức vụ đang hưởng, từ "
        "năm thứ sáu trở đi mỗi năm (đủ 12 tháng) tính thêm 1 %",
        _old_text("Seniority allowance after 60 months: 5 %, plus 1 % per extra year."),
        min_months=60,
        first_percent=5,
        percent_per_year=1,
        posts=_posts(SENIORITY_POSTS),
    ),
    *_pair(
        "militia.allowance.special_defence",
        "Special defence allowance: 50 % of the allowance held (deputy commander; mobile and "
        "standing militia commanders)",
        "Phụ cấp đặc thù quốc phòng, quân sự: 50 % phụ cấp đang hưởng (Chỉ huy phó; chỉ huy "
        "dân quân cơ động, dân quân thường trực)",
        _old_text("Special defence allowance: 50 % of the allowances held."),
        percent=50,
        posts=_posts(SPECIAL_DEFENCE_POSTS),
    ),
    *_pair(
        "militia.allowance.deputy_one_off",
        "Deputy commander without social insurance, after 60 months: one-off payment on "
        "leaving of 1.5 months of the allowance held per year of service",
        "Chỉ huy phó không tham gia bảo hiểm xã hội, công tác đủ 60 tháng trở lên: khi nghỉ "
        "được trợ cấp một lần, mỗi năm công tác 1,5 tháng phụ cấp đang hưởng",
        _old_text("One-off payment of a deputy commander without social insurance."),
        min_months=60,
        tenths_of_month_per_year=15,
    ),
    make_rule(
        "militia.benefit.standing_insurance",
        "allowance",
        "Standing militia: compulsory social and health insurance like soldiers, paid from "
        "the local budget",
        "Dân quân thường trực: được tham gia bảo hiểm xã hội bắt buộc, bảo hiểm y tế như hạ "
        "sĩ quan, binh sĩ; ngân sách địa phương bảo đảm",
        (Citation(DECREE_72, None, None, None, "Standing militia insurance."), _D16),
        DECREE_16_FROM,
    ),
    make_rule(
        "militia.benefit.standing_food",
        "allowance",
        "Standing militia: food at the infantry soldier's basic ration (the amount is set "
        "with the army's ration, not in the legal reference)",
        "Dân quân thường trực: tiền ăn bằng mức tiền ăn cơ bản của hạ sĩ quan, binh sĩ bộ "
        "binh (mức theo tiêu chuẩn của quân đội, chưa có trong tài liệu pháp lý)",
        (Citation(DECREE_72, None, None, None, "Food of militia on duty."), _D16),
        DECREE_16_FROM,
    ),
)
