"""What the demo registry is drawn from: the reference dates and shares, names, villages,
schools, fields, jobs (dữ liệu mẫu)."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterable
from typing import Generic, TypeVar

from muster.people.models import Sex

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
