"""The line of a militia payment list (danh sách chi trả) and its kinds, shared by the month's
list (``lines``) and the cadres' and standing militia's lines (``extras``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from muster.core import lawtext
from muster.law.rulebook import Citation, Rule
from muster.law.text import Text
from muster.people.models import Person

Kind = Literal[
    "post",
    "village_monthly",
    "seniority",
    "special_defence",
    "daily_work",
    "top_up",
    "sea_duty",
    "deputy_one_off",
    "standing_completion",
]
#: The order of a person's lines on the list.
KIND_ORDER: dict[str, int] = {k: i for i, k in enumerate(get_args(Kind))}
#: Where the amount comes from: the law's fixed amount, its floor, or the province's rate.
Source = Literal["law", "floor", "province", "mixed"]


@dataclass(frozen=True)
class MonthLine:
    """One line of the payment list: who, what (both languages), the days paid, the sum, the
    rule versions behind it, and where the amount came from (``decision``: the province's)."""

    person: Person
    kind: Kind
    text: Text
    days: int
    amount: int
    rules: tuple[Rule, ...]
    source: Source
    decision: str = ""

    @property
    def label(self) -> str:
        """What is paid, in the interface's language."""
        return lawtext.text(self.text)

    @property
    def confirmed(self) -> bool:
        return all(r.confirmed for r in self.rules)

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(dict.fromkeys(c for r in self.rules for c in r.citations))
