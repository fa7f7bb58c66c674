"""The mobilisation reserve's enumerations (dự bị động viên), shared by the pure rules and the
Django models (whose ``choices`` are built from these values). Each member carries its
Vietnamese and English label as a :class:`~muster.law.text.Text`. Pure: no Django.

Sources: legal-reference §4 (Law 53/2019 Arts 2, 15–18) and §2.3 (Law 78/2015 Arts 24–26)."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from muster.law.text import Text


class ReserveClass(IntEnum):
    """Hạng của hạ sĩ quan, binh sĩ dự bị (Law 78/2015 Art 24): hạng một, hạng hai."""

    ONE = 1
    TWO = 2


CLASS_LABELS: dict[ReserveClass, Text] = {
    ReserveClass.ONE: Text("Hạng một", "Class 1"),
    ReserveClass.TWO: Text("Hạng hai", "Class 2"),
}


class Group(StrEnum):
    """Nhóm A / nhóm B by age (Law 78/2015 Art 26)."""

    A = "A"
    B = "B"


GROUP_LABELS: dict[Group, Text] = {
    Group.A: Text("Nhóm A", "Group A"),
    Group.B: Text("Nhóm B", "Group B"),
}


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


class ReservistKind(StrEnum):
    """Quân nhân dự bị (Law 53/2019 Art 2): sĩ quan dự bị, quân nhân chuyên nghiệp dự bị,
    hạ sĩ quan và binh sĩ dự bị."""

    OFFICER = "officer"
    PROFESSIONAL = "professional"
    NCO_SOLDIER = "nco_soldier"


KIND_LABELS: dict[ReservistKind, Text] = {
    ReservistKind.OFFICER: Text("Sĩ quan dự bị", "Reserve officer"),
    ReservistKind.PROFESSIONAL: Text(
        "Quân nhân chuyên nghiệp dự bị", "Reserve professional soldier"
    ),
    ReservistKind.NCO_SOLDIER: Text("Hạ sĩ quan, binh sĩ dự bị", "Reserve NCO or soldier"),
}


class UnitRole(StrEnum):
    """A reserve unit's role (Law 53/2019 Art 17): chiến đấu or bảo đảm chiến đấu."""

    COMBAT = "combat"
    SUPPORT = "support"


ROLE_LABELS: dict[UnitRole, Text] = {
    UnitRole.COMBAT: Text("Đơn vị chiến đấu", "Combat unit"),
    UnitRole.SUPPORT: Text("Đơn vị bảo đảm chiến đấu", "Combat-support unit"),
}


class UnitForce(StrEnum):
    """Đơn vị dự bị động viên chủ lực or địa phương (Law 53/2019 Art 16: main force first)."""

    MAIN = "main"
    LOCAL = "local"


FORCE_LABELS: dict[UnitForce, Text] = {
    UnitForce.MAIN: Text("Đơn vị chủ lực", "Main-force unit"),
    UnitForce.LOCAL: Text("Đơn vị địa phương", "Local unit"),
}


class AssetKind(StrEnum):
    """Phương tiện kỹ thuật dự bị (PTKTDB), Law 53/2019 Art 2: the kinds the law lists."""

    ROAD_VEHICLE = "road_vehicle"  # phương tiện giao thông cơ giới đường bộ
    WATERCRAFT = "watercraft"  # phương tiện thủy
    AIRCRAFT = "aircraft"  # tàu bay dân dụng
    ROAD_BRIDGE = "road_bridge"  # thiết bị làm đường, cầu
    CONSTRUCTION = "construction"  # máy xây dựng
    CARGO_HANDLING = "cargo_handling"  # thiết bị xếp dỡ hàng hóa
    COMMUNICATIONS = "communications"  # thiết bị thông tin liên lạc
    MEDICAL = "medical"  # trang thiết bị y tế
    OTHER = "other"  # phương tiện kỹ thuật khác


ASSET_LABELS: dict[AssetKind, Text] = {
    AssetKind.ROAD_VEHICLE: Text("Phương tiện giao thông cơ giới đường bộ", "Road motor vehicle"),
    AssetKind.WATERCRAFT: Text("Phương tiện thủy", "Waterway craft"),
    AssetKind.AIRCRAFT: Text("Tàu bay dân dụng", "Civil aircraft"),
    AssetKind.ROAD_BRIDGE: Text(
        "Thiết bị làm đường, cầu", "Bridge and road construction equipment"
    ),
    AssetKind.CONSTRUCTION: Text("Máy xây dựng", "Building machinery"),
    AssetKind.CARGO_HANDLING: Text("Thiết bị xếp dỡ hàng hóa", "Cargo-handling equipment"),
    AssetKind.COMMUNICATIONS: Text("Thiết bị thông tin liên lạc", "Communications equipment"),
    AssetKind.MEDICAL: Text("Trang thiết bị y tế", "Medical equipment"),
    AssetKind.OTHER: Text("Phương tiện kỹ thuật khác", "Other technical asset"),
}
