"""The police's own standards for citizens called to serve in the People's Public Security
(CAND), applied on top of the call-up standards when the quota is the police's. Pure.

Legal reference §2.8 gives them from press and school summaries of the circulars and marks
them unverified ([U]), so every rule here is ``confirmed=False`` and the interface says so:

* TT 45/2019/TT-BCA (in force 18 Nov 2019), its table for conscripts: class 1 men from
  165 cm, class 2 men 162–164 cm (women 160 / 158–159): health class 1 or 2, men at least
  162 cm, women at least 158 cm.
* TT 62/2023/TT-BCA (in force 1 Jan 2024, replacing TT 45), Art 4(1): health class 1 or 2;
  men 1.64–1.95 m, women 1.58–1.80 m. Whether the 1.64 m applies to conscripts (not only to
  recruits and students) is unverified; Muster applies it. TT 131/2025/TT-BCA amends TT 62
  from 25 Dec 2025 on points the reference does not give, so the TT 62 values continue.
* Before 18 Nov 2019 no police rule is encoded: the army's standards alone apply, and
  ``police_rule`` says so by returning None.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from muster.law.rulebook import Citation, Rule, make_rule
from muster.law.sources import (
    TT_45_BCA,
    TT_45_BCA_FROM,
    TT_62_BCA,
    TT_62_BCA_FROM,
    TT_131_BCA,
    day_before,
)

_NOTE_U = "Legal reference §2.8 marks the CAND health standards unverified."

POLICE_RULES: tuple[Rule, ...] = (
    make_rule(
        "police.health",
        "standard",
        "CAND conscripts: health class 1 or 2, men at least 162 cm, women at least 158 cm",
        "Công dân thực hiện nghĩa vụ tham gia CAND: sức khỏe loại 1, 2; nam cao từ 162 cm, "
        "nữ từ 158 cm",
        Citation(TT_45_BCA, None, None, None, "Table of health standards for conscripts."),
        TT_45_BCA_FROM,
        day_before(TT_62_BCA_FROM),
        confirmed=False,
        note=_NOTE_U,
        max_class=2,
        min_height_male=162,
        min_height_female=158,
    ),
    make_rule(
        "police.health",
        "standard",
        "CAND conscripts: health class 1 or 2, men at least 164 cm, women at least 158 cm",
        "Công dân thực hiện nghĩa vụ tham gia CAND: sức khỏe loại 1, 2; nam cao từ 164 cm, "
        "nữ từ 158 cm",
        (
            Citation(TT_62_BCA, "4", "1", None, "General health standard for entry into CAND."),
            Citation(TT_131_BCA, None, None, None, "Amends TT 62/2023 from 25 Dec 2025."),
        ),
        TT_62_BCA_FROM,
        confirmed=False,
        note=_NOTE_U + " Whether the 1.64 m height applies to conscripts is unverified.",
        max_class=2,
        min_height_male=164,
        min_height_female=158,
    ),
)


@dataclass(frozen=True, slots=True)
class PoliceFinding:
    """One police standard the citizen fails or that is not known."""

    code: str  # "police_health_class", "police_height", "police_height_unknown"
    rule: Rule
    #: The minimum height (cm) of the rule for the citizen's sex.
    min_height: int


def police_findings(
    rule_in_force: Rule | None,
    *,
    health_class: int | None,
    height_cm: Decimal | None,
    female: bool,
) -> list[PoliceFinding]:
    """What keeps a citizen examined with ``health_class`` and ``height_cm`` from CAND
    service under ``rule_in_force`` (None: no police rule encoded for the day)."""
    if rule_in_force is None:
        return []
    minimum = rule_in_force.int_param("min_height_female" if female else "min_height_male")
    codes: list[str] = []
    if health_class is not None and health_class > rule_in_force.int_param("max_class"):
        codes.append("police_health_class")
    if height_cm is None:
        codes.append("police_height_unknown")
    elif height_cm < minimum:
        codes.append("police_height")
    return [PoliceFinding(code, rule_in_force, minimum) for code in codes]
