"""The demo accounts: one per role, all with the password ``muster-demo``."""

from __future__ import annotations

from dataclasses import dataclass

from muster.accounts.models import Role, User
from muster.accounts.services import system_actor, user_create
from muster.geo.models import Unit

DEMO_PASSWORD = "muster-demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    scope_key: str | None  # a key of the units fixture, or None for the whole system
    full_name: str
    title: str


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", Role.SYSTEM_ADMIN, None, "Quản trị hệ thống", "System administrator"),
    DemoAccount(
        "kimdong.officer", Role.DISTRICT_OFFICER, "KD", "Trần Văn Hải", "Trợ lý tuyển quân huyện"
    ),
    DemoAccount(
        "ptkv1.officer", Role.DISTRICT_OFFICER, "PTKV1", "Lê Quang Minh", "Trợ lý Ban CH PTKV 1"
    ),
    DemoAccount(
        "duchop.commander",
        Role.COMMUNE_COMMANDER,
        "DHOP",
        "Nguyễn Văn Đức",
        "Chỉ huy trưởng xã Đức Hợp",
    ),
    DemoAccount(
        "dongthanh.commander",
        Role.COMMUNE_COMMANDER,
        "DT",
        "Phạm Văn Thành",
        "Chỉ huy trưởng xã Đồng Thanh",
    ),
    DemoAccount(
        "duchop.clerk", Role.COMMUNE_CLERK, "DHOP", "Vũ Thị Lan", "Văn thư BCHQS xã Đức Hợp"
    ),
    DemoAccount(
        "health.council",
        Role.HEALTH_COUNCIL,
        "KD",
        "Bác sĩ Đỗ Thị Hương",
        "Ủy viên Hội đồng khám sức khỏe",
    ),
    DemoAccount(
        "service.council",
        Role.SERVICE_COUNCIL,
        "DT",
        "Bùi Văn Nam",
        "Ủy viên Hội đồng NVQS xã Đồng Thanh",
    ),
    DemoAccount("leader", Role.LEADER, "KD", "Hoàng Văn Long", "Bí thư Huyện ủy (xem)"),
    DemoAccount("auditor", Role.AUDITOR, "KD", "Ngô Thị Mai", "Kiểm tra viên"),
)


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the accounts app): one account per role."""
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        user_create(
            actor=system_actor(),
            username=account.username,
            password=DEMO_PASSWORD,
            role=account.role,
            scope_unit=units[account.scope_key] if account.scope_key else None,
            full_name=account.full_name,
            title=account.title,
            reason="demo account",
        )
    return []
