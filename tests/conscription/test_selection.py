"""Selection order with a committed draw: re-derivable by anyone from the revealed seed."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muster.law.callup.draw import (
    Candidate,
    SelectionError,
    commit,
    draw_key,
    new_seed,
    parse_candidate,
    rank,
    verify,
)

SEED = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
OTHER_SEED = "f" * 64

candidates = st.builds(
    Candidate,
    public_id=st.uuids().map(str),
    volunteer=st.booleans(),
    education=st.integers(7, 12),
    health_class=st.integers(1, 3),
    graduate=st.booleans(),
    ethnic_minority=st.booleans(),
)
pools = st.lists(candidates, max_size=40, unique_by=lambda c: c.public_id)
seeds = st.binary(min_size=16, max_size=32).map(bytes.hex)


def person(pid, **kw):
    return Candidate(
        public_id=pid, **{"volunteer": False, "education": 12, "health_class": 1, **kw}
    )


def test_the_published_order_by_hand():
    pool = [
        person("plain-12-h1"),
        person("plain-9-h1", education=9),
        person("plain-12-h3", health_class=3),
        person("minority-9-h2", education=9, health_class=2, ethnic_minority=True),
        person("graduate-h2", graduate=True, health_class=2),
        person("volunteer-8-h3", volunteer=True, education=8, health_class=3),
    ]
    ranked = rank(pool, SEED, quota=3, standby=2)
    assert [e.public_id for e in ranked.entries] == [
        "volunteer-8-h3",  # volunteers first, whatever their standard
        "graduate-h2",  # then the priority citizens, graduates above grade 12 …
        "minority-9-h2",  # … and ethnic minorities
        "plain-12-h1",  # then education high → low, health class 1 → 3
        "plain-12-h3",
        "plain-9-h1",
    ]
    assert ranked.official == ["volunteer-8-h3", "graduate-h2", "minority-9-h2"]
    assert ranked.standby_list == ["plain-12-h1", "plain-12-h3"]
    assert ranked.entries[-1].list == "remaining"


def test_ties_are_ordered_by_the_published_draw():
    pool = [person(f"id-{i}") for i in range(5)]
    ranked = rank(pool, SEED)
    expected = sorted(pool, key=lambda p: hashlib.sha256((SEED + p.public_id).encode()).hexdigest())
    assert [e.public_id for e in ranked.entries] == [p.public_id for p in expected]
    assert ranked.entries[0].draw == draw_key(SEED, ranked.entries[0].public_id)


def test_commitment_is_the_sha256_of_the_seed():
    assert commit(SEED) == hashlib.sha256(SEED.encode()).hexdigest()
    assert rank([], SEED).commitment == commit(SEED)


@pytest.mark.parametrize("seed", ["", "1234", "g" * 64, "A" * 64, "0" * 31, "0" * 129])
def test_weak_or_malformed_seeds_are_refused(seed):
    with pytest.raises(SelectionError, match="32 to 128 lowercase hexadecimal digits"):
        commit(seed)


def test_new_seed_is_fresh_and_acceptable():
    a, b = new_seed(), new_seed()
    assert a != b
    commit(a)


@settings(max_examples=200, deadline=None)
@given(pools, seeds, st.integers(0, 10), st.integers(0, 10))
def test_anyone_re_derives_the_list_from_the_revealed_seed(pool, seed, quota, standby):
    quota = min(quota, len(pool))
    published = rank(pool, seed, quota=quota, standby=standby)
    commitment = commit(seed)
    # a citizen re-derives from the public pool in any order
    assert verify(commitment, seed, list(reversed(pool)), published)
    assert len(published.official) == quota
    assert len(published.standby_list) == min(standby, len(pool) - quota)


@settings(max_examples=200, deadline=None)
@given(pools, seeds, seeds)
def test_changing_the_seed_changes_only_the_order_within_ties(pool, seed, other):
    a, b = rank(pool, seed), rank(pool, other)
    assert [e.standing for e in a.entries] == [e.standing for e in b.entries]
    groups_a: dict[tuple, set[str]] = {}
    groups_b: dict[tuple, set[str]] = {}
    for e in a.entries:
        groups_a.setdefault(e.standing, set()).add(e.public_id)
    for e in b.entries:
        groups_b.setdefault(e.standing, set()).add(e.public_id)
    assert groups_a == groups_b


def test_a_different_seed_reorders_a_large_tie():
    pool = [person(f"id-{i}") for i in range(20)]
    assert [e.public_id for e in rank(pool, SEED).entries] != [
        e.public_id for e in rank(pool, OTHER_SEED).entries
    ]


def test_a_tampered_seed_list_or_pool_fails_verify():
    pool = [person(f"id-{i}", education=8 + i % 3) for i in range(12)]
    published = rank(pool, SEED, quota=4, standby=2)
    commitment = commit(SEED)
    assert verify(commitment, SEED, pool, published)
    # another seed: does not match the commitment
    assert not verify(commitment, OTHER_SEED, pool, published)
    # a list made with another seed, passed off under the committed one
    assert not verify(commitment, SEED, pool, rank(pool, OTHER_SEED, quota=4, standby=2))
    # two places swapped
    entries = list(published.entries)
    entries[0], entries[1] = entries[1], entries[0]
    assert not verify(
        commitment, SEED, pool, dataclasses.replace(published, entries=tuple(entries))
    )
    # a citizen quietly dropped from the pool
    assert not verify(commitment, SEED, pool[1:], published)
    # a malformed seed is simply false
    assert not verify(commitment, "nope", pool, published)


def test_bad_pools_are_refused_with_every_problem():
    pool = [person("a"), person("a"), person("b", health_class=4), person("c", education=13)]
    with pytest.raises(SelectionError) as info:
        rank(pool, SEED, quota=5)
    assert info.value.problems == [
        "a: appears twice in the pool",
        "b: health class 4 is not callable (1–3)",
        "c: education must be a school grade 0–12",
        "the quota (5) exceeds the callable pool (4)",
    ]


def test_parse_candidate():
    ok, problems = parse_candidate(
        {"id": "x", "volunteer": True, "education": 12, "health_class": 2, "graduate": True}, "p[0]"
    )
    assert problems == [] and ok == Candidate("x", True, 12, 2, graduate=True)
    bad, problems = parse_candidate({"id": "y", "volunteer": "yes", "health_class": 4}, "p[1]")
    assert bad is None
    assert problems == [
        "p[1] (y).volunteer: must be true or false",
        "p[1] (y).education: must be a school grade 0–12",
        "p[1] (y).health_class: must be 1, 2 or 3",
    ]


def run_rank(tmp_path, data, *args):
    import io
    import json

    from django.core.management import call_command

    (tmp_path / "pool.json").write_text(json.dumps(data), encoding="utf-8")
    out = io.StringIO()
    call_command("rank", str(tmp_path / "pool.json"), *args, stdout=out)
    return json.loads(out.getvalue())


def test_rank_command_prints_a_list_anyone_can_verify(tmp_path):
    records = [
        {"id": f"p{i}", "volunteer": i == 3, "education": 9 + i % 4, "health_class": 1 + i % 3}
        for i in range(8)
    ]
    out = run_rank(tmp_path, records, "--seed", SEED, "--quota", "3", "--standby", "2")
    assert out["commitment"] == commit(SEED)
    assert out["entries"][0]["public_id"] == "p3"
    assert [e["list"] for e in out["entries"]].count("official") == 3
    pool = [parse_candidate(r, "")[0] for r in records]
    assert [e["public_id"] for e in out["entries"]] == [
        e.public_id for e in rank(pool, SEED, quota=3, standby=2).entries
    ]


def test_rank_command_reports_bad_records_and_seeds(tmp_path):
    from django.core.management.base import CommandError
    from django.utils import translation

    with translation.override("en"), pytest.raises(CommandError) as info:
        run_rank(tmp_path, [{"id": "a", "education": 12, "health_class": 5}, 3], "--seed", SEED)
    assert "2 problem(s)" in str(info.value)
    assert "[0] (a).health_class: must be 1, 2 or 3" in str(info.value)
    assert "[1]: must be an object" in str(info.value)
    with translation.override("en"), pytest.raises(CommandError, match="hexadecimal"):
        run_rank(tmp_path, [], "--seed", "short")
