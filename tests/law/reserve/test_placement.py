"""Placement of reservists into reserve units by the priorities of Law 53/2019 Arts 15–17:
right specialty before close, class 1 before class 2, main-force units first, age limits by unit
role, full strength plus a 10–15 % spare, own area preferred; deterministic and explained."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from muster.law.reserve.enums import ReserveClass, ReservistKind, Sex, UnitForce, UnitRole
from muster.law.reserve.placement import Posts, Reservist, Unit, place, spare_target

DAY = dt.date(2026, 6, 1)
NCO = ReservistKind.NCO_SOLDIER
ONE, TWO = ReserveClass.ONE, ReserveClass.TWO


def person(ident, specialty="BB", area="X1", cls=ONE, age=25, **kw) -> Reservist:
    birth = kw.pop("birth", dt.date(DAY.year - age, 1, 1))
    return Reservist(
        ident=ident,
        kind=kw.pop("kind", NCO),
        sex=kw.pop("sex", Sex.MALE),
        birth=birth,
        specialty=specialty,
        area=area,
        reserve_class=cls if kw.pop("kind_needs_class", True) else None,
        **kw,
    )


def unit(ident="U1", role=UnitRole.COMBAT, force=UnitForce.MAIN, area="X1", spare=None):
    return Unit(ident, role, force, area, spare)


def by_reservist(result):
    return {p.reservist: p for p in result.placements}


def test_right_specialty_fills_full_strength_before_a_close_one():
    result = place(
        DAY,
        [person("close", "TT"), person("right", "BB")],
        [unit()],
        [Posts("U1", "BB", NCO, 1)],
        {"BB": {"TT"}},
    )
    placed = by_reservist(result)
    assert placed["right"].stage == 1 and placed["right"].right_specialty
    assert placed["close"].stage == 3 and placed["close"].spare  # the spare post
    assert not placed["close"].right_specialty


def test_a_close_specialty_fills_a_post_a_right_one_cannot():
    result = place(
        DAY,
        [person("a", "BB"), person("c", "CC"), person("far", "ZZ")],
        [unit()],
        [Posts("U1", "BB", NCO, 1), Posts("U1", "TT", NCO, 1)],
        {"BB": {"CC"}, "TT": {"BB"}},
    )
    placed = by_reservist(result)
    # Two posts filled with close specialties beat one filled with the right one.
    assert {placed["a"].specialty, placed["c"].specialty} == {"TT", "BB"}
    assert result.units[0].strength == 2 and result.units[0].right_rate == 0.0
    assert result.unplaced == ("far",)


def test_class_one_before_class_two_even_from_another_area():
    people = [person(f"two{n}", cls=TWO, area="X1") for n in range(10)]
    people += [person(f"one{n}", cls=ONE, area="X9") for n in range(10)]
    result = place(DAY, people, [unit()], [Posts("U1", "BB", NCO, 10)])
    full = [p for p in result.placements if not p.spare]
    assert sorted(p.reservist for p in full) == [f"one{n}" for n in range(10)]
    spare = [p for p in result.placements if p.spare]
    assert [p.reservist for p in spare] == ["two0"]
    assert spare[0].own_area
    assert len(result.unplaced) == 9


def test_professionals_and_officers_fill_only_their_own_posts():
    people = [
        person("pro", kind=ReservistKind.PROFESSIONAL, kind_needs_class=False),
        person("nco"),
        person("off", kind=ReservistKind.OFFICER, kind_needs_class=False, officer_max_age=51),
    ]
    posts = [
        Posts("U1", "BB", ReservistKind.PROFESSIONAL, 1),
        Posts("U1", "BB", ReservistKind.OFFICER, 1),
    ]
    result = place(DAY, people, [unit()], posts)
    placed = by_reservist(result)
    assert set(placed) == {"pro", "off"}
    assert "nco" in result.unplaced
    assert "quân nhân chuyên nghiệp dự bị" in placed["pro"].explanation.vi


def test_main_force_units_first_then_local_then_spares():
    units = [unit("L", force=UnitForce.LOCAL), unit("M", force=UnitForce.MAIN)]
    posts = [Posts("L", "BB", NCO, 1), Posts("M", "BB", NCO, 1)]
    one = place(DAY, [person("r1")], units, posts)
    assert [(p.reservist, p.unit, p.stage) for p in one.placements] == [("r1", "M", 1)]
    four = place(DAY, [person(f"r{n}") for n in range(5)], units, posts)
    stages = sorted((p.stage, p.unit) for p in four.placements)
    assert stages == [(1, "M"), (2, "L"), (3, "M"), (4, "L")]
    assert len(four.unplaced) == 1


@pytest.mark.parametrize(
    ("kind", "sex", "role", "limit"),
    [
        (NCO, Sex.MALE, UnitRole.COMBAT, 35),
        (ReservistKind.PROFESSIONAL, Sex.MALE, UnitRole.COMBAT, 40),
        (NCO, Sex.MALE, UnitRole.SUPPORT, 45),
        (NCO, Sex.FEMALE, UnitRole.SUPPORT, 40),
    ],
)
def test_age_limits_by_unit_role(kind, sex, role, limit):
    birth = dt.date(1990, 6, 2)  # the birthday falls on 02/06

    def run(day):
        reservist = Reservist("r", kind, sex, birth, "BB", "X1", ONE)
        return place(day, [reservist], [unit(role=role)], [Posts("U1", "BB", kind, 1)])

    last = dt.date(1990 + limit + 1, 6, 1)
    assert len(run(last).placements) == 1
    refused = run(last + dt.timedelta(days=1))
    assert refused.placements == ()
    if refused.refusals:  # past every unit's limit
        assert refused.refusals[0].reason.vi.startswith(f"{limit + 1} tuổi vào ngày")
        assert refused.refusals[0].citations[0].article == "17"
    else:  # still young enough for a combat-support unit: eligible, no post for him here
        assert refused.unplaced == ("r",)


def test_a_soldier_too_old_for_combat_goes_to_the_support_unit():
    units = [unit("C", role=UnitRole.COMBAT), unit("S", role=UnitRole.SUPPORT)]
    posts = [Posts("C", "BB", NCO, 1), Posts("S", "BB", NCO, 1)]
    result = place(DAY, [person("old", age=36), person("young", age=30)], units, posts)
    placed = by_reservist(result)
    assert (placed["old"].unit, placed["young"].unit) == ("S", "C")


def test_refused_unfit_and_unclassed():
    result = place(
        DAY,
        [person("unfit", fit=False), person("noclass", cls=None)],
        [unit()],
        [Posts("U1", "BB", NCO, 1)],
    )
    reasons = {r.reservist: r.reason.vi for r in result.refusals}
    assert reasons == {
        "unfit": "Không đủ sức khỏe: không sắp xếp vào đơn vị.",
        "noclass": "Chưa xếp hạng quân nhân dự bị: không sắp xếp.",
    }


@pytest.mark.parametrize(("percent", "spare"), [(None, 2), (10, 2), (12, 3), (15, 3)])
def test_spare_between_ten_and_fifteen_percent(percent, spare):
    people = [person(f"r{n:02d}") for n in range(30)]
    result = place(DAY, people, [unit(spare=percent)], [Posts("U1", "BB", NCO, 20)])
    report = result.units[0]
    assert (report.establishment, report.spare_target) == (20, spare)
    assert (report.strength, report.spare, report.shortfall) == (20, spare, 0)
    assert report.right_rate == 1.0


@pytest.mark.parametrize("percent", [9, 16])
def test_spare_outside_the_law_is_refused(percent):
    with pytest.raises(ValueError, match="outside 10–15"):
        place(DAY, [], [unit(spare=percent)], [Posts("U1", "BB", NCO, 20)])


def test_spare_rounds_up_and_spreads_over_the_unit_posts():
    assert spare_target(25, 10) == 3 and spare_target(20, 15) == 3 and spare_target(0, 10) == 0
    people = [person(f"b{n:02d}", "BB") for n in range(20)] + [
        person(f"t{n:02d}", "TT") for n in range(20)
    ]
    posts = [Posts("U1", "BB", NCO, 14), Posts("U1", "TT", NCO, 6)]
    result = place(DAY, people, [unit()], posts)
    spare = sorted(p.specialty for p in result.placements if p.spare)
    assert spare == ["BB", "TT"]


def test_own_area_preferred_at_equal_specialty_and_class():
    people = [person(f"far{n}", area="X9") for n in range(10)]
    people += [person("near1", area="X1"), person("near2", area="X1")]
    result = place(DAY, people, [unit(area="X1")], [Posts("U1", "BB", NCO, 10)])
    full = {p.reservist for p in result.placements if not p.spare}
    assert {"near1", "near2"} <= full
    assert sum(p.own_area for p in result.placements) == 2


def test_shortfall_and_rate_per_unit():
    result = place(
        DAY,
        [person("a", "BB"), person("b", "TT")],
        [unit()],
        [Posts("U1", "BB", NCO, 5)],
        {"BB": {"TT"}},
    )
    report = result.units[0]
    assert (report.strength, report.shortfall, report.spare, report.spare_shortfall) == (
        2,
        3,
        0,
        1,
    )
    assert report.right_rate == 0.5


def test_explanation_in_vietnamese_with_citations():
    result = place(
        DAY,
        [person("r1", area="X1"), person("r2", "TT", area="X2", cls=TWO)],
        [unit(area="X1")],
        [Posts("U1", "BB", NCO, 1)],
        {"BB": {"TT"}},
    )
    placed = by_reservist(result)
    assert placed["r1"].explanation.vi == (
        "Đúng chuyên nghiệp quân sự (BB); hạng một; cùng địa bàn động viên; "
        "ưu tiên 1: biên chế đủ quân số đơn vị chủ lực."
    )
    assert placed["r2"].explanation.vi == (
        "Chuyên nghiệp quân sự gần (TT cho vị trí BB); hạng hai; ngoài địa bàn động viên "
        "của đơn vị; ưu tiên 3: dự phòng của đơn vị chủ lực."
    )
    assert placed["r2"].explanation.en.startswith("Close military specialty (TT for a BB post)")
    labels = [c.label_vi for c in placed["r2"].citations]
    assert "Điều 16 Luật Lực lượng dự bị động viên 53/2019/QH14" in labels
    assert "khoản 2 Điều 15 Luật Lực lượng dự bị động viên 53/2019/QH14" in labels
    assert "khoản 2 Điều 15 Luật Lực lượng dự bị động viên 53/2019/QH14" not in [
        c.label_vi for c in placed["r1"].citations
    ]


def _scenario(seed: int):
    rng = random.Random(seed)
    specialties = [f"S{n}" for n in range(8)]
    people = [
        person(
            f"r{n:03d}",
            rng.choice(specialties),
            rng.choice(["X1", "X2", "X3", "X4"]),
            rng.choice([ONE, TWO]),
            rng.randint(20, 47),
        )
        for n in range(300)
    ]
    units = [
        unit(f"U{n}", rng.choice(list(UnitRole)), rng.choice(list(UnitForce)), f"X{n % 4 + 1}")
        for n in range(6)
    ]
    posts = [Posts(f"U{n}", s, NCO, rng.randint(0, 6)) for n in range(6) for s in specialties]
    close = {s: {specialties[(i + 1) % 8]} for i, s in enumerate(specialties)}
    return people, units, posts, close


def test_deterministic_whatever_the_input_order():
    people, units, posts, close = _scenario(7)
    first = place(DAY, people, units, posts, close)
    shuffled = list(people)
    random.Random(1).shuffle(shuffled)
    second = place(DAY, shuffled, list(reversed(units)), list(reversed(posts)), close)
    assert first == second
    assert dataclasses.asdict(first) == dataclasses.asdict(place(DAY, people, units, posts, close))
    assert first.placements and first.refusals and first.unplaced
