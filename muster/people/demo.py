"""Synthetic demo registry (dữ liệu mẫu) for the Kim Động demo district.

Everything here is invented and every row is flagged ``is_synthetic`` (people) or
``population_synthetic`` (villages). Village names are plausible, not the real list, except
Thôn Đức Trung of Đức Hợp, which the 2025 directive cites. Which villages of Ngọc Thanh went to
Hiệp Cường and which to Sơn Nam ward on 1 July 2025 is not known (legal-reference.md §9); the
demo sends the first half to Hiệp Cường and the rest to Sơn Nam.

The generator is split in two:

* a pure part (:func:`build_demo_plan`, :func:`plan_villages`, :func:`build_people`) that turns
  plain commune facts and a seed into plans, with no database access, deterministic from the
  seed (``random.Random`` only, UUIDs drawn from the same generator);
* a writer (:func:`generate_demo_registry`) that creates the villages through the geo services
  (one audit event each) and bulk-inserts the people and their family ties in one transaction,
  with a single audit event for the whole registry load.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from django.db import transaction

from muster.accounts.services import system_actor
from muster.audit.services import record_event
from muster.core.ages import age_on, birth_range
from muster.core.text import fold
from muster.geo.models import ChangeKind, Unit, UnitChange, UnitKind
from muster.geo.services import unit_change_record, unit_create
from muster.people import national_id
from muster.people.models import (
    FamilyTie,
    HigherLevel,
    MaritalStatus,
    Person,
    Relation,
    Sex,
    StudyMode,
    StudyStatus,
)
from muster.people.reference import KINH

T = TypeVar("T")

#: Ages are taken on this day (the start of the 2025 call-up year).
REFERENCE_DATE = dt.date(2025, 1, 1)
#: The last day of the district-level units (before NQ 1666/NQ-UBTVQH15 took effect).
LAST_DISTRICT_DAY = dt.date(2025, 6, 30)
REFORM_LEGAL_BASIS = "NQ 1666/NQ-UBTVQH15"
DEMO_REASON = "synthetic demo data"

#: Share of the commune population generated: men aged 16–45 on the reference date (so the
#: boys who turn 17 during 2025 are there for the January list) and women aged 18–40.
MEN_SHARE = 0.24
WOMEN_SHARE = 0.17
MEN_AGES = (16, 45)
WOMEN_AGES = (18, 40)
#: Men in this age range get family ties (the call-up pool and its near edge).
TIES_AGES = (16, 27)

#: Real village of Đức Hợp, cited by the 2025 directive (1.5 ha of land in Đức Trung village).
DUC_TRUNG = "Thôn Đức Trung"
DUC_HOP_KEY = "DHOP"


class _Table(Generic[T]):
    """A weighted choice table; ``pick`` draws one item with one ``rng.random()``."""

    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, pairs: Iterable[tuple[T, float]]) -> None:
        pairs = list(pairs)
        self._items: tuple[T, ...] = tuple(item for item, _w in pairs)
        self._cum: list[float] = list(itertools.accumulate(w for _i, w in pairs))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect.bisect_right(self._cum, rng.random() * self._total)]


# --- Names ---------------------------------------------------------------------------------

#: Family names (họ) with rough shares in the Red River delta (Nguyễn about 38 %).
SURNAMES: _Table[str] = _Table(
    [
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 4.5), ("Vũ", 4.5),
        ("Đỗ", 2.2), ("Bùi", 2.2), ("Đặng", 2), ("Ngô", 1.5), ("Đào", 1.5), ("Dương", 1.2),
        ("Phan", 1.2), ("Đinh", 1), ("Lương", 0.8), ("Trịnh", 0.8), ("Đoàn", 0.8), ("Hồ", 0.6),
        ("Mai", 0.6), ("Cao", 0.6), ("Tạ", 0.5), ("Chu", 0.5), ("Lưu", 0.5), ("Hà", 0.5),
        ("Lý", 0.4), ("Tô", 0.4), ("Nghiêm", 0.2), ("Quách", 0.2), ("Khúc", 0.2),
    ]
)  # fmt: skip

#: Male middle names (tên đệm): "Văn" dominates older generations.
MALE_MIDDLE_OLDER: _Table[str] = _Table(
    [
        ("Văn", 62), ("Đức", 8), ("Đình", 5), ("Hữu", 5), ("Minh", 5), ("Quang", 4),
        ("Công", 4), ("Thành", 3), ("Xuân", 3), ("Mạnh", 2), ("Tiến", 2), ("Ngọc", 2),
        ("Trọng", 2),
    ]
)  # fmt: skip
MALE_MIDDLE_YOUNGER: _Table[str] = _Table(
    [
        ("Văn", 32), ("Đức", 12), ("Minh", 10), ("Quang", 7), ("Công", 5), ("Thành", 5),
        ("Hữu", 4), ("Tiến", 4), ("Đình", 4), ("Xuân", 3), ("Mạnh", 3), ("Trung", 3),
        ("Huy", 3), ("Gia", 3), ("Việt", 3), ("Duy", 3), ("Hoàng", 3), ("Anh", 2),
        ("Tuấn", 2), ("Bảo", 2),
    ]
)  # fmt: skip
FEMALE_MIDDLE_OLDER: _Table[str] = _Table(
    [
        ("Thị", 80), ("Thu", 4), ("Thanh", 4), ("Ngọc", 3), ("Hồng", 3), ("Minh", 2),
        ("Phương", 2), ("Kim", 2),
    ]
)  # fmt: skip
FEMALE_MIDDLE_YOUNGER: _Table[str] = _Table(
    [
        ("Thị", 45), ("Ngọc", 8), ("Thu", 6), ("Thanh", 6), ("Phương", 6), ("Minh", 5),
        ("Khánh", 4), ("Thùy", 4), ("Bảo", 3), ("Hồng", 3), ("Mai", 3), ("Hải", 3),
        ("Diệu", 2), ("Quỳnh", 2),
    ]
)  # fmt: skip
#: A second middle name after "Thị" ("Nguyễn Thị Thu Hà").
FEMALE_SECOND_MIDDLE: tuple[str, ...] = ("Thu", "Thanh", "Minh", "Ngọc", "Hồng", "Kim")

MALE_GIVEN: _Table[str] = _Table(
    [
        ("Anh", 6), ("Tuấn", 5), ("Hùng", 5), ("Dũng", 5), ("Hải", 5), ("Nam", 5), ("Huy", 5),
        ("Minh", 5), ("Đạt", 5), ("Cường", 4), ("Long", 4), ("Thắng", 4), ("Hiếu", 4),
        ("Trung", 4), ("Đức", 4), ("Hưng", 4), ("Quân", 4), ("Sơn", 4), ("Tùng", 4),
        ("Thành", 4), ("Hoàng", 3), ("Phong", 3), ("Khánh", 3), ("Kiên", 3), ("Vinh", 3),
        ("Duy", 3), ("Mạnh", 3), ("Nghĩa", 3), ("Phúc", 3), ("Quang", 3), ("Thịnh", 3),
        ("Toàn", 3), ("Việt", 3), ("Bình", 3), ("Chiến", 3), ("Khoa", 3), ("Tiến", 3),
        ("Trường", 3), ("Tú", 2), ("Hiệp", 2), ("Lâm", 2), ("Quý", 2), ("Tài", 2),
        ("Thái", 2), ("Trọng", 2), ("Vũ", 2), ("Công", 2), ("Định", 2), ("Giang", 2),
        ("Hậu", 2), ("Hòa", 2), ("Lợi", 2), ("Lực", 2), ("Tâm", 2), ("Tân", 2),
        ("Thuận", 2), ("Dương", 2), ("Đông", 2), ("Lộc", 2), ("Bảo", 2), ("Nhật", 2),
        ("An", 2), ("Tuân", 1), ("Hào", 1), ("Kiệt", 1),
    ]
)  # fmt: skip
FEMALE_GIVEN: _Table[str] = _Table(
    [
        ("Anh", 6), ("Linh", 6), ("Trang", 6), ("Hương", 5), ("Hà", 5), ("Huyền", 5),
        ("Thảo", 5), ("Hằng", 5), ("Lan", 4), ("Mai", 4), ("Nhung", 4), ("Phương", 4),
        ("Thủy", 4), ("Hoa", 4), ("Hiền", 4), ("Nga", 4), ("Yến", 4), ("Ngọc", 3), ("Thu", 3),
        ("Hạnh", 3), ("Hồng", 3), ("Loan", 3), ("Ly", 3), ("Oanh", 3), ("Quỳnh", 3),
        ("Thư", 3), ("Thúy", 3), ("Vân", 3), ("Dung", 3), ("Giang", 3), ("Ngân", 3),
        ("Duyên", 3), ("Nhàn", 2), ("Tâm", 2), ("Trinh", 2), ("Uyên", 2), ("Hòa", 2),
        ("Liên", 2), ("Nhi", 2), ("Vy", 2), ("Xuân", 2), ("Chi", 2), ("My", 2), ("Tuyết", 2),
        ("Lụa", 1), ("Mến", 1), ("Diệp", 1), ("Châm", 1),
    ]
)  # fmt: skip

# --- Villages ------------------------------------------------------------------------------

#: Plausible village names (thôn) of the delta; invented for the demo, not the official list.
VILLAGE_NAMES: tuple[str, ...] = (
    "Thôn Đông", "Thôn Tây", "Thôn Nam", "Thôn Bắc", "Thôn Trung", "Thôn Thượng", "Thôn Hạ",
    "Thôn An Xá", "Thôn Đào Xá", "Thôn Lương Xá", "Thôn Phú Mỹ", "Thôn Tiên Quán",
    "Thôn Kim Đằng", "Thôn Hạ Lễ", "Thôn Thái Hòa", "Thôn Bình Minh", "Thôn Tân Hưng",
    "Thôn Hòa Bình", "Thôn Đại Đồng", "Thôn Phương Trù", "Thôn Mai Viên", "Thôn Ninh Xá",
    "Thôn Quảng Lạc", "Thôn Cao Xá", "Thôn Nội Linh", "Thôn Hậu Xá", "Thôn Đoàn Kết",
    "Thôn Văn Nhuế", "Thôn Lê Xá", "Thôn Thọ Bình", "Thôn Vĩnh Phúc", "Thôn Yên Lịch",
    "Thôn Động Xá", "Thôn Ngọc Đồng", "Thôn Trà Dương", "Thôn Hòa Lạc", "Thôn Phù Oanh",
    "Thôn Thiện Phiến", "Thôn Hương Quất", "Thôn Đồng Lý", "Thôn Trần Xá", "Thôn Cốc Ngang",
    "Thôn Lại Ốc", "Thôn Bình Dân", "Thôn Kệ Châu", "Thôn Phần Lương", "Thôn Duyên Yên",
    "Thôn Nghĩa Lộ", "Thôn Tiền Phong", "Thôn Tân Dân", "Thôn Thanh Xuân", "Thôn Hồng Quang",
    "Thôn Cộng Hòa", "Thôn Quyết Thắng", "Thôn Đông Kết", "Thôn Phượng Hoàng",
)  # fmt: skip
VILLAGES_PER_COMMUNE = (5, 9)

# --- Places --------------------------------------------------------------------------------

#: Province of birth registration in the ID number (mostly Hưng Yên, some neighbours).
ID_PROVINCES: _Table[str] = _Table([("033", 92), ("034", 3), ("001", 3), ("030", 2)])
#: Ethnic minorities (about 0.5 %): Mường, Tày, Thái, Nùng.
MINORITIES: _Table[str] = _Table([("06", 40), ("02", 25), ("03", 20), ("07", 15)])
MINORITY_SHARE = 0.005
MOBILE_PREFIXES: tuple[str, ...] = (
    "096", "097", "098", "086", "032", "033", "034", "035", "036", "037", "038", "039",
    "091", "094", "088", "081", "083", "084", "085", "090", "093", "089", "070", "077",
    "078", "079",
)  # fmt: skip

HIGH_SCHOOL_DEFAULT = "Trường THPT Kim Động"
HIGH_SCHOOLS: dict[str, str] = {
    "DHOP": "Trường THPT Đức Hợp", "MD": "Trường THPT Đức Hợp", "PTO": "Trường THPT Đức Hợp",
    "ND": "Trường THPT Nghĩa Dân", "DT": "Trường THPT Nghĩa Dân", "VXA": "Trường THPT Nghĩa Dân",
    "TT": "Trường THPT Nghĩa Dân",
}  # fmt: skip
CONTINUING_EDUCATION = "Trung tâm GDNN-GDTX Kim Động"
UNIVERSITIES: _Table[str] = _Table(
    [
        ("Trường Đại học Sư phạm Kỹ thuật Hưng Yên", 20), ("Đại học Bách khoa Hà Nội", 8),
        ("Trường Đại học Công nghiệp Hà Nội", 12), ("Trường Đại học Kinh tế Quốc dân", 6),
        ("Học viện Nông nghiệp Việt Nam", 8), ("Trường Đại học Thủy lợi", 6),
        ("Trường Đại học Chu Văn An", 6), ("Trường Đại học Tài chính – Quản trị kinh doanh", 8),
        ("Trường Đại học Thương mại", 6), ("Trường Đại học Điện lực", 5),
    ]
)  # fmt: skip
UNIVERSITY_BY_FIELD: dict[str, str] = {
    "Y đa khoa": "Trường Đại học Y Hà Nội",
    "Dược học": "Trường Đại học Dược Hà Nội",
    "Luật": "Trường Đại học Luật Hà Nội",
    "Sư phạm Toán": "Trường Đại học Sư phạm Hà Nội",
    "Sư phạm Tiểu học": "Trường Đại học Sư phạm Hà Nội",
    "Sư phạm Mầm non": "Trường Đại học Sư phạm Hà Nội",
}
COLLEGES: _Table[str] = _Table(
    [
        ("Trường Cao đẳng Y tế Hưng Yên", 3), ("Trường Cao đẳng Cơ điện và Thủy lợi", 4),
        ("Trường Cao đẳng Kinh tế – Kỹ thuật Tô Hiệu Hưng Yên", 4),
        ("Trường Cao đẳng Công nghiệp Hưng Yên", 4), ("Trường Cao đẳng ASEAN", 2),
    ]
)  # fmt: skip
TRADE_SCHOOLS: _Table[str] = _Table(
    [
        ("Trung tâm GDNN-GDTX Kim Động", 5), ("Trường Cao đẳng Công nghiệp Hưng Yên", 3),
        ("Trường Trung cấp Kinh tế – Kỹ thuật Hưng Yên", 3),
    ]
)  # fmt: skip

#: (field of study, years) by sex and level.
UNIVERSITY_FIELDS: dict[str, _Table[tuple[str, int]]] = {
    Sex.MALE: _Table(
        [
            (("Công nghệ thông tin", 4), 18), (("Kỹ thuật cơ khí", 4), 12),
            (("Kỹ thuật điện", 4), 10), (("Quản trị kinh doanh", 4), 10),
            (("Kỹ thuật xây dựng", 4), 8), (("Công nghệ kỹ thuật ô tô", 4), 8),
            (("Kế toán", 4), 6), (("Điện tử viễn thông", 4), 5), (("Luật", 4), 5),
            (("Kinh tế nông nghiệp", 4), 4), (("Sư phạm Toán", 4), 4), (("Ngôn ngữ Anh", 4), 3),
            (("Y đa khoa", 6), 3),
        ]
    ),
    Sex.FEMALE: _Table(
        [
            (("Kế toán", 4), 18), (("Quản trị kinh doanh", 4), 10), (("Ngôn ngữ Anh", 4), 10),
            (("Sư phạm Tiểu học", 4), 10), (("Tài chính – Ngân hàng", 4), 10),
            (("Điều dưỡng", 4), 8), (("Sư phạm Mầm non", 4), 6), (("Luật", 4), 6),
            (("Marketing", 4), 6), (("Dược học", 5), 5), (("Công nghệ thông tin", 4), 5),
            (("Y đa khoa", 6), 3),
        ]
    ),
}  # fmt: skip
COLLEGE_FIELDS: dict[str, _Table[str]] = {
    Sex.MALE: _Table(
        [
            ("Công nghệ kỹ thuật điện", 6), ("Công nghệ ô tô", 6), ("Tin học ứng dụng", 4),
            ("Kế toán", 2), ("Công nghệ kỹ thuật cơ khí", 5), ("Điều dưỡng", 1),
        ]
    ),
    Sex.FEMALE: _Table(
        [
            ("Điều dưỡng", 6), ("Kế toán", 6), ("Sư phạm Mầm non", 5), ("Dược", 4),
            ("Quản trị kinh doanh", 3), ("Tin học ứng dụng", 1),
        ]
    ),
}  # fmt: skip
TRADE_FIELDS: dict[str, _Table[str]] = {
    Sex.MALE: _Table(
        [
            ("Hàn", 6), ("Điện công nghiệp", 6), ("Điện dân dụng", 4), ("Công nghệ ô tô", 5),
            ("Cắt gọt kim loại", 3), ("Sửa chữa máy nông nghiệp", 1), ("Kỹ thuật xây dựng", 2),
        ]
    ),
    Sex.FEMALE: _Table(
        [
            ("May thời trang", 6), ("Kế toán doanh nghiệp", 4), ("Chăm sóc sắc đẹp", 3),
            ("Kỹ thuật chế biến món ăn", 2), ("Tin học văn phòng", 2),
        ]
    ),
}  # fmt: skip

#: Occupation and workplace of people at work, by sex. "{commune}" is filled in.
JOBS: dict[str, _Table[tuple[str, str]]] = {
    Sex.MALE: _Table(
        [
            (("Làm ruộng", ""), 14), (("Trồng nhãn, làm vườn", ""), 5),
            (("Công nhân", "KCN Phố Nối A"), 12), (("Công nhân", "KCN Thăng Long II"), 10),
            (("Công nhân", "KCN Minh Đức"), 4), (("Thợ xây", "Tự do"), 10),
            (("Thợ cơ khí", ""), 5), (("Thợ điện", ""), 4), (("Lái xe", ""), 5),
            (("Buôn bán", ""), 6), (("Lao động tự do", "Hà Nội"), 8), (("Chăn nuôi", ""), 3),
            (("Sửa chữa xe máy", ""), 3), (("Giao hàng", "Hà Nội"), 2),
            (("Bảo vệ", "KCN Thăng Long II"), 2),
            (("Lao động tại Nhật Bản", "Nhật Bản"), 3),
            (("Lao động tại Hàn Quốc", "Hàn Quốc"), 2),
            (("Lao động tại Đài Loan", "Đài Loan"), 2), (("Chưa có việc làm", ""), 3),
        ]
    ),
    Sex.FEMALE: _Table(
        [
            (("Làm ruộng", ""), 12), (("Công nhân may", "KCN Phố Nối A"), 12),
            (("Công nhân", "KCN Thăng Long II"), 12), (("Buôn bán", ""), 10),
            (("Nội trợ", ""), 6), (("Thợ may", ""), 5), (("Lao động tự do", "Hà Nội"), 5),
            (("Bán hàng", "Chợ {commune}"), 5), (("Làm tóc, chăm sóc sắc đẹp", ""), 3),
            (("Lao động tại Nhật Bản", "Nhật Bản"), 3),
            (("Lao động tại Đài Loan", "Đài Loan"), 2), (("Chưa có việc làm", ""), 3),
        ]
    ),
}  # fmt: skip
ABROAD = frozenset({"Nhật Bản", "Hàn Quốc", "Đài Loan"})
GRADUATE_JOBS: _Table[tuple[str, str]] = _Table(
    [
        (("Kỹ sư", "KCN Phố Nối A"), 6), (("Nhân viên văn phòng", "Hà Nội"), 8),
        (("Kế toán", "KCN Thăng Long II"), 5), (("Công chức", "UBND xã {commune}"), 3),
        (("Giáo viên", "Trường THCS {commune}"), 4), (("Kinh doanh", ""), 4),
        (("Nhân viên ngân hàng", "Hưng Yên"), 2), (("Kỹ thuật viên", "KCN Minh Đức"), 3),
    ]
)  # fmt: skip
#: Field-specific jobs for graduates (prefix of the field → occupation, workplace).
FIELD_JOBS: tuple[tuple[str, str, str], ...] = (
    ("Sư phạm Mầm non", "Giáo viên", "Trường Mầm non {commune}"),
    ("Sư phạm Toán", "Giáo viên", "Trường THCS {commune}"),
    ("Sư phạm", "Giáo viên", "Trường Tiểu học {commune}"),
    ("Y đa khoa", "Bác sĩ", "Trung tâm Y tế huyện Kim Động"),
    ("Điều dưỡng", "Điều dưỡng", "Bệnh viện Đa khoa tỉnh Hưng Yên"),
    ("Dược", "Dược sĩ", "Nhà thuốc tại {commune}"),
    ("Luật", "Công chức", "UBND xã {commune}"),
)
RELIGIONS: _Table[str] = _Table([("", 91), ("Công giáo", 6), ("Phật giáo", 3)])
#: War invalid class (thương binh hạng) and its range of % loss of working capacity.
WAR_INVALID_CLASSES: _Table[int] = _Table([(4, 40), (3, 30), (2, 20), (1, 10)])
WAR_INVALID_LOSS: dict[int, tuple[int, int]] = {1: (81, 100), 2: (61, 80), 3: (41, 60), 4: (21, 40)}
GRADUATION_DAYS: tuple[tuple[int, int], ...] = ((6, 30), (7, 15), (7, 31), (8, 15))


# --- Pure inputs and plans -----------------------------------------------------------------


@dataclass(frozen=True)
class CommuneInput:
    """The facts about one commune-level unit that the pure generator needs."""

    key: str
    code: str
    name: str
    kind: str
    population: int
    #: (key, code) of the units it became on 1 July 2025, in order; the villages are split
    #: over them in that order (a partial split sends the first part to the first one).
    successors: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class VillagePlan:
    commune_key: str
    code: str
    name: str
    kind: str
    population: int
    successor_key: str | None
    successor_code: str | None


@dataclass(frozen=True)
class TiePlan:
    public_id: uuid.UUID
    relation: str
    relative_name: str
    relative_birth_year: int
    is_martyr: bool = False
    war_invalid_class: int | None = None
    war_invalid_loss_pct: int | None = None
    sick_soldier_loss_pct: int | None = None
    serving_as_soldier: bool = False
    able_to_work: bool = True


@dataclass(frozen=True)
class PersonPlan:
    commune_key: str
    village_code: str
    public_id: uuid.UUID
    full_name: str
    sex: str
    date_of_birth: dt.date
    national_id: str
    ethnicity: str
    religion: str
    phone: str
    occupation: str
    workplace: str
    school_grade: int
    in_school: bool
    higher_level: str
    field_of_study: str
    study_mode: str
    study_status: str
    study_end_date: dt.date | None
    party_member: bool
    youth_union_member: bool
    marital_status: str
    ties: tuple[TiePlan, ...]


@dataclass(frozen=True)
class DemoPlan:
    villages: tuple[VillagePlan, ...]
    people: tuple[PersonPlan, ...]


@dataclass(frozen=True)
class DemoSummary:
    people: int
    family_ties: int
    villages: int


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` uneven positive shares that add up to it."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    shares[-1] += total - sum(shares)
    return shares


def plan_villages(communes: Sequence[CommuneInput], rng: random.Random) -> list[VillagePlan]:
    """Villages (thôn) or residential groups (tổ dân phố) of each commune and their 2025 rows.

    Names are unique among the villages that end up in the same 2025 commune.
    """
    used_by_group: dict[str, set[str]] = {}
    successor_counters: dict[str, int] = {}
    plans: list[VillagePlan] = []
    for commune in communes:
        count = rng.randint(*VILLAGES_PER_COMMUNE)
        if commune.kind == UnitKind.TOWN:
            kind = str(UnitKind.RESIDENTIAL_GROUP)
            names = [f"Tổ dân phố {i}" for i in range(1, count + 1)]
        else:
            kind = str(UnitKind.VILLAGE)
            group = commune.successors[0][0] if commune.successors else commune.key
            used = used_by_group.setdefault(group, {DUC_TRUNG})
            pool = [name for name in VILLAGE_NAMES if name not in used]
            names = rng.sample(pool, count)
            if commune.key == DUC_HOP_KEY:
                names[rng.randrange(count)] = DUC_TRUNG
            used.update(names)
        populations = _split(commune.population, count, rng)
        for index, (name, population) in enumerate(zip(names, populations, strict=True)):
            successor_key: str | None = None
            successor_code: str | None = None
            if commune.successors:
                # Villages are split over the successors in order, in contiguous blocks.
                which = index * len(commune.successors) // count
                successor_key, base_code = commune.successors[which]
                successor_counters[successor_key] = successor_counters.get(successor_key, 0) + 1
                successor_code = f"{base_code}-{successor_counters[successor_key]:02d}"
            plans.append(
                VillagePlan(
                    commune_key=commune.key,
                    code=f"{commune.code}-{index + 1:02d}",
                    name=name,
                    kind=kind,
                    population=population,
                    successor_key=successor_key,
                    successor_code=successor_code,
                )
            )
    return plans


# --- People --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Education:
    school_grade: int
    in_school: bool
    higher_level: str = ""
    field_of_study: str = ""
    study_mode: str = ""
    study_status: str = ""
    study_end_date: dt.date | None = None
    school: str = ""  # where a full-time pupil or student studies now


class _PeopleBuilder:
    """Draws people one by one from one ``random.Random``; pure apart from its own state."""

    def __init__(self, rng: random.Random, reserved_ids: frozenset[str]) -> None:
        self.rng = rng
        self.taken_ids: set[str] = set(reserved_ids)

    # names

    def male_name(self, surname: str, birth_year: int) -> str:
        rng = self.rng
        middles = MALE_MIDDLE_OLDER if birth_year < 1992 else MALE_MIDDLE_YOUNGER
        middle = middles.pick(rng)
        while middle == surname:
            middle = middles.pick(rng)
        given = MALE_GIVEN.pick(rng)
        while given in (middle, surname):
            given = MALE_GIVEN.pick(rng)
        return f"{surname} {middle} {given}"

    def female_name(self, surname: str, birth_year: int) -> str:
        rng = self.rng
        middles = FEMALE_MIDDLE_OLDER if birth_year < 1995 else FEMALE_MIDDLE_YOUNGER
        middle = middles.pick(rng)
        given = FEMALE_GIVEN.pick(rng)
        while given == middle:
            given = FEMALE_GIVEN.pick(rng)
        if middle == "Thị" and rng.random() < 0.12:
            second = rng.choice(FEMALE_SECOND_MIDDLE)
            if second != given:
                middle = f"Thị {second}"
        return f"{surname} {middle} {given}"

    # identity

    def national_id(self, *, male: bool, birth_year: int) -> str:
        province = ID_PROVINCES.pick(self.rng)
        while True:
            number = national_id.make(
                province_code=province,
                male=male,
                birth_year=birth_year,
                serial=self.rng.randrange(1_000_000),
            )
            if number not in self.taken_ids:
                self.taken_ids.add(number)
                return number

    def phone(self) -> str:
        if self.rng.random() < 0.05:
            return ""
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"

    # education

    def _graduation(self, year: int) -> dt.date:
        month, day = self.rng.choice(GRADUATION_DAYS)
        return dt.date(year, month, day)

    def _course(
        self, *, level: str, field: str, start_year: int, years: int, full_time: bool
    ) -> _Education | None:
        """A course started in September of ``start_year``; None if it has not started yet."""
        if start_year > REFERENCE_DATE.year - 1:
            return None
        end_year = start_year + years
        mode = StudyMode.FULL_TIME if full_time else StudyMode.OTHER
        expected_end = dt.date(end_year, 6, 30)
        if expected_end > REFERENCE_DATE:
            return _Education(
                school_grade=12,
                in_school=False,
                higher_level=level,
                field_of_study=field,
                study_mode=mode,
                study_status=StudyStatus.STUDYING,
                study_end_date=expected_end,
            )
        if self.rng.random() < 0.05:
            return _Education(
                school_grade=12,
                in_school=False,
                higher_level=level,
                field_of_study=field,
                study_mode=mode,
                study_status=StudyStatus.DROPPED_OUT,
            )
        return _Education(
            school_grade=12,
            in_school=False,
            higher_level=level,
            field_of_study=field,
            study_mode=mode,
            study_status=StudyStatus.GRADUATED,
            study_end_date=self._graduation(end_year),
        )

    def education(self, *, sex: str, born: dt.date, high_school: str) -> _Education:
        rng = self.rng
        year = born.year
        # Cohorts are by calendar year: born 2007 → grade 12 in 2024–2025, born 2008 → grade 11.
        if year >= REFERENCE_DATE.year - 18:
            draw = rng.random()
            grade_now = 12 - (year - (REFERENCE_DATE.year - 18))
            if draw < 0.80:
                school = high_school if rng.random() < 0.9 else CONTINUING_EDUCATION
                return _Education(school_grade=grade_now - 1, in_school=True, school=school)
            if draw < 0.88:
                # Left after grade 9 for a three-year vocational course (trung cấp).
                trade = self._course(
                    level=HigherLevel.TRADE,
                    field=TRADE_FIELDS[sex].pick(rng),
                    start_year=year + 15,
                    years=3,
                    full_time=True,
                )
                assert trade is not None
                return replace(trade, school_grade=9, school=TRADE_SCHOOLS.pick(rng))
            left_at = 9 if rng.random() < 0.75 else rng.randint(6, 8)
            return _Education(school_grade=left_at, in_school=False)
        if year == REFERENCE_DATE.year - 19 and rng.random() < 0.04:
            # Repeating the last year of upper secondary school.
            return _Education(school_grade=11, in_school=True, school=high_school)

        p12 = 0.85 if year >= 1995 else 0.75 if year >= 1985 else 0.62
        if rng.random() < p12:
            grade = 12
        elif rng.random() < 0.85:
            grade = 9
        else:
            grade = rng.randint(5, 8)
        draw = rng.random()
        full_time = rng.random() < 0.92
        gap = 0 if rng.random() < 0.8 else (1 if rng.random() < 0.75 else 2)
        start = year + 18 + gap if full_time else min(year + rng.randint(20, 32), 2024)
        course: _Education | None = None
        school = ""
        if grade == 12 and draw < 0.20:
            field, years = UNIVERSITY_FIELDS[sex].pick(rng)
            school = UNIVERSITY_BY_FIELD.get(field) or UNIVERSITIES.pick(rng)
            course = self._course(
                level=HigherLevel.UNIVERSITY,
                field=field,
                start_year=start,
                years=years,
                full_time=full_time,
            )
            if (
                course is not None
                and course.study_status == StudyStatus.GRADUATED
                and course.study_end_date is not None
                and age_on(born, REFERENCE_DATE) >= 25
                and rng.random() < 0.05
            ):
                post = self._course(
                    level=HigherLevel.POSTGRADUATE,
                    field=field,
                    start_year=course.study_end_date.year + rng.randint(1, 4),
                    years=2,
                    full_time=rng.random() < 0.3,
                )
                course = post or course
        elif grade == 12 and draw < 0.28:
            school = COLLEGES.pick(rng)
            course = self._course(
                level=HigherLevel.COLLEGE,
                field=COLLEGE_FIELDS[sex].pick(rng),
                start_year=start,
                years=3,
                full_time=full_time,
            )
        elif (grade == 12 and draw < 0.36) or (grade == 9 and draw < 0.15):
            school = TRADE_SCHOOLS.pick(rng)
            course = self._course(
                level=HigherLevel.TRADE,
                field=TRADE_FIELDS[sex].pick(rng),
                start_year=start if grade == 12 else year + 15 + gap,
                years=2 if grade == 12 else 3,
                full_time=full_time or grade == 9,
            )
        if course is None:
            return _Education(school_grade=grade, in_school=False)
        return _Education(
            school_grade=grade,
            in_school=False,
            higher_level=course.higher_level,
            field_of_study=course.field_of_study,
            study_mode=course.study_mode,
            study_status=course.study_status,
            study_end_date=course.study_end_date,
            school=school if course.study_status == StudyStatus.STUDYING else "",
        )

    def job(self, *, sex: str, education: _Education, commune_name: str) -> tuple[str, str]:
        rng = self.rng
        full_time_student = (
            education.study_status == StudyStatus.STUDYING
            and education.study_mode == StudyMode.FULL_TIME
        )
        if education.in_school:
            return "Học sinh", education.school
        if full_time_student:
            if education.higher_level == HigherLevel.TRADE:
                return "Học nghề", education.school
            if education.higher_level == HigherLevel.POSTGRADUATE:
                return "Học viên cao học", education.school
            return "Sinh viên", education.school
        occupation, workplace = JOBS[sex].pick(rng)
        while education.study_status == StudyStatus.STUDYING and workplace in ABROAD:
            occupation, workplace = JOBS[sex].pick(rng)  # a part-time student lives here
        # A degree or college diploma in hand (a postgraduate already holds a degree).
        qualified = education.higher_level == HigherLevel.POSTGRADUATE or (
            education.higher_level in (HigherLevel.UNIVERSITY, HigherLevel.COLLEGE)
            and education.study_status == StudyStatus.GRADUATED
        )
        if qualified and rng.random() < 0.75:
            occupation, workplace = GRADUATE_JOBS.pick(rng)
            for prefix, field_job, field_place in FIELD_JOBS:
                if education.field_of_study.startswith(prefix) and rng.random() < 0.7:
                    occupation, workplace = field_job, field_place
                    break
        return occupation, workplace.format(commune=commune_name)

    def marital_status(self, *, sex: str, age: int, in_school: bool) -> str:
        rng = self.rng
        if in_school:
            return MaritalStatus.SINGLE
        if sex == Sex.MALE:
            married = 0.0 if age < 20 else 0.15 if age < 25 else 0.55 if age < 30 else 0.88
        else:
            married = 0.1 if age < 20 else 0.4 if age < 25 else 0.75 if age < 30 else 0.9
        draw = rng.random()
        if draw < married:
            if age >= 28 and rng.random() < 0.04:
                return MaritalStatus.DIVORCED
            if age >= 35 and rng.random() < 0.01:
                return MaritalStatus.WIDOWED
            return MaritalStatus.MARRIED
        return MaritalStatus.SINGLE

    # family

    def family(self, *, surname: str, born: dt.date, own_name: str) -> tuple[TiePlan, ...]:
        """Father, mother and sometimes a brother, with the rare facts of Law 78/2015 Art 41.

        Rates (per man aged 17–27): martyr 0.1 % (liệt sĩ, father or a brother), war invalid
        0.3 % (thương binh hạng 1–4), sick soldier or Agent Orange victim 0.4 % (bệnh binh,
        nhiễm chất độc da cam, 41–90 %), a brother serving 3 %, a parent unable to work 2 %.
        """
        rng = self.rng
        year = born.year
        father_year = year - rng.randint(22, 38)
        mother_year = year - rng.randint(20, 34)
        father = TiePlan(
            public_id=_uuid(rng),
            relation=Relation.FATHER,
            relative_name=self.male_name(surname, father_year),
            relative_birth_year=father_year,
        )
        mother = TiePlan(
            public_id=_uuid(rng),
            relation=Relation.MOTHER,
            relative_name=self.female_name(SURNAMES.pick(rng), mother_year),
            relative_birth_year=mother_year,
        )
        brother: TiePlan | None = None
        if rng.random() < 0.25:
            brother = self._brother(surname, year, own_name, earliest=year - 8, latest=year + 8)

        # Rare, law-relevant facts: one draw decides the father's status.
        draw = rng.random()
        if draw < 0.001:
            if brother is None or rng.random() < 0.8:
                father = replace(father, is_martyr=True)
            else:
                brother = replace(brother, is_martyr=True)
        elif draw < 0.004:
            war_class = WAR_INVALID_CLASSES.pick(rng)
            low, high = WAR_INVALID_LOSS[war_class]
            father = replace(
                father,
                war_invalid_class=war_class,
                war_invalid_loss_pct=rng.randint(low, high),
                able_to_work=war_class != 1,
            )
        elif draw < 0.008:
            loss = rng.randint(41, 90)
            father = replace(father, sick_soldier_loss_pct=loss, able_to_work=loss < 81)
        if rng.random() < 0.03:
            serving = self._brother(surname, year, own_name, earliest=1999, latest=2006)
            if brother is None or brother.is_martyr:
                brother_serving = replace(serving, serving_as_soldier=True)
            else:
                brother = replace(
                    brother,
                    serving_as_soldier=True,
                    relative_birth_year=serving.relative_birth_year,
                )
                brother_serving = None
        else:
            brother_serving = None
        if rng.random() < 0.02:
            if rng.random() < 0.5:
                father = replace(father, able_to_work=False)
            else:
                mother = replace(mother, able_to_work=False)
        ties = [father, mother]
        ties += [tie for tie in (brother, brother_serving) if tie is not None]
        return tuple(ties)

    def _brother(
        self, surname: str, year: int, own_name: str, *, earliest: int, latest: int
    ) -> TiePlan:
        rng = self.rng
        years = [y for y in range(earliest, min(latest, 2020) + 1) if y != year]
        brother_year = rng.choice(years)
        name = self.male_name(surname, brother_year)
        while name == own_name:
            name = self.male_name(surname, brother_year)
        return TiePlan(
            public_id=_uuid(rng),
            relation=Relation.BROTHER,
            relative_name=name,
            relative_birth_year=brother_year,
        )

    # person

    def person(
        self,
        *,
        commune: CommuneInput,
        village_codes: _Table[str],
        sex: str,
        bounds: tuple[dt.date, dt.date],
    ) -> PersonPlan:
        rng = self.rng
        male = sex == Sex.MALE
        earliest, latest = bounds
        born = earliest + dt.timedelta(days=rng.randrange((latest - earliest).days + 1))
        age = age_on(born, REFERENCE_DATE)
        surname = SURNAMES.pick(rng)
        full_name = (
            self.male_name(surname, born.year) if male else self.female_name(surname, born.year)
        )
        ethnicity = MINORITIES.pick(rng) if rng.random() < MINORITY_SHARE else KINH
        education = self.education(
            sex=sex, born=born, high_school=HIGH_SCHOOLS.get(commune.key, HIGH_SCHOOL_DEFAULT)
        )
        occupation, workplace = self.job(sex=sex, education=education, commune_name=commune.name)
        # Party members (đảng viên) are admitted from 18 but in practice after 22 or so; civil
        # servants and teachers more often than others.
        party_rate = 0.3 if occupation in ("Công chức", "Giáo viên") else 0.02 if male else 0.01
        party = age > 22 and rng.random() < party_rate
        youth_union = age < 30 and rng.random() < 0.6
        ties = (
            self.family(surname=surname, born=born, own_name=full_name)
            if male and TIES_AGES[0] <= age <= TIES_AGES[1]
            else ()
        )
        return PersonPlan(
            commune_key=commune.key,
            village_code=village_codes.pick(rng),
            public_id=_uuid(rng),
            full_name=full_name,
            sex=sex,
            date_of_birth=born,
            national_id=self.national_id(male=male, birth_year=born.year),
            ethnicity=ethnicity,
            religion=RELIGIONS.pick(rng) if ethnicity == KINH else "",
            phone=self.phone(),
            occupation=occupation,
            workplace=workplace,
            school_grade=education.school_grade,
            in_school=education.in_school,
            higher_level=education.higher_level,
            field_of_study=education.field_of_study,
            study_mode=education.study_mode,
            study_status=education.study_status,
            study_end_date=education.study_end_date,
            party_member=party,
            youth_union_member=youth_union,
            marital_status=self.marital_status(sex=sex, age=age, in_school=education.in_school),
            ties=ties,
        )


def people_counts(population: int, scale: float) -> tuple[int, int]:
    """(men aged 17–45, women aged 18–40) generated for a commune of ``population``."""
    return round(population * MEN_SHARE * scale), round(population * WOMEN_SHARE * scale)


def build_people(
    communes: Sequence[CommuneInput],
    villages: Sequence[VillagePlan],
    rng: random.Random,
    *,
    scale: float = 1.0,
    reserved_ids: frozenset[str] = frozenset(),
) -> list[PersonPlan]:
    """Men aged 17–45 (23 % of the population) and women aged 18–40 (17 %) of each commune."""
    builder = _PeopleBuilder(rng, reserved_ids)
    men_bounds = birth_range(REFERENCE_DATE, *MEN_AGES)
    women_bounds = birth_range(REFERENCE_DATE, *WOMEN_AGES)
    people: list[PersonPlan] = []
    for commune in communes:
        own = [v for v in villages if v.commune_key == commune.key]
        if not own:
            raise ValueError(f"commune {commune.key} has no villages")
        village_codes = _Table((v.code, max(v.population, 1)) for v in own)
        men, women = people_counts(commune.population, scale)
        for sex, count, bounds in (
            (Sex.MALE, men, men_bounds),
            (Sex.FEMALE, women, women_bounds),
        ):
            for _ in range(count):
                people.append(
                    builder.person(
                        commune=commune, village_codes=village_codes, sex=sex, bounds=bounds
                    )
                )
    return people


def build_demo_plan(
    communes: Sequence[CommuneInput],
    *,
    seed: int,
    scale: float = 1.0,
    reserved_ids: frozenset[str] = frozenset(),
) -> DemoPlan:
    """The whole demo registry as plain data. Same inputs and seed → identical plan.

    Villages do not depend on ``scale``; people are drawn from a separate stream.
    """
    master = random.Random(seed)
    village_rng = random.Random(master.getrandbits(64))
    people_rng = random.Random(master.getrandbits(64))
    villages = plan_villages(communes, village_rng)
    people = build_people(communes, villages, people_rng, scale=scale, reserved_ids=reserved_ids)
    return DemoPlan(villages=tuple(villages), people=tuple(people))


# --- Writer --------------------------------------------------------------------------------


def demo_communes(units: dict[str, Unit]) -> list[CommuneInput]:
    """The 15 commune-level units of Kim Động valid on 30 June 2025, in fixture order."""
    district = units["KD"]
    key_by_pk = {unit.pk: key for key, unit in units.items()}
    chosen = [
        (key, unit)
        for key, unit in units.items()
        if unit.parent_id == district.pk and unit.is_valid_on(LAST_DISTRICT_DAY)
    ]
    successors: dict[int, list[tuple[str, str]]] = {}
    changes = UnitChange.objects.filter(
        predecessor_id__in=[unit.pk for _key, unit in chosen],
        effective_date=LAST_DISTRICT_DAY + dt.timedelta(days=1),
    ).order_by("id")
    for change in changes.select_related("successor"):
        key = key_by_pk.get(change.successor_id)
        if key is not None:
            successors.setdefault(change.predecessor_id, []).append((key, change.successor.code))
    communes: list[CommuneInput] = []
    for key, unit in chosen:
        if unit.population is None:
            raise ValueError(f"{unit} has no (synthetic) population in the fixture")
        communes.append(
            CommuneInput(
                key=key,
                code=unit.code,
                name=unit.name,
                kind=unit.kind,
                population=unit.population,
                successors=tuple(successors.get(unit.pk, ())),
            )
        )
    return communes


def _village_unit(
    *, code: str, kind: str, name: str, parent: Unit, population: int
) -> tuple[Unit, bool]:
    existing = Unit.objects.filter(code=code, valid_from=parent.valid_from).first()
    if existing is not None:
        return existing, False
    unit = unit_create(
        actor=system_actor(),
        code=code,
        kind=kind,
        name=name,
        parent=parent,
        valid_from=parent.valid_from,
        valid_to=parent.valid_to,
        population=population,
        population_synthetic=True,
        code_verified=False,
        reason=DEMO_REASON,
    )
    return unit, True


def _write_villages(
    plans: Sequence[VillagePlan], units: dict[str, Unit]
) -> tuple[dict[str, Unit], int]:
    """Create (or reuse) the village rows; returns them by code and how many were created."""
    by_code: dict[str, Unit] = {}
    created = 0
    for plan in plans:
        village, new = _village_unit(
            code=plan.code,
            kind=plan.kind,
            name=plan.name,
            parent=units[plan.commune_key],
            population=plan.population,
        )
        by_code[plan.code] = village
        created += new
        if plan.successor_key is None or plan.successor_code is None:
            continue
        successor_commune = units[plan.successor_key]
        successor, new = _village_unit(
            code=plan.successor_code,
            kind=plan.kind,
            name=plan.name,
            parent=successor_commune,
            population=plan.population,
        )
        created += new
        if not UnitChange.objects.filter(predecessor=village, successor=successor).exists():
            unit_change_record(
                actor=system_actor(),
                predecessors=[village],
                successor=successor,
                kind=ChangeKind.REFORM,
                effective_date=successor_commune.valid_from,
                legal_basis=REFORM_LEGAL_BASIS,
                reason=DEMO_REASON,
            )
    return by_code, created


@transaction.atomic
def generate_demo_registry(*, units: dict[str, Unit], seed: int, scale: float = 1.0) -> DemoSummary:
    """Write the synthetic villages, citizens (công dân) and family ties of the demo district.

    ``units`` is what :func:`muster.geo.loading.load_units_fixture` returns. Villages already
    there are reused; people are written only if no synthetic person exists yet. One audit event
    records the registry load (the villages get one each, from the geo services).
    """
    communes = demo_communes(units)
    reserved = frozenset(Person.objects.values_list("national_id", flat=True))
    plan = build_demo_plan(communes, seed=seed, scale=scale, reserved_ids=reserved)
    villages, villages_created = _write_villages(plan.villages, units)
    if Person.objects.filter(is_synthetic=True).exists():
        return DemoSummary(people=0, family_ties=0, villages=villages_created)

    people: list[Person] = []
    for p in plan.people:
        people.append(
            Person(
                public_id=p.public_id,
                full_name=p.full_name,
                name_search=fold(p.full_name),
                sex=p.sex,
                date_of_birth=p.date_of_birth,
                national_id=p.national_id,
                registration_unit=units[p.commune_key],
                residence_unit=villages[p.village_code],
                ethnicity=p.ethnicity,
                religion=p.religion,
                phone=p.phone,
                occupation=p.occupation,
                workplace=p.workplace,
                school_grade=p.school_grade,
                in_school=p.in_school,
                higher_level=p.higher_level,
                field_of_study=p.field_of_study,
                study_mode=p.study_mode,
                study_status=p.study_status,
                study_end_date=p.study_end_date,
                party_member=p.party_member,
                youth_union_member=p.youth_union_member,
                marital_status=p.marital_status,
                is_synthetic=True,
            )
        )
    Person.objects.bulk_create(people, batch_size=2000)
    ties = [
        FamilyTie(
            public_id=t.public_id,
            person=person,
            relation=t.relation,
            relative_name=t.relative_name,
            relative_birth_year=t.relative_birth_year,
            is_martyr=t.is_martyr,
            war_invalid_class=t.war_invalid_class,
            war_invalid_loss_pct=t.war_invalid_loss_pct,
            sick_soldier_loss_pct=t.sick_soldier_loss_pct,
            serving_as_soldier=t.serving_as_soldier,
            able_to_work=t.able_to_work,
        )
        for person, p in zip(people, plan.people, strict=True)
        for t in p.ties
    ]
    FamilyTie.objects.bulk_create(ties, batch_size=2000)
    district = units["KD"]
    record_event(
        actor=system_actor(),
        action="people.demo_load",
        obj=district,
        scope_unit=district,
        changes={"people": [None, len(people)], "family_ties": [None, len(ties)]},
        reason=DEMO_REASON,
    )
    return DemoSummary(people=len(people), family_ties=len(ties), villages=villages_created)
