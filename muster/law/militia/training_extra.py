"""Who trains whom (TT 69/2020 Art 7), for the training sessions: the level of the military
command that trains a militia unit, by component and the day. Pure: no Django.

Not in the shared rule book (``muster.law.militia.rules``) when the training module was
written: added here by the training helper, to be folded into the book by its owner.

* From 1 Jul 2020 to 30 Jun 2025 (TT 69/2020 Art 7, pre-2025 text; legal-reference §3): the
  province trains artillery, air defence and standing maritime units; the district trains
  first-year and specialist units; the commune trains standing, mobile and on-site units.
* From 1 Jul 2025 the district level is gone (Law 98/2025) and the new split is not in the
  legal reference: no level is given, and the rule is ``confirmed=False``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.law.militia.enums import Component
from muster.law.rulebook import Citation, NoRuleInForce, Rule, make_rule
from muster.law.sources import BEFORE_98, LAW_98, LAW_98_FROM, TT_69, TT_69_FROM

TRAINER_RULES: tuple[Rule, ...] = (
    make_rule(
        "militia.training.trainer",
        "threshold",
        "Who trains militia units: province (artillery, air defence, standing maritime), "
        "district (first-year and specialist units), commune (standing, mobile, on-site)",
        "Phân cấp huấn luyện: cấp tỉnh (pháo binh, phòng không, dân quân biển thường trực), cấp "
        "huyện (dân quân năm thứ nhất, chuyên môn), cấp xã (thường trực, cơ động, tại chỗ)",
        Citation(TT_69, "7", None, None, "Responsibility for training (pre-2025 text)."),
        TT_69_FROM,
        BEFORE_98,
    ),
    make_rule(
        "militia.training.trainer",
        "threshold",
        "Who trains militia units after the district level was abolished: not verified",
        "Phân cấp huấn luyện sau khi bỏ cấp huyện: chưa xác minh",
        (
            Citation(TT_69, "7", None, None, "Responsibility for training."),
            Citation(LAW_98, None, None, None, "The district level abolished."),
        ),
        LAW_98_FROM,
        confirmed=False,
    ),
)

#: Trained by the province before 1 Jul 2025.
_PROVINCE = frozenset({Component.ARTILLERY, Component.AIR_DEFENCE, Component.MARITIME})
#: Trained by the district before 1 Jul 2025 (besides first-year units).
_DISTRICT = frozenset(
    {
        Component.RECONNAISSANCE,
        Component.COMMUNICATIONS,
        Component.ENGINEERING,
        Component.CHEMICAL,
        Component.MEDICAL,
    }
)


@dataclass(frozen=True, slots=True)
class Trainer:
    """``level``: ``province``, ``district`` or ``commune``; None where the rule of the day
    does not say (after 1 Jul 2025)."""

    level: str | None
    rule: Rule


def trainer_rule(on: dt.date) -> Rule:
    for item in TRAINER_RULES:
        if item.in_force(on):
            return item
    raise NoRuleInForce(f"militia.training.trainer on {on.isoformat()}")


def trainer(component: Component, first_year: bool, on: dt.date) -> Trainer:
    """The level that trains a unit of ``component`` (``first_year``: a unit of members in
    their first year) on ``on``. Maritime counts as the standing maritime units the text
    names."""
    item = trainer_rule(on)
    if not item.confirmed:
        return Trainer(None, item)
    if component in _PROVINCE:
        return Trainer("province", item)
    if component == Component.STANDING:
        return Trainer("commune", item)
    if first_year or component in _DISTRICT:
        return Trainer("district", item)
    return Trainer("commune", item)
