"""A Đức Hợp militia for the training tests: a mobile platoon (one member in his first year,
two later), an on-site squad (one member in his fourth year), a standing member; and a
mobile member in Đồng Thanh, outside the commune commander's area."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.core.factories import make_person
from tests.militia.factories import make_member, make_militia_unit


@pytest.fixture
def force(units):
    dhop = units["DHOP"]
    platoon = make_militia_unit(dhop, name="Trung đội cơ động")
    squad = make_militia_unit(
        dhop, name="Tiểu đội thôn 1", component="on_site", level="squad", establishment=10
    )
    standing = make_militia_unit(
        dhop, name="Tổ thường trực", component="standing", level="team", establishment=5
    )
    people = {
        name: make_person(dhop, full_name=name)
        for name in ("Lê Văn An", "Phạm Văn Bình", "Ngô Văn Cường", "Vũ Văn Dũng", "Đỗ Văn Em")
    }
    members = {
        # joined in 2025: his first year of service in 2025
        "first": make_member(people["Lê Văn An"], unit=platoon, joined_on=dt.date(2025, 1, 1)),
        # joined on 31/12/2024: in his second year on 31/12/2025
        "second": make_member(
            people["Phạm Văn Bình"], unit=platoon, joined_on=dt.date(2024, 12, 31)
        ),
        "third": make_member(people["Ngô Văn Cường"], unit=platoon, joined_on=dt.date(2023, 3, 1)),
        "on_site": make_member(
            people["Vũ Văn Dũng"], unit=squad, component="on_site", joined_on=dt.date(2022, 5, 1)
        ),
        "standing": make_member(
            people["Đỗ Văn Em"],
            unit=standing,
            component="standing",
            joined_on=dt.date(2024, 6, 1),
            years=2,
        ),
    }
    outsider = make_member(make_person(units["DT"], full_name="Trần Văn Ngoài"))
    return {"platoon": platoon, "squad": squad, "members": members, "outsider": outsider}
