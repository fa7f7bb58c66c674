"""The demo accounts: one per role, all with the password ``muster-demo``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from muster.accounts.models import Role, User
from muster.accounts.posts import posts_follow_successors
from muster.accounts.services import system_actor, user_create
from muster.geo.models import Unit, unit_label

DEMO_PASSWORD = "muster-demo"


#: The day the district military commands were dissolved and the new communes formed.
REFORM = dt.date(2025, 7, 1)
#: The first day of the demo's earliest posts.
POSTS_FROM = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class DemoAccount:
    """A demo user as he stands on the demo's date (1 December 2026): ``scope_key`` is his
    current post's unit. ``before_key`` is the unit he held a post in until 30 June 2025: the
    demo creates him there and moves him to ``scope_key`` on 1 July 2025 with the reform
    service (``accounts.posts.posts_follow_successors``), so his posts show both."""

    username: str
    role: Role
    scope_key: str | None  # a key of the units fixture, or None for the whole system
    full_name: str
    title: str
    before_key: str | None = None


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", Role.SYSTEM_ADMIN, None, "Quản trị hệ thống", "System administrator"),
    # Kept in the former district for the 2025 campaign: its post ended with the district.
    DemoAccount(
        "kimdong.officer",
        Role.DISTRICT_OFFICER,
        "KD",
        "Trần Văn Hải",
        "Trợ lý tuyển quân huyện Kim Động (đến 30/06/2025)",
    ),
    DemoAccount(
        "ptkv1.officer", Role.DISTRICT_OFFICER, "PTKV1", "Lê Quang Minh", "Trợ lý Ban CH PTKV 1"
    ),
    # The province (from 01/07/2025): the provincial command's officer runs the province's
    # campaign with the district officer's role, scoped to the province.
    DemoAccount(
        "hungyen.officer",
        Role.DISTRICT_OFFICER,
        "HY2025",
        "Đặng Văn Quân",
        "Trợ lý tuyển quân Bộ CHQS tỉnh Hưng Yên",
    ),
    DemoAccount(
        "hungyen.council",
        Role.PROVINCE_COUNCIL,
        "HY2025",
        "Phan Thị Thu",
        "Ủy viên thư ký Hội đồng NVQS tỉnh Hưng Yên",
    ),
    DemoAccount(
        "hungyen.chairman",
        Role.PROVINCE_CHAIRMAN,
        "HY2025",
        "Trịnh Văn Khánh",
        "Chuyên viên Văn phòng UBND tỉnh (ghi nhận quyết định của Chủ tịch UBND tỉnh)",
    ),
    DemoAccount(
        "duchop.commander",
        Role.COMMUNE_COMMANDER,
        "DHOP25",
        "Nguyễn Văn Đức",
        "Chỉ huy trưởng Ban CHQS xã Đức Hợp",
        before_key="DHOP",
    ),
    DemoAccount(
        "dongthanh.commander",
        Role.COMMUNE_COMMANDER,
        "ND25",
        "Phạm Văn Thành",
        "Chỉ huy trưởng Ban CHQS xã Nghĩa Dân (trước 01/07/2025: xã Đồng Thanh)",
        before_key="DT",
    ),
    DemoAccount(
        "duchop.clerk",
        Role.COMMUNE_CLERK,
        "DHOP25",
        "Vũ Thị Lan",
        "Văn thư Ban CHQS xã Đức Hợp",
        before_key="DHOP",
    ),
    DemoAccount(
        "health.council",
        Role.HEALTH_COUNCIL,
        "PTKV1",
        "Bác sĩ Đỗ Thị Hương",
        "Ủy viên Hội đồng khám sức khỏe khu vực",
        before_key="KD",
    ),
    DemoAccount(
        "service.council",
        Role.SERVICE_COUNCIL,
        "ND25",
        "Bùi Văn Nam",
        "Ủy viên Hội đồng NVQS xã Nghĩa Dân",
        before_key="DT",
    ),
    DemoAccount(
        "leader",
        Role.LEADER,
        "PTKV1",
        "Hoàng Văn Long",
        "Chỉ huy trưởng Ban CH PTKV 1 (xem)",
        before_key="KD",
    ),
    DemoAccount("auditor", Role.AUDITOR, "PTKV1", "Ngô Thị Mai", "Kiểm tra viên", before_key="KD"),
)


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the accounts app): one account per role, each in
    the post he holds on the demo's date, those who served before the reform moved by it."""
    actor = system_actor()
    for account in DEMO_ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        first_key = account.before_key or account.scope_key
        first = units[first_key] if first_key else None
        user_create(
            actor=actor,
            username=account.username,
            password=DEMO_PASSWORD,
            role=account.role,
            scope_unit=first,
            full_name=account.full_name,
            title=account.title,
            reason="demo account",
            post_from=max(POSTS_FROM, first.valid_from) if first else POSTS_FROM,
        )
    posts_follow_successors(
        actor=actor,
        on=REFORM,
        only=[a.username for a in DEMO_ACCOUNTS if a.before_key is not None],
        reason="Tổ chức lại đơn vị từ 01/07/2025",
    )
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        expected = units[account.scope_key].pk if account.scope_key else None
        if user.scope_unit_id != expected:
            raise AssertionError(f"demo account {account.username} is not in its post")
    return []


def scope_label(account: DemoAccount, units: dict[str, Unit]) -> str:
    """The scope of a demo account for the printed list of logins."""
    if account.scope_key is None:
        return "—"
    unit = units[account.scope_key]
    label = unit_label(unit)
    if unit.valid_to is not None:
        label += f" (to {unit.valid_to:%d/%m/%Y}: kept for the records of its time)"
    if account.before_key:
        label += f" (from {REFORM:%d/%m/%Y}; before: {unit_label(units[account.before_key])})"
    return label
