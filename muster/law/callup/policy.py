"""Documented positions on the ambiguous points of the call-up texts (legal-reference §12)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

BmiRounding = Literal["none", "half_up_tenth"]


@dataclass(frozen=True, slots=True)
class Policy:
    """Documented positions on the ambiguous points of the texts (legal-reference §12).

    The defaults take the *stricter combination*; a deployment may override them (Django
    setting ``MUSTER_ELIGIBILITY_POLICY``, a dict of these field names).

    * ``myopia_at_threshold_excluded`` (§12.3): TT 68/2025 says "lớn hơn 1.5 diop trở lên"
      ("greater than / 1.5 or more"). True: exactly 1.5 D is excluded (reading "trở lên", as the
      original TT 148 text did); False: only above 1.5 D is excluded.
    * ``bmi_tt105_cross_check`` (§12.4): TT 68/2025 excludes BMI < 18.0, but the TT 105 physique
      table scores BMI < 18.5 as 4, which makes the citizen class 4 (unfit). True: a BMI of
      18.0–18.49 (or above 29.9) fails even if the stated health class is 1–3, from 1 Jan 2024.
    * ``bmi_rounding`` (sub-tenth gaps such as 29.95 between the 29.9 and 30 bands): "none"
      compares the measured value as is (29.91 is above 29.9: excluded); "half_up_tenth" first
      rounds to one decimal, half up (29.94 → 29.9 passes, 29.95 → 30.0 fails).
    """

    myopia_at_threshold_excluded: bool = True
    bmi_tt105_cross_check: bool = True
    bmi_rounding: BmiRounding = "none"

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> Policy:
        """Build from a settings dict; unknown keys and wrong types raise ``ValueError``."""
        known = {"myopia_at_threshold_excluded", "bmi_tt105_cross_check", "bmi_rounding"}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ValueError(f"unknown eligibility policy keys: {', '.join(unknown)}")
        default = cls()
        myopia = values.get("myopia_at_threshold_excluded", default.myopia_at_threshold_excluded)
        cross = values.get("bmi_tt105_cross_check", default.bmi_tt105_cross_check)
        rounding = values.get("bmi_rounding", default.bmi_rounding)
        if not isinstance(myopia, bool):
            raise ValueError("myopia_at_threshold_excluded must be true or false")
        if not isinstance(cross, bool):
            raise ValueError("bmi_tt105_cross_check must be true or false")
        if rounding == "none":
            return cls(myopia, cross, "none")
        if rounding == "half_up_tenth":
            return cls(myopia, cross, "half_up_tenth")
        raise ValueError("bmi_rounding must be 'none' or 'half_up_tenth'")

    def as_dict(self) -> dict[str, object]:
        return {
            "myopia_at_threshold_excluded": self.myopia_at_threshold_excluded,
            "bmi_tt105_cross_check": self.bmi_tt105_cross_check,
            "bmi_rounding": self.bmi_rounding,
        }
