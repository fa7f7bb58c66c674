"""The pure lineage rules (``geo.lineage``) on hand-made edge sets: no database."""

from __future__ import annotations

import datetime as dt

from muster.geo.lineage import Edge, Lineage, Span

D = dt.date
MERGER_2024 = D(2024, 11, 1)
REFORM_2025 = D(2025, 7, 1)

# Units: 1..3 old communes merged into 10 on 1/11/2024; 10 and 4 merged into 20 on 1/7/2025.
# 5 (commune) split into 21 and 22 on 1/7/2025, by village: 51 → 211 (in 21), 52 → 221 (in 22).
OLD = Span(D(2000, 1, 1), D(2024, 10, 31))
MID = Span(MERGER_2024, D(2025, 6, 30))
ENDED_2025 = Span(D(2000, 1, 1), D(2025, 6, 30))
NEW = Span(REFORM_2025)

EDGES = [
    Edge(1, 10, MERGER_2024, id=1),
    Edge(2, 10, MERGER_2024, id=2),
    Edge(3, 10, MERGER_2024, id=3),
    Edge(10, 20, REFORM_2025, id=4),
    Edge(4, 20, REFORM_2025, id=5),
    Edge(5, 21, REFORM_2025, partial=True, id=6),
    Edge(5, 22, REFORM_2025, partial=True, id=7),
    Edge(51, 211, REFORM_2025, predecessor_parent=5, successor_parent=21, id=8),
    Edge(52, 221, REFORM_2025, predecessor_parent=5, successor_parent=22, id=9),
]
SPANS = {
    1: OLD, 2: OLD, 3: OLD, 10: MID, 4: ENDED_2025, 5: ENDED_2025, 51: ENDED_2025,
    52: ENDED_2025, 20: NEW, 21: NEW, 22: NEW, 211: NEW, 221: NEW,
}  # fmt: skip


def lineage() -> Lineage:
    return Lineage(EDGES, SPANS)


def test_a_merger_answers_for_its_predecessors():
    assert lineage().ancestors([10]) == {10, 1, 2, 3}
    assert lineage().descendants([2]) == {2, 10, 20}


def test_a_chain_of_mergers_2024_then_2025():
    line = lineage()
    assert line.ancestors([20]) == {20, 10, 4, 1, 2, 3}
    # Held by the 2024 commune in 2025, by the 2025 commune from 1 July 2025.
    assert line.holder_on(1, None, D(2025, 1, 1)) == 10
    assert line.holder_on(1, None, D(2026, 1, 1)) == 20
    assert line.holder_on(1, None, D(2024, 1, 1)) == 1  # still exists
    # Last year's commune folded into this year's through whole mergers.
    assert line.successor_on(1, D(2026, 1, 1)) == 20
    assert line.successor_on(1, D(2025, 1, 1)) == 10
    assert line.successor_on(20, D(2026, 1, 1)) is None  # still exists
    held = line.holding([20])
    assert held.whole == {20: 20, 10: 20, 4: 20, 1: 20, 2: 20, 3: 20}
    assert held.split_units == frozenset()
    assert held.commune_of(3, None) == 20


def test_a_split_unit_s_citizens_follow_their_village():
    line = lineage()
    assert line.roots([21]) == {21: False, 5: True}
    held = line.holding([21, 22])
    assert held.split_units == frozenset({5})
    assert held.villages == {51: 21, 52: 22}
    assert held.commune_of(5, 51) == 21
    assert held.commune_of(5, 52) == 22
    assert held.commune_of(5, None) is None  # cannot tell which
    assert line.holding([21]).commune_of(5, 52) is None  # the other commune's village
    day = D(2026, 1, 1)
    assert line.holder_on(5, 52, day) == 22
    assert line.holder_on(5, 51, day) == 21
    assert line.holder_on(5, None, day) == 21  # the first recorded successor
    assert line.successor_on(5, day) is None  # a split is not folded


def test_a_successor_not_yet_in_force_holds_nothing():
    line = lineage()
    # On 1/5/2025 unit 4 still exists; unit 10's line goes no further than 10.
    assert line.holder_on(10, None, D(2025, 5, 1)) == 10
    assert line.successor_on(4, D(2025, 5, 1)) is None


def test_the_walks_are_cycle_safe():
    edges = [
        Edge(1, 2, REFORM_2025, id=1),
        Edge(2, 3, REFORM_2025, id=2),
        Edge(3, 1, MERGER_2024, id=3),
    ]
    ended = dict.fromkeys((1, 2, 3), OLD)
    line = Lineage(edges, ended)
    assert line.ancestors([1]) == {1, 2, 3}
    assert line.descendants([2]) == {1, 2, 3}
    assert line.holding([1]).whole == {1: 1, 3: 1, 2: 1}
    assert line.holder_on(1, None, D(2026, 1, 1)) in {1, 2, 3}
    assert line.successor_on(1, D(2026, 1, 1)) is None


def test_duplicate_edges_count_once_and_unknown_units_stand_alone():
    line = Lineage([*EDGES, Edge(1, 10, MERGER_2024, id=99)], SPANS)
    assert [e.id for e in line.successors(1)] == [1]
    assert line.ancestors([777]) == {777}
    assert line.holder_on(777, None, D(2026, 1, 1)) == 777
    assert line.holding([777]).whole == {777: 777}
