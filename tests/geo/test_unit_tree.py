import datetime as dt

from muster.geo.lineage_store import lineage_roots
from muster.geo.models import Unit
from muster.geo.scope import Scope, scope_of


def names_on(day, kind_filter=None):
    qs = Unit.objects.valid_on(day).commune_level()
    return sorted(u.name for u in qs)


def test_fifteen_commune_units_in_2025_before_reform(units):
    assert len(names_on(dt.date(2025, 6, 30))) == 15


def test_seventeen_commune_units_before_the_2024_merger(units):
    names = names_on(dt.date(2024, 11, 30))
    assert len(names) == 17
    assert "Nhân La" in names and "Vũ Xá" in names and "Diên Hồng" not in names


def test_merger_2024_takes_effect_on_1_december(units):
    names = names_on(dt.date(2024, 12, 1))
    assert "Diên Hồng" in names and "Phú Thọ" in names
    assert "Nhân La" not in names and "Thọ Vinh" not in names


def test_reform_2025_leaves_four_communes_and_sons_nam_ward_without_district(units):
    day = dt.date(2025, 7, 1)
    kim_dong_successors = {"Lương Bằng", "Nghĩa Dân", "Hiệp Cường", "Đức Hợp", "Sơn Nam"}
    assert set(names_on(day)) == kim_dong_successors
    assert not Unit.objects.valid_on(day).filter(kind="district").exists()
    for unit in Unit.objects.valid_on(day).commune_level():
        assert unit.parent.kind == "defence_region"


def test_lineage_of_new_duc_hop_reaches_the_2024_predecessors(units):
    names = {u.name for u in lineage_roots(units["DHOP25"])}
    assert {"Đức Hợp", "Phú Thọ", "Mai Động", "Phú Thịnh", "Thọ Vinh"} <= names


def test_ngoc_thanh_split_is_partial_towards_both_successors(units):
    changes = units["NT"].successions.all()
    assert {c.successor.name for c in changes} == {"Hiệp Cường", "Sơn Nam"}
    assert all(c.partial for c in changes)


def test_subtree_of_district_holds_its_communes_only(units):
    ids = set(Scope.of_units([units["KD"]]).units().values_list("pk", flat=True))
    assert units["DHOP"].pk in ids
    assert units["DHOP25"].pk not in ids
    assert units["HY"].pk not in ids


def test_ptkv_scope_covers_the_old_district_through_lineage(personas, units):
    ids = scope_of(personas["ptkv_officer"]).unit_ids()
    assert units["DHOP25"].pk in ids and units["DHOP"].pk in ids and units["KD"].pk in ids


def test_commune_scope_excludes_the_neighbour(personas, units):
    ids = scope_of(personas["commune_commander"]).unit_ids()
    assert units["DHOP"].pk in ids
    assert units["DT"].pk not in ids
