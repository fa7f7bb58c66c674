"""The exam window (1 Nov-31 Dec, Art 40(5) as rewritten by Law 98/2025) and the handover
window (February or March, Art 33(1)) are dated rules; a campaign outside them is warned on
its board, not refused (issue 14 item 2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from muster.conscription.campaign import services as cs
from muster.law.callup import campaign as rules
from tests.conscription.campaign_factories import make_campaign

D = dt.date


@pytest.mark.parametrize(
    ("exam_start", "exam_end", "handover", "second_call", "keys"),
    [
        (D(2026, 11, 1), D(2026, 12, 31), D(2027, 3, 3), False, []),
        (D(2026, 10, 31), D(2026, 12, 31), D(2027, 3, 3), False, ["exam_outside_window"]),
        (D(2026, 11, 1), D(2027, 1, 1), D(2027, 3, 3), False, ["exam_outside_window"]),
        (D(2026, 11, 1), D(2026, 12, 31), D(2027, 4, 1), False, ["handover_outside_window"]),
        (D(2026, 11, 1), D(2026, 12, 31), D(2027, 4, 1), True, []),
        # Before Law 98/2025 no exam window is encoded; the handover window is Law 78's.
        (D(2024, 10, 1), D(2024, 12, 31), D(2025, 1, 31), False, ["handover_outside_window"]),
    ],
)
def test_windows(exam_start, exam_end, handover, second_call, keys):
    calendar = rules.Calendar(
        year=handover.year, handover=handover, exam_start=exam_start, exam_end=exam_end
    )
    found = rules.calendar_warnings(calendar, second_call=second_call)
    assert [w.key for w in found] == keys
    for warning in found:
        assert warning.rule.citations


def test_the_board_warns_in_vietnamese(personas, units, client):
    officer = personas["district_officer"]
    calendar = cs.CalendarInput(
        exam_start=D(2024, 11, 1),
        exam_end=D(2024, 12, 31),
        handover_start=D(2025, 4, 10),
    )
    campaign = make_campaign(officer, units["KD"], year=2025, cal=calendar)
    client.force_login(officer)
    with translation.override("vi"):
        page = client.get(reverse("campaigns:campaign_board", args=[campaign.public_id]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ngày giao quân (10/04/2025) không thuộc tháng Hai hoặc tháng Ba." in html
    assert "khoản 1 Điều 33 Luật Nghĩa vụ quân sự 78/2015/QH13" in html
