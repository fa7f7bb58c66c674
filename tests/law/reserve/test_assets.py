"""Reserve technical assets, pure: the yearly registration rules dated around 1 Jul 2025 and
the proposal engine (same kind, then similar features, explained)."""

from __future__ import annotations

import datetime as dt

from muster.law import book
from muster.law.reserve.asset_match import AssetIn, NeedIn, propose
from muster.law.reserve.enums import AssetKind

ROAD, BOAT = AssetKind.ROAD_VEHICLE, AssetKind.WATERCRAFT


def test_yearly_registration_rule_is_confirmed_from_law_98_only():
    before = book.rule("reserve.assets.registration_yearly", dt.date(2025, 6, 30))
    after = book.rule("reserve.assets.registration_yearly", dt.date(2025, 7, 1))
    assert not before.confirmed and after.confirmed
    assert "Điều 7" in after.citations[0].label_vi and "98/2025" in after.citations[0].label_vi
    period = book.rule("reserve.assets.registration_period", dt.date(2025, 7, 1))
    assert not period.confirmed  # the legal reference gives no date: a default


def test_same_kind_only_then_the_most_similar_features_first():
    found = propose(
        [NeedIn("n", ROAD, "xe tải 5 tấn thùng bạt", 2)],
        [
            AssetIn("boat", BOAT, "xe tải 5 tấn thùng bạt"),
            AssetIn("car", ROAD, "ô tô con 7 chỗ"),
            AssetIn("small", ROAD, "Xe tai 2,5 tan"),
            AssetIn("exact", ROAD, "Xe tải 5 tấn, thùng bạt"),
        ],
    )
    assert [p.asset for p in found] == ["exact", "small"]
    assert found[0].exact and found[0].reason.vi.startswith("Cùng loại (")
    assert "đúng tính năng" in found[0].reason.vi and "Điều 18" in found[0].reason.vi
    assert "tính năng tương tự (3/6)" in found[1].reason.vi
    assert found[1].reason.en.startswith("Same kind (Road motor vehicle); similar features")


def test_an_asset_is_proposed_once_and_the_own_area_first():
    found = propose(
        [NeedIn(1, ROAD, "xe tải", 1, area_key="a"), NeedIn(2, ROAD, "xe tải", 5)],
        [
            AssetIn("far", ROAD, "xe tải", area_key="b"),
            AssetIn("near", ROAD, "xe tải", area_key="a"),
        ],
    )
    assert [(p.need, p.asset) for p in found] == [(1, "near"), (2, "far")]
    assert found[0].same_area and "cùng địa bàn" in found[0].reason.vi
