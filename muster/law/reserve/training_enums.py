"""Enumerations of the reserve's training, meetings and allowances, shared by the pure rules and
the Django models. Each member carries its Vietnamese and English label. Pure: no Django.

Sources: legal-reference §4 (Law 53/2019 Art 22; Decree 79/2020; TT 84/2020)."""

from __future__ import annotations

from enum import StrEnum

from muster.law.text import Text


class CallKind(StrEnum):
    """What a reservist is called for (Law 53/2019 Art 22): huấn luyện, huấn luyện bổ sung,
    kiểm tra sẵn sàng động viên."""

    TRAINING = "training"
    EXTRA = "extra"
    CHECK = "check"


CALL_KIND_LABELS: dict[CallKind, Text] = {
    CallKind.TRAINING: Text("Huấn luyện, diễn tập", "Training or drill"),
    CallKind.EXTRA: Text("Huấn luyện bổ sung", "Extra training"),
    CallKind.CHECK: Text("Kiểm tra sẵn sàng động viên", "Readiness check"),
}


class DeferralGround(StrEnum):
    """Grounds to defer a reservist's training (Law 53/2019 Art 22(4))."""

    EXAM = "exam"
    HARDSHIP = "hardship"


DEFERRAL_LABELS: dict[DeferralGround, Text] = {
    DeferralGround.EXAM: Text(
        "Trùng kỳ thi tuyển công chức, viên chức, thi nâng ngạch hoặc thi học kỳ, thi tốt "
        "nghiệp (có xác nhận của cơ quan, tổ chức, cơ sở giáo dục)",
        "Clashes with a civil-service, promotion, term or final exam (confirmed by the "
        "employer or school)",
    ),
    DeferralGround.HARDSHIP: Text(
        "Ốm đau, gia đình hoặc bản thân gặp khó khăn đột xuất (có xác nhận của Ủy ban nhân dân "
        "cấp xã hoặc cơ quan, tổ chức)",
        "Illness or a sudden family or personal difficulty (confirmed by the commune People's "
        "Committee or the employer)",
    ),
}


class MeetingKind(StrEnum):
    """Sinh hoạt (TT 84/2020): cán bộ khung B hằng quý; quân nhân dự bị tháng 12."""

    KHUNG_B = "khung_b"
    DECEMBER = "december"


MEETING_LABELS: dict[MeetingKind, Text] = {
    MeetingKind.KHUNG_B: Text("Sinh hoạt cán bộ khung B (hằng quý)", "Khung B meeting (quarterly)"),
    MeetingKind.DECEMBER: Text(
        "Sinh hoạt quân nhân dự bị (tháng 12)", "Reservist meeting (December)"
    ),
}


class KhungBPost(StrEnum):
    """Khung B cadre posts with a quarterly allowance (Decree 79/2020)."""

    SQUAD_LEADER = "squad_leader"
    PLATOON_LEADER = "platoon_leader"
    DEPUTY_COMPANY_COMMANDER = "deputy_company_commander"
    COMPANY_COMMANDER = "company_commander"
    DEPUTY_BATTALION_COMMANDER = "deputy_battalion_commander"
    BATTALION_COMMANDER = "battalion_commander"
    DEPUTY_REGIMENT_COMMANDER = "deputy_regiment_commander"
    REGIMENT_COMMANDER = "regiment_commander"


KHUNG_B_POST_LABELS: dict[KhungBPost, Text] = {
    KhungBPost.SQUAD_LEADER: Text("Tiểu đội trưởng", "Squad leader"),
    KhungBPost.PLATOON_LEADER: Text("Trung đội trưởng", "Platoon leader"),
    KhungBPost.DEPUTY_COMPANY_COMMANDER: Text("Phó đại đội trưởng", "Deputy company commander"),
    KhungBPost.COMPANY_COMMANDER: Text("Đại đội trưởng", "Company commander"),
    KhungBPost.DEPUTY_BATTALION_COMMANDER: Text(
        "Phó tiểu đoàn trưởng", "Deputy battalion commander"
    ),
    KhungBPost.BATTALION_COMMANDER: Text("Tiểu đoàn trưởng", "Battalion commander"),
    KhungBPost.DEPUTY_REGIMENT_COMMANDER: Text(
        "Phó trung đoàn trưởng", "Deputy regiment commander"
    ),
    KhungBPost.REGIMENT_COMMANDER: Text("Trung đoàn trưởng", "Regiment commander"),
}
