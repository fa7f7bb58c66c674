"""Setting up a directive in the browser's forms: directive, tasks, targets, shares, schedule.

Writes go through the services (validated, one transaction, audited); only the roles with
Cap.REVIEW_DIRECTIVE at the issuing level may edit; out of scope is a 404.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from muster.accounts.services import system_actor
from muster.audit.models import AuditEvent
from muster.directives.models import Directive, Milestone, Target, TargetShare, Task
from muster.directives.services.reports import reportable_targets
from muster.directives.services.setup import body_create, task_create, task_update
from muster.directives.services.targets import milestone_set_done
from tests.directives.factories import make_directive, make_report

pytestmark = pytest.mark.django_db

MISMATCH_VI = "Tổng phần giao của các xã là 2,5 nhưng chỉ tiêu là 3"


def _url(name: str, obj: object | None = None) -> str:
    if obj is None:
        return reverse(f"directives:{name}")
    return reverse(f"directives:{name}", kwargs={"public_id": obj.public_id})  # type: ignore[attr-defined]


def _target_post(units, **overrides: str) -> dict[str, str]:
    data = {
        "order": "1",
        "title": "Thu hồi đất căn cứ hậu phương",
        "kind": "numeric",
        "direction": "at_least",
        "value": "3",
        "unit_label": "ha",
        "start_date": "01/01/2025",
        "due_date": "30/09/2025",
        "source": "",
        "milestones": "",
        "lead_unit": str(units["KD"].public_id),
        f"share_{units['DHOP'].public_id}": "1,5",
        f"share_{units['DT'].public_id}": "1,5",
    }
    data.update(overrides)
    return data


def test_officer_builds_a_directive_through_the_forms(units, personas, login):
    client = login(personas["district_officer"])
    assert client.get(_url("directive_create")).status_code == 200
    response = client.post(
        _url("directive_create"),
        {
            "unit": str(units["KD"].public_id),
            "issuer": "Ban Thường vụ Huyện ủy Kim Động",
            "number": "15-CT/HU",
            "issued_on": "20/12/2024",
            "year": "2025",
            "title": "Chỉ thị về lãnh đạo thực hiện nhiệm vụ quân sự, quốc phòng năm 2025",
            "signer": "",
            "frequency": "quarterly",
            "report_due_working_days": "7",
            "full_text": "I. ĐÁNH GIÁ\n" * 200,
        },
    )
    directive = Directive.objects.get(number="15-CT/HU")
    assert response.status_code == 302
    assert response["Location"] == _url("directive_edit", directive)
    assert directive.frequency == "quarterly" and directive.report_due_working_days == 7
    assert directive.full_text.count("I. ĐÁNH GIÁ") == 200

    committee = body_create(
        actor=system_actor(), name="UBND huyện Kim Động", kind="peoples_committee", unit=units["KD"]
    )
    response = client.post(
        _url("task_create", directive),
        {
            "order": "1",
            "title": "Xây dựng khu vực phòng thủ",
            "description": "Thu hồi đất, xây dựng trụ sở.",
            "lead_unit": str(units["KD"].public_id),
            "lead_body": "",
            "coordinating_units": [str(units["DHOP"].public_id)],
            "coordinating_bodies": [str(committee.public_id)],
        },
    )
    assert response.status_code == 302
    task = directive.tasks.get()
    assert list(task.coordinating_bodies.all()) == [committee]
    # The coordinating commune now sees the directive.
    assert units["DHOP"] in directive.concerned_units.all()

    response = client.post(_url("target_create", task), _target_post(units))
    assert response.status_code == 302, response.content.decode()
    target = task.targets.get()
    assert target.value == Decimal(3)
    assert {(s.unit.code, s.value) for s in target.shares.select_related("unit")} == {
        (units["DHOP"].code, Decimal("1.5")),
        (units["DT"].code, Decimal("1.5")),
    }
    assert set(
        AuditEvent.objects.filter(action__startswith="directives.").values_list("action", flat=True)
    ) >= {"directives.directive_create", "directives.task_create", "directives.target_create"}
    # The board shows the target and the edit button to the officer.
    board = client.get(_url("directive_board", directive)).content.decode()
    assert "Thu hồi đất căn cứ hậu phương" in board
    assert _url("directive_edit", directive) in board


def test_shares_must_add_up_to_the_target_with_a_vietnamese_message(units, personas, login):
    _directive, target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(2))])
    client = login(personas["district_officer"])
    before = TargetShare.objects.count()
    response = client.post(
        _url("target_create", target.task),
        _target_post(units, order="2", **{f"share_{units['DT'].public_id}": "1"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert MISMATCH_VI in page
    assert 'data-testid="shares-error"' in page  # next to the share fields
    assert Target.objects.count() == 1 and TargetShare.objects.count() == before
    # Editing: the same rule, and nothing half-written.
    response = client.post(
        _url("target_edit", target),
        _target_post(units, value="5", **{f"share_{units['DT'].public_id}": ""}),
    )
    assert response.status_code == 400
    assert "Tổng phần giao của các xã là 1,5 nhưng chỉ tiêu là 5" in response.content.decode()
    target.refresh_from_db()
    assert target.value == Decimal(2) and target.title == "Thu hồi đất căn cứ hậu phương"
    # Fixed: shares 1,5 + 1,5 = 3.
    response = client.post(_url("target_edit", target), _target_post(units))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal(3) and target.shares.count() == 2
    event = AuditEvent.objects.filter(action="directives.target_update").get()
    assert "shares" in event.changes and "value" in event.changes


def test_bad_input_rerenders_the_form_never_a_500(units, personas, login):
    directive, target = make_directive(units["KD"])
    client = login(personas["district_officer"])
    response = client.post(
        _url("target_edit", target),
        _target_post(units, value="abc", due_date="31/02/2025", order="0"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nhập số, ví dụ 1,5 hoặc 1143." in page or "1,5" in page
    response = client.post(
        _url("target_edit", target),
        _target_post(
            units, start_date="01/10/2025", due_date="30/09/2025", source="no.such.source"
        ),
    )
    assert response.status_code == 400
    response = client.post(
        _url("task_create", directive), {"order": "1", "title": "Trùng số thứ tự"}
    )
    assert response.status_code == 400
    assert "Đã có nhiệm vụ khác của chỉ thị này mang số thứ tự này." in response.content.decode()
    assert directive.tasks.count() == 1


def test_live_source_and_milestone_checklist_targets(units, personas, login):
    directive, target = make_directive(units["KD"])
    client = login(personas["district_officer"])
    response = client.post(
        _url("target_create", target.task),
        _target_post(
            units,
            order="2",
            title="Đăng ký lần đầu nam 17 tuổi",
            value="3",
            unit_label="người",
            source="registry.men_turning_17",
        ),
    )
    assert response.status_code == 302
    live = target.task.targets.get(order=2)
    assert live.source == "registry.men_turning_17"
    # A bound target is not reported by hand.
    assert live not in reportable_targets(directive, units["DHOP"])

    items = "Phê duyệt chủ trương\nGiải phóng mặt bằng\nKhởi công"
    response = client.post(
        _url("target_create", target.task),
        {
            **_target_post(units, order="3", title="Khởi công trụ sở", kind="milestones"),
            "value": "",
            f"share_{units['DHOP'].public_id}": "",
            f"share_{units['DT'].public_id}": "",
            "milestones": items,
        },
    )
    assert response.status_code == 302, response.content.decode()
    checklist = target.task.targets.get(order=3)
    assert [m.title for m in checklist.milestones.all()] == items.splitlines()
    first = checklist.milestones.get(order=1)
    milestone_set_done(
        actor=personas["district_officer"], milestone=first, done_on=dt.date(2025, 3, 1)
    )
    # Edit: the first item keeps its day, the second is renamed, the third removed.
    response = client.post(
        _url("target_edit", checklist),
        {
            **_target_post(units, order="3", title="Khởi công trụ sở", kind="milestones"),
            "value": "",
            f"share_{units['DHOP'].public_id}": "",
            f"share_{units['DT'].public_id}": "",
            "milestones": "Phê duyệt chủ trương\nHoàn thành giải phóng mặt bằng",
        },
    )
    assert response.status_code == 302
    assert [(m.title, m.done_on) for m in Milestone.objects.filter(target=checklist)] == [
        ("Phê duyệt chủ trương", dt.date(2025, 3, 1)),
        ("Hoàn thành giải phóng mặt bằng", None),
    ]
    # A checklist cannot be split into shares.
    response = client.post(
        _url("target_edit", checklist),
        {**_target_post(units, order="3", kind="milestones"), "milestones": "A"},
    )
    assert response.status_code == 400
    assert "không chia phần giao" in response.content.decode()


def test_tasks_are_reordered_with_post_only(units, personas, login):
    directive, target = make_directive(units["KD"])
    second = task_create(
        actor=system_actor(), directive=directive, order=2, title="Tuyển chọn gọi công dân nhập ngũ"
    )
    first = target.task
    client = login(personas["district_officer"])
    assert client.get(_url("task_move", second)).status_code == 405
    assert client.post(_url("task_move", second), {"to": "up"}).status_code == 302
    assert list(directive.tasks.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    # Already first: a message, no change.
    client.post(_url("task_move", second), {"to": "up"})
    assert Task.objects.get(pk=second.pk).order == 1
    assert AuditEvent.objects.filter(action="directives.task_move").count() == 1


def test_schedule_is_fixed_once_reports_exist(units, personas, login):
    directive, _target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(10))])
    make_report(directive, units["DHOP"], personas["commune_commander"])
    client = login(personas["district_officer"])
    data = {
        "issuer": directive.issuer,
        "number": directive.number,
        "issued_on": "20/12/2024",
        "year": "2025",
        "title": "Tên mới",
        "signer": "",
        "frequency": "quarterly",
        "report_due_working_days": "5",
        "full_text": "",
    }
    response = client.post(_url("directive_edit", directive), data)
    assert response.status_code == 400
    assert "không đổi được kỳ báo cáo" in response.content.decode()
    directive.refresh_from_db()
    assert directive.title == "Chỉ thị thử nghiệm" and directive.frequency == "monthly"
    response = client.post(
        _url("directive_edit", directive),
        {**data, "frequency": "monthly", "report_due_working_days": "10"},
    )
    assert response.status_code == 302
    directive.refresh_from_db()
    assert directive.title == "Tên mới" and directive.report_due_working_days == 10


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("district_officer", 200),
        ("admin", 200),
        ("leader", 403),  # reads the board, changes nothing
        ("commune_commander", 403),  # reports on it, but may not change it
        ("ptkv_officer", 200),  # PTKV1 succeeds Kim Động district: its area includes KD
        ("other_commander", 403),
    ],
)
def test_edit_pages_by_role(units, personas, login, persona, expected):
    directive, target = make_directive(
        units["KD"], shares=[(units["DHOP"], Decimal(1)), (units["DT"], Decimal(1))]
    )
    client = login(personas[persona])
    for url in (
        _url("directive_edit", directive),
        _url("task_create", directive),
        _url("task_edit", target.task),
        _url("target_create", target.task),
        _url("target_edit", target),
    ):
        assert client.get(url).status_code == expected, url
    if expected == 403:
        response = client.post(_url("target_edit", target), _target_post(units, value="9"))
        assert response.status_code == 403
        target.refresh_from_db()
        assert target.value == Decimal(2)


def test_out_of_scope_is_404_and_anonymous_goes_to_login(client, units, personas, login):
    directive, target = make_directive(units["DT"])
    path = _url("target_edit", target)
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    client = login(personas["commune_commander"])  # Đức Hợp: Đồng Thanh is outside
    for url in (_url("directive_edit", directive), _url("task_edit", target.task), path):
        assert client.get(url).status_code == 404
    assert client.post(_url("task_move", target.task), {"to": "up"}).status_code == 404


def test_services_refuse_units_outside_the_directive(units, personas):
    _directive, target = make_directive(units["DHOP"])
    with pytest.raises(ValidationError, match="ngoài địa bàn"):
        task_update(
            actor=personas["district_officer"],
            task=target.task,
            order=1,
            title="x",
            lead_unit=units["DT"],
        )


def test_an_officer_below_the_issuing_level_sees_but_cannot_edit(units, login):
    from muster.accounts.models import Role
    from muster.accounts.services import user_create

    directive, target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(1))])
    officer = user_create(
        actor=system_actor(),
        username="officer.dhop",
        password="officer-pass-123",
        role=Role.DISTRICT_OFFICER,
        scope_unit=units["DHOP"],
    )
    client = login(officer)
    assert client.get(_url("directive_board", directive)).status_code == 200
    assert client.get(_url("target_edit", target)).status_code == 403
    assert client.get(_url("directive_edit", directive)).status_code == 403


def test_a_reported_target_keeps_its_kind(units, personas, login):
    directive, target = make_directive(units["KD"], shares=[(units["DHOP"], Decimal(10))])
    make_report(directive, units["DHOP"], personas["commune_commander"])
    client = login(personas["district_officer"])
    response = client.post(
        _url("target_edit", target),
        {
            **_target_post(units, kind="milestones", value=""),
            f"share_{units['DHOP'].public_id}": "",
            f"share_{units['DT'].public_id}": "",
            "milestones": "Xong",
        },
    )
    assert response.status_code == 400
    assert "không đổi được loại chỉ tiêu" in response.content.decode()
    target.refresh_from_db()
    assert target.kind == "numeric" and target.shares.count() == 1
