"""The rules of reserve technical assets (phương tiện kỹ thuật dự bị, PTKTDB) as dated data:
the yearly registration and its period, who calls assets out. Pure: no Django.

Source: legal-reference §4 "Registering technical assets (Art 13 as amended)" [C: S2 Art
7(4)] and "Quotas and training" [C: S2 Art 7(5),(7)].

What the reference gives and what it does not:

* **Yearly** registration is confirmed for the text as amended by Law 98/2025 (in force
  01/07/2025): the registries send their data yearly (central registries to the Ministry of
  Defence, local ones to the provincial People's Committee where the owner lives) and communes
  and agencies report their other assets yearly. For the text before the amendment the
  reference quotes nothing: the same yearly cycle is kept as an unverified default.
* **No date or period** of the yearly registration is in the reference. The period is entered
  per round by the commune; ``reserve.assets.registration_period`` proposes the calendar year
  as a configurable default (``confirmed=False``), shown as unverified in the interface.
* **Compensation** for assets called up (Decree 79/2020) is not in the reference: no rule here.
"""

from __future__ import annotations

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import BEFORE_98, LAW_53, LAW_53_FROM, LAW_98, LAW_98_FROM

_YEARLY_TITLE = (
    "Reserve technical assets are registered and reported yearly",
    "Phương tiện kỹ thuật dự bị được đăng ký, báo cáo hằng năm",
)

ASSET_RULES: tuple[Rule, ...] = (
    make_rule(
        "reserve.assets.registration_yearly",
        "registration",
        *_YEARLY_TITLE,
        Citation(LAW_53, "13", text="text before Law 98/2025"),
        LAW_53_FROM,
        BEFORE_98,
        confirmed=False,
        note="Unverified: the legal reference quotes Art 13 as amended only; the yearly cycle "
        "before 1 Jul 2025 is a default.",
        rounds_per_year=1,
    ),
    make_rule(
        "reserve.assets.registration_yearly",
        "registration",
        *_YEARLY_TITLE,
        Citation(
            LAW_98,
            "7",
            "4",
            None,
            "Art 13 as amended: registries send the data yearly to the MoD or the provincial "
            "People's Committee; communes and agencies report other assets yearly",
        ),
        LAW_98_FROM,
        rounds_per_year=1,
    ),
    make_rule(
        "reserve.assets.registration_period",
        "registration",
        "Period of the yearly registration of reserve technical assets (default: the calendar "
        "year)",
        "Thời gian đăng ký phương tiện kỹ thuật dự bị hằng năm (mặc định: trong năm dương lịch)",
        Citation(LAW_53, "13", text="yearly; no date or period in the legal reference"),
        LAW_53_FROM,
        confirmed=False,
        note="Unverified: the legal reference gives no date or period of the yearly "
        "registration; the commune enters the period of each round, 1 Jan – 31 Dec is a "
        "default.",
        start_month=1,
        start_day=1,
        end_month=12,
        end_day=31,
    ),
    make_rule(
        "reserve.assets.callout_authority",
        "authority",
        "The provincial chairman decides the number and duration of asset call-outs; the "
        "commune chairman carries out the call-out of each asset",
        "Chủ tịch UBND cấp tỉnh quyết định số lượng, thời gian điều động phương tiện kỹ thuật "
        "dự bị; Chủ tịch UBND cấp xã thực hiện điều động từng phương tiện",
        Citation(LAW_98, "7", "5", None, "asset call-outs: province decides, commune carries out"),
        LAW_98_FROM,
        authority="provincial_chairman_decides_commune_chairman_carries_out",
    ),
)
