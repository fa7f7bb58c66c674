"""The militia's enumerations, shared by the pure rules and the Django models (whose
``choices`` are built from these values). Each member carries its Vietnamese and English
label as a :class:`~muster.law.text.Text`. Pure: no Django."""

from __future__ import annotations

from enum import StrEnum

from muster.law.text import Text


class Component(StrEnum):
    """Thành phần dân quân tự vệ (Law 48/2019 Art 6, Art 15)."""

    ON_SITE = "on_site"  # tại chỗ
    MOBILE = "mobile"  # cơ động
    STANDING = "standing"  # thường trực
    MARITIME = "maritime"  # biển
    AIR_DEFENCE = "air_defence"  # phòng không
    ARTILLERY = "artillery"  # pháo binh
    RECONNAISSANCE = "reconnaissance"  # trinh sát
    COMMUNICATIONS = "communications"  # thông tin
    ENGINEERING = "engineering"  # công binh
    CHEMICAL = "chemical"  # phòng hóa
    MEDICAL = "medical"  # y tế


COMPONENT_LABELS: dict[Component, Text] = {
    Component.ON_SITE: Text("Dân quân tại chỗ", "On-site militia"),
    Component.MOBILE: Text("Dân quân cơ động", "Mobile militia"),
    Component.STANDING: Text("Dân quân thường trực", "Standing militia"),
    Component.MARITIME: Text("Dân quân biển", "Maritime militia"),
    Component.AIR_DEFENCE: Text("Phòng không", "Air defence"),
    Component.ARTILLERY: Text("Pháo binh", "Artillery"),
    Component.RECONNAISSANCE: Text("Trinh sát", "Reconnaissance"),
    Component.COMMUNICATIONS: Text("Thông tin", "Communications"),
    Component.ENGINEERING: Text("Công binh", "Engineering"),
    Component.CHEMICAL: Text("Phòng hóa", "Chemical defence"),
    Component.MEDICAL: Text("Y tế", "Medical"),
}

#: Components trained 12 days a year from the second year (TT 69/2020 Art 6); on-site is 7,
#: standing militia 60 every year.
SPECIALIST_COMPONENTS = frozenset(
    {
        Component.MOBILE,
        Component.MARITIME,
        Component.AIR_DEFENCE,
        Component.ARTILLERY,
        Component.RECONNAISSANCE,
        Component.COMMUNICATIONS,
        Component.ENGINEERING,
        Component.CHEMICAL,
        Component.MEDICAL,
    }
)


class Force(StrEnum):
    """Dân quân (organised in a commune) or tự vệ (in an agency or enterprise), Art 2."""

    MILITIA = "militia"
    SELF_DEFENCE = "self_defence"


FORCE_LABELS: dict[Force, Text] = {
    Force.MILITIA: Text("Dân quân", "Militia"),
    Force.SELF_DEFENCE: Text("Tự vệ", "Self-defence"),
}


class Level(StrEnum):
    """The size of a militia unit (Art 15): tổ, tiểu đội, trung đội, đại đội, tiểu đoàn; at sea
    the boat team (tổ tàu), squad, platoon, flotilla (hải đội); a gun crew (khẩu đội)."""

    TEAM = "team"  # tổ
    SQUAD = "squad"  # tiểu đội
    PLATOON = "platoon"  # trung đội
    COMPANY = "company"  # đại đội
    BATTALION = "battalion"  # tiểu đoàn
    FLOTILLA = "flotilla"  # hải đội
    GUN_CREW = "gun_crew"  # khẩu đội


LEVEL_LABELS: dict[Level, Text] = {
    Level.TEAM: Text("Tổ", "Team"),
    Level.SQUAD: Text("Tiểu đội", "Squad"),
    Level.PLATOON: Text("Trung đội", "Platoon"),
    Level.COMPANY: Text("Đại đội", "Company"),
    Level.BATTALION: Text("Tiểu đoàn", "Battalion"),
    Level.FLOTILLA: Text("Hải đội", "Flotilla"),
    Level.GUN_CREW: Text("Khẩu đội", "Gun crew"),
}


class Post(StrEnum):
    """Command posts (chức vụ chỉ huy, Art 19) that carry a post allowance (Decree 72/2020
    Art 7, as amended by Decree 16/2025)."""

    COMMANDER = "commander"  # Chỉ huy trưởng BCHQS xã / cơ quan
    COMMISSAR = "commissar"  # Chính trị viên
    DEPUTY_COMMANDER = "deputy_commander"  # Chỉ huy phó
    DEPUTY_COMMISSAR = "deputy_commissar"  # Chính trị viên phó
    ASSISTANT = "assistant"  # Trợ lý (BCHQS xã, since 2025)
    BATTALION_COMMANDER = "battalion_commander"  # Tiểu đoàn trưởng
    DEPUTY_BATTALION_COMMANDER = "deputy_battalion_commander"  # Tiểu đoàn phó
    COMPANY_COMMANDER = "company_commander"  # Đại đội trưởng / Hải đội trưởng
    DEPUTY_COMPANY_COMMANDER = "deputy_company_commander"  # Đại đội phó / Hải đội phó
    MOBILE_PLATOON_LEADER = "mobile_platoon_leader"  # Trung đội trưởng cơ động / thường trực
    PLATOON_LEADER = "platoon_leader"  # Trung đội trưởng
    STANDING_SQUAD_LEADER = "standing_squad_leader"  # Tiểu đội trưởng DQ thường trực
    SQUAD_LEADER = "squad_leader"  # Tiểu đội trưởng, thuyền trưởng, khẩu đội trưởng
    VILLAGE_LEADER = "village_leader"  # Thôn đội trưởng


POST_LABELS: dict[Post, Text] = {
    Post.COMMANDER: Text("Chỉ huy trưởng", "Commander"),
    Post.COMMISSAR: Text("Chính trị viên", "Political commissar"),
    Post.DEPUTY_COMMANDER: Text("Chỉ huy phó", "Deputy commander"),
    Post.DEPUTY_COMMISSAR: Text("Chính trị viên phó", "Deputy political commissar"),
    Post.ASSISTANT: Text("Trợ lý", "Assistant"),
    Post.BATTALION_COMMANDER: Text("Tiểu đoàn trưởng", "Battalion commander"),
    Post.DEPUTY_BATTALION_COMMANDER: Text("Tiểu đoàn phó", "Deputy battalion commander"),
    Post.COMPANY_COMMANDER: Text("Đại đội trưởng, hải đội trưởng", "Company or flotilla commander"),
    Post.DEPUTY_COMPANY_COMMANDER: Text(
        "Đại đội phó, hải đội phó", "Deputy company or flotilla commander"
    ),
    Post.MOBILE_PLATOON_LEADER: Text(
        "Trung đội trưởng cơ động, thường trực", "Mobile or standing platoon leader"
    ),
    Post.PLATOON_LEADER: Text("Trung đội trưởng", "Platoon leader"),
    Post.STANDING_SQUAD_LEADER: Text(
        "Tiểu đội trưởng dân quân thường trực", "Standing militia squad leader"
    ),
    Post.SQUAD_LEADER: Text(
        "Tiểu đội trưởng, thuyền trưởng, khẩu đội trưởng",
        "Squad leader, boat captain, gun-crew leader",
    ),
    Post.VILLAGE_LEADER: Text("Thôn đội trưởng", "Village militia leader"),
}

#: Posts of the commune military command (Ban chỉ huy quân sự cấp xã, Art 20), appointed by
#: the provincial chairman since 1 Jul 2025.
COMMAND_POSTS = frozenset(
    {Post.COMMANDER, Post.COMMISSAR, Post.DEPUTY_COMMANDER, Post.DEPUTY_COMMISSAR, Post.ASSISTANT}
)


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class DecisionKind(StrEnum):
    """What a selection decision does (Art 10–11)."""

    SELECT = "select"  # tuyển chọn
    DEFER = "defer"  # tạm hoãn (Art 11(1))
    EXEMPT = "exempt"  # miễn (Art 11(2))


class MembershipStatus(StrEnum):
    """Where a member stands in the force."""

    SERVING = "serving"  # đang thực hiện nghĩa vụ
    COMPLETED = "completed"  # hoàn thành nghĩa vụ (Art 13)
    LEFT = "left"  # thôi thực hiện nghĩa vụ / đưa ra khỏi danh sách (Art 12)
