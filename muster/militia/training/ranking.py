"""The ranking of a competition (hội thao): the members by their result, the units by the
average of their members' results. Built from the attendance sheet already read (no query).

Scale (the commune's own, not a rule of law: the legal reference gives no scoring of
competitions): good 2 points, pass 1, fail 0. A unit's score is the average over its members
with a result; units with equal scores share a rank (1, 1, 3); a unit without any result is
not ranked. Members are listed good first, then pass, then fail, then by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from muster.militia.training.models import Result

if TYPE_CHECKING:
    from muster.militia.organisation.models import MilitiaUnit
    from muster.militia.training.selectors import SheetRow

POINTS = {Result.GOOD: 2, Result.PASS: 1, Result.FAIL: 0}


@dataclass(frozen=True)
class UnitRank:
    rank: int
    unit: MilitiaUnit | None
    score: Decimal
    good: int
    passed: int
    failed: int

    @property
    def ranked(self) -> int:
        return self.good + self.passed + self.failed


@dataclass(frozen=True)
class Ranking:
    units: list[UnitRank]
    members: list[SheetRow]


def competition_ranking(rows: Iterable[SheetRow]) -> Ranking:
    """Rank the units and order the members of a competition's attendance sheet."""
    with_result = [
        r for r in rows if r.attendance is not None and r.attendance.present and r.attendance.result
    ]
    groups: dict[int | None, list[SheetRow]] = {}
    for row in with_result:
        groups.setdefault(row.membership.unit_id, []).append(row)
    scored = []
    for members in groups.values():
        results = [Result(r.attendance.result) for r in members if r.attendance]
        points = sum(POINTS[x] for x in results)
        score = (Decimal(points) / len(results)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        scored.append(
            (
                score,
                members[0].membership.unit,
                results.count(Result.GOOD),
                results.count(Result.PASS),
                results.count(Result.FAIL),
            )
        )
    scored.sort(key=lambda s: (-s[0], -s[2], s[1].name if s[1] else ""))
    units: list[UnitRank] = []
    for i, (score, unit, good, passed, failed) in enumerate(scored, start=1):
        rank = units[-1].rank if units and units[-1].score == score else i
        units.append(UnitRank(rank, unit, score, good, passed, failed))
    order = {Result.GOOD: 0, Result.PASS: 1, Result.FAIL: 2}
    members = sorted(
        with_result,
        key=lambda r: (
            order[Result(r.attendance.result)] if r.attendance else 3,
            r.membership.person.name_search,
        ),
    )
    return Ranking(units, members)
