"""One stage of reserve placement as a min-cost flow (OR-Tools). Pure: no Django.

Reservists who are interchangeable for placement (same specialty, kind, priority tier, age
eligibility and area) are one *type* node with a supply; their posts are *post-group* nodes
(one unit's posts of one specialty and kind) with a capacity. Every type reaches the groups in
its own area by a direct arc and every other eligible group through a *pool* node (the type
without its area) whose incoming arc costs the area penalty, so the graph holds
types + pools + groups nodes and about types + pools × groups-per-specialty arcs, not
reservists × posts.

The solver maximises the flow (the number of posts filled) and, among the maximum flows,
minimises the cost; costs are weighted so that the order is strict: right specialty before
close, then tier 1 before tier 2, then own area before another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from ortools.graph.python import min_cost_flow


class TypeKey(NamedTuple):
    """A class of interchangeable reservists (a tuple: sorting and hashing stay in C)."""

    specialty: str
    kind: str
    tier: int  # 1: professional, officer or class 1; 2: class 2
    combat_ok: bool
    support_ok: bool
    area: str  # "" when no unit recruits in the reservist's area

    @property
    def pool(self) -> tuple[str, str, int, bool, bool]:
        return (self.specialty, self.kind, self.tier, self.combat_ok, self.support_ok)


class GroupKey(NamedTuple):
    """One unit's posts of one specialty and one kind."""

    unit: str
    specialty: str
    kind: str


@dataclass(frozen=True, slots=True)
class GroupInfo:
    combat: bool  # the unit's role: combat (else combat-support)
    area: str


class SolverFailed(RuntimeError):
    """OR-Tools did not return an optimal flow."""


def _weights(capacity: int) -> tuple[int, int, int]:
    """(match, tier, area) weights: each exceeds the most the lower ones can add up to."""
    area = 1
    tier = capacity + 1
    match = tier * (capacity + 1)
    return match, tier, area


def solve_stage(
    supplies: Mapping[TypeKey, int],
    capacities: Mapping[GroupKey, int],
    groups: Mapping[GroupKey, GroupInfo],
    close: Mapping[str, frozenset[str]],
) -> dict[TypeKey, list[tuple[GroupKey, int]]]:
    """The types' flows to the groups of one stage, each list in group order."""
    types = sorted(k for k, v in supplies.items() if v > 0)
    targets = sorted(k for k, v in capacities.items() if v > 0)
    if not types or not targets:
        return {}
    total = sum(capacities[g] for g in targets)
    w_match, w_tier, w_area = _weights(total)

    # Groups by the reservist specialty that may fill them: right, then close.
    by_specialty: dict[str, list[tuple[GroupKey, bool]]] = {}
    for group in targets:
        by_specialty.setdefault(group.specialty, []).append((group, True))
        for other in sorted(close.get(group.specialty, ())):
            if other != group.specialty:
                by_specialty.setdefault(other, []).append((group, False))

    def eligible(key: TypeKey | tuple[str, str, int, bool, bool]) -> list[tuple[GroupKey, bool]]:
        specialty, kind, _tier, combat_ok, support_ok = (
            key.pool if isinstance(key, TypeKey) else key
        )
        found = []
        for group, right in by_specialty.get(specialty, ()):
            info = groups[group]
            if group.kind == kind and (combat_ok if info.combat else support_ok):
                found.append((group, right))
        return found

    pools = sorted({t.pool for t in types})
    source, sink = 0, 1
    type_node = {t: 2 + i for i, t in enumerate(types)}
    pool_node = {p: 2 + len(types) + i for i, p in enumerate(pools)}
    base = 2 + len(types) + len(pools)
    group_node = {g: base + i for i, g in enumerate(targets)}

    tails: list[int] = []
    heads: list[int] = []
    caps: list[int] = []
    costs: list[int] = []

    def arc(tail: int, head: int, cap: int, cost: int) -> None:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        costs.append(cost)

    pool_targets = {p: eligible(p) for p in pools}
    for t in types:
        arc(source, type_node[t], supplies[t], 0)
        tier_cost = (t.tier - 1) * w_tier
        if pool_targets[t.pool]:
            arc(type_node[t], pool_node[t.pool], supplies[t], w_area + tier_cost)
        if t.area:
            for group, right in pool_targets[t.pool]:
                if groups[group].area == t.area:
                    arc(
                        type_node[t],
                        group_node[group],
                        supplies[t],
                        tier_cost + (0 if right else w_match),
                    )
    for p in pools:
        for group, right in pool_targets[p]:
            arc(pool_node[p], group_node[group], capacities[group], 0 if right else w_match)
    for group in targets:
        arc(group_node[group], sink, capacities[group], 0)

    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        np.array(tails, dtype=np.int32),
        np.array(heads, dtype=np.int32),
        np.array(caps, dtype=np.int64),
        np.array(costs, dtype=np.int64),
    )
    supply = min(sum(supplies[t] for t in types), total)
    solver.set_node_supply(source, supply)
    solver.set_node_supply(sink, -supply)
    status = solver.solve_max_flow_with_min_cost()
    if status != solver.OPTIMAL:
        raise SolverFailed(f"min-cost flow status {status}")
    flows = solver.flows(np.arange(len(tails), dtype=np.int32))
    return _decompose(pools, tails, heads, flows, type_node, pool_node, group_node)


def _decompose(
    pools: Sequence[tuple[str, str, int, bool, bool]],
    tails: Sequence[int],
    heads: Sequence[int],
    flows: np.ndarray,
    type_node: Mapping[TypeKey, int],
    pool_node: Mapping[tuple[str, str, int, bool, bool], int],
    group_node: Mapping[GroupKey, int],
) -> dict[TypeKey, list[tuple[GroupKey, int]]]:
    """Type → group flows: direct arcs as they are, pool flows matched type by type in key
    order to the pool's groups in key order (the types of one pool are interchangeable on the
    pool's arcs)."""
    node_type = {n: t for t, n in type_node.items()}
    node_pool = {n: p for p, n in pool_node.items()}
    node_group = {n: g for g, n in group_node.items()}
    result: dict[TypeKey, dict[GroupKey, int]] = {}
    pool_in: dict[tuple[str, str, int, bool, bool], list[tuple[TypeKey, int]]] = {}
    pool_out: dict[tuple[str, str, int, bool, bool], list[tuple[GroupKey, int]]] = {}
    for tail, head, flow in zip(tails, heads, flows.tolist(), strict=True):
        if flow <= 0:
            continue
        if tail in node_type and head in node_group:
            per = result.setdefault(node_type[tail], {})
            group = node_group[head]
            per[group] = per.get(group, 0) + flow
        elif tail in node_type and head in node_pool:
            pool_in.setdefault(node_pool[head], []).append((node_type[tail], flow))
        elif tail in node_pool and head in node_group:
            pool_out.setdefault(node_pool[tail], []).append((node_group[head], flow))
    for pool in pools:
        incoming = sorted(pool_in.get(pool, []))
        outgoing = sorted(pool_out.get(pool, []))
        i = 0
        for type_key, amount in incoming:
            left = amount
            while left > 0:
                group, room = outgoing[i]
                take = min(left, room)
                per = result.setdefault(type_key, {})
                per[group] = per.get(group, 0) + take
                left -= take
                if take == room:
                    i += 1
                else:
                    outgoing[i] = (group, room - take)
    return {t: sorted(per.items()) for t, per in sorted(result.items())}
