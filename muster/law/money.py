"""Money lines shared by the allowance rules (militia, reserve). Pure: no Django. Amounts are
whole đồng (VND), rounded half up."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from muster.law.rulebook import Citation, Rule
from muster.law.text import Text


def half_up(value: Decimal) -> int:
    """``value`` rounded half up to the đồng."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class Line:
    """One payable line: what it is (both languages), the sum, its citations."""

    text: Text
    amount: int
    rules: tuple[Rule, ...]

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for r in self.rules for c in r.citations))
