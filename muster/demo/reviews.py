"""The demo's reviews sent between agencies (sơ kết, tổng kết; docs/reports.md §8).

* 2025 (Kim Động): Đức Hợp's preliminary review sent on 05/03/2025 to the district, received on
  06/03 and acknowledged on 10/03/2025 by the district officer; its final review sent on
  10/07/2025, after the district was dissolved, so to Ban CH PTKV 1, received on 11/07/2025 and
  not yet acknowledged; the district's own preliminary review sent to the province on
  15/03/2025 (no receipt: the province has no user in the demo).
* 2027 (PTKV 1, in progress): Đức Hợp's preliminary review as a draft.

Every step goes through the services with the demo accounts as actors. Idempotent: a review
already there is left as it is.
"""

from __future__ import annotations

import datetime as dt

from muster.accounts.models import User
from muster.conscription.campaign.models import Campaign
from muster.geo.models import Unit
from muster.reports import services
from muster.reports.models import AgencyReport, ReviewKind

TEXTS = {
    ReviewKind.PRELIMINARY: {
        "results": (
            "Ban CHQS xã đã tham mưu cho Đảng ủy, UBND xã lãnh đạo, chỉ đạo chặt chẽ công tác "
            "tuyển quân; tổ chức sơ tuyển, khám tuyển đúng kế hoạch, công khai, dân chủ.\n"
            "Phát lệnh gọi nhập ngũ đến từng công dân đúng thời gian quy định."
        ),
        "shortcomings": (
            "Một số công dân vắng mặt khi gọi khám sức khỏe, phải gọi bổ sung.\n"
            "Nguyên nhân: công dân đi làm ăn xa, việc nắm nguồn ở một số thôn chưa sát."
        ),
        "lessons": "Nắm chắc nguồn từ thôn; phối hợp chặt chẽ với Công an xã và gia đình.",
        "direction": "Chuẩn bị chu đáo lễ giao nhận quân; làm tốt công tác hậu phương quân đội.",
    },
    ReviewKind.FINAL: {
        "results": (
            "Hoàn thành chỉ tiêu giao quân, bảo đảm chất lượng; không có trường hợp trả về vì "
            "lý do chủ quan của xã.\nLễ giao nhận quân trang trọng, an toàn, đúng thời gian."
        ),
        "shortcomings": "Tỷ lệ công dân có trình độ cao đẳng, đại học nhập ngũ còn thấp.",
        "lessons": "Làm tốt công tác tuyên truyền Luật Nghĩa vụ quân sự ngay từ đầu năm.",
        "direction": "Đăng ký nghĩa vụ quân sự lần đầu cho công dân nam đủ 17 tuổi trong tháng 4.",
    },
}


def _review(
    actor: User, campaign: Campaign, unit: Unit, kind: ReviewKind, number: str
) -> AgencyReport | None:
    if AgencyReport.objects.filter(campaign=campaign, unit=unit, kind=kind).exists():
        return None
    review = services.review_create(actor=actor, campaign=campaign, unit=unit, kind=kind)
    texts = dict(TEXTS[kind])
    if unit.kind == "district":
        texts = {k: v.replace(" xã", " huyện") for k, v in texts.items()}
    return services.review_update(
        actor=actor,
        review=review,
        number=number,
        signer_title="Chỉ huy trưởng",
        signer_name=str(actor),
        **texts,
    )


def demo_step(*, units: dict[str, Unit], seed: int, scale: float) -> list[str]:
    """Step of ``load_demo`` (registered by the reports app): the reviews of 2025 and 2027."""
    users = {u.username: u for u in User.objects.filter(username__in=_USERS)}
    if set(users) != set(_USERS):
        return []
    commander, officer, ptkv = (users[name] for name in _USERS)
    lines: list[str] = []
    old = Campaign.objects.filter(unit=units["KD"], year=2025, call=1).first()
    if old is not None:
        prelim = _review(commander, old, units["DHOP"], ReviewKind.PRELIMINARY, "05/BC-BCHQS")
        if prelim is not None:
            services.review_send(actor=commander, review=prelim, sent_on=dt.date(2025, 3, 5))
            services.review_receive(actor=officer, review=prelim, received_on=dt.date(2025, 3, 6))
            services.review_acknowledge(
                actor=officer,
                review=prelim,
                acknowledged_on=dt.date(2025, 3, 10),
                remarks="Ghi nhận kết quả; đề nghị xã rút kinh nghiệm việc gọi khám bổ sung.",
            )
        final = _review(commander, old, units["DHOP"], ReviewKind.FINAL, "21/BC-BCHQS")
        if final is not None:
            services.review_send(actor=commander, review=final, sent_on=dt.date(2025, 7, 10))
            services.review_receive(actor=ptkv, review=final, received_on=dt.date(2025, 7, 11))
        district = _review(officer, old, units["KD"], ReviewKind.PRELIMINARY, "12/BC-BCHQS")
        if district is not None:
            services.review_send(actor=officer, review=district, sent_on=dt.date(2025, 3, 15))
        lines.append("Reviews of 2025: Đức Hợp's sơ kết and tổng kết, Kim Động's sơ kết.")
    new = Campaign.objects.filter(unit=units["PTKV1"], year=2027, call=1).first()
    if new is not None:
        _review(commander, new, units["DHOP25"], ReviewKind.PRELIMINARY, "")
        lines.append("Reviews of 2027: Đức Hợp's sơ kết (draft).")
    return lines


_USERS = ("duchop.commander", "kimdong.officer", "ptkv1.officer")
