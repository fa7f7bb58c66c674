"""Defence education through its services and pages: members, courses, results, certificates
numbered per issuer and year by the law of the course's last day, the area and role checks, the
per-group figures and the directive sources."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from muster.audit.models import AuditEvent
from muster.core.registry import registry
from muster.education import services
from muster.education.choices import Result
from muster.education.figures import figures
from muster.education.models import Certificate, EducationMember, EducationPlan
from muster.education.sources import group4_pct

pytestmark = pytest.mark.django_db

MAY = (dt.date(2025, 5, 19), dt.date(2025, 5, 23))
SEPT = (dt.date(2025, 9, 22), dt.date(2025, 9, 26))


def member(actor, unit, name="Nguyễn Văn An", group=4, category="village_head"):
    return services.add_member(
        actor=actor,
        unit=unit,
        full_name=name,
        birth_year=1975,
        post="Trưởng thôn",
        group=group,
        category=category,
        valid_from=dt.date(2024, 1, 1),
    )


def course(actor, unit, group=4, days=MAY):
    return services.create_course(
        actor=actor,
        unit=unit,
        group=group,
        title=f"Bồi dưỡng đối tượng {group}",
        convened_by="Hội đồng GDQPAN huyện",
        place="Ban CHQS huyện",
        starts_on=days[0],
        ends_on=days[1],
        hours=32,
    )


def passed(actor, item, people):
    services.enrol(actor=actor, course=item, members=people)
    services.record_results(
        actor=actor,
        course=item,
        results={e.pk: Result.PASSED for e in item.enrolments.all()},
    )
    return services.issue_certificates(actor=actor, course=item)


def test_certificates_by_the_law_of_the_last_day_numbered_per_issuer_and_year(units, system):
    a = member(system, units["DHOP"], "Nguyễn Văn An")
    b = member(system, units["DHOP"], "Trần Thị Bình")
    c = member(system, units["KD"], "Lê Văn Cường", category="party_member")
    made = passed(system, course(system, units["KD"]), [a, b, c])
    by_member = {cert.member_id: cert for cert in made}
    # Before 1 Jul 2025: the commune chairman for commune staff, the district commander else.
    assert by_member[a.pk].issuer == by_member[b.pk].issuer == "commune_chairman"
    assert by_member[a.pk].issuer_unit == units["DHOP"]
    assert {by_member[a.pk].serial, by_member[b.pk].serial} == {1, 2}
    assert by_member[c.pk].issuer == "district_commander"
    assert by_member[c.pk].serial == 1 and by_member[c.pk].issuer_unit == units["KD"]
    assert all(cert.issuer_verified for cert in made)
    # After 1 Jul 2025: the provincial command (commune staff: the commune chairman), both
    # flagged unverified.
    d = member(system, units["DT"], "Phạm Văn Dũng")
    e = member(system, units["KD"], "Vũ Văn Em", category="party_member")
    later = {
        x.member_id: x for x in passed(system, course(system, units["PTKV1"], days=SEPT), [d, e])
    }
    assert later[d.pk].issuer == "commune_chairman" and later[d.pk].issuer_unit == units["DT"]
    assert later[e.pk].issuer == "province_command" and later[e.pk].issuer_unit == units["HY2025"]
    assert not later[d.pk].issuer_verified and not later[e.pk].issuer_verified
    assert later[e.pk].number == "001/2025/CC-GDQPAN"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"education.member_add", "education.course", "education.enrol"} <= actions
    assert {"education.results", "education.certificates"} <= actions


def test_no_second_certificate_and_no_failing_a_certified_member(units, system):
    a = member(system, units["DHOP"])
    item = course(system, units["KD"])
    passed(system, item, [a])
    with pytest.raises(ValidationError):
        services.issue_certificates(actor=system, course=item)
    enrolment = item.enrolments.get()
    with pytest.raises(ValidationError):
        services.record_results(actor=system, course=item, results={enrolment.pk: Result.FAILED})
    assert Certificate.objects.count() == 1


def test_enrolment_refuses_another_group_and_another_area(units, system, personas):
    g3 = member(system, units["KD"], group=3, category="official")
    item = course(system, units["DHOP"])
    with pytest.raises(ValidationError, match=r"đối tượng 3|group 3"):
        services.enrol(actor=system, course=item, members=[g3])
    outside = member(system, units["DT"], "Đỗ Văn Ngoài")
    with pytest.raises(ValidationError):
        services.enrol(actor=personas["commune_commander"], course=item, members=[outside])
    with pytest.raises(PermissionDenied):
        services.enrol(actor=personas["leader"], course=item, members=[])
    assert not item.enrolments.exists()


def test_member_and_course_checks(units, system):
    with pytest.raises(ValidationError) as error:
        services.add_member(
            actor=system, unit=units["DHOP"], full_name=" ", birth_year=1900, post="",
            group=5, category="x", valid_from=dt.date(2024, 1, 1),
        )  # fmt: skip
    assert set(error.value.message_dict) == {"full_name", "birth_year", "post", "group", "category"}
    with pytest.raises(ValidationError):
        services.create_course(
            actor=system, unit=units["DHOP"], group=4, title="x", convened_by="y", place="z",
            starts_on=MAY[1], ends_on=MAY[0], hours=0,
        )  # fmt: skip


def test_figures_due_trained_certified_and_coverage(units, system):
    a = member(system, units["DHOP"], "Nguyễn Văn An")
    b = member(system, units["DHOP"], "Trần Văn Bảo")
    member(system, units["DHOP"], "Lê Văn Chiến")
    passed(system, course(system, units["KD"]), [a])
    item = course(system, units["KD"])
    services.enrol(actor=system, course=item, members=[b])
    services.record_results(
        actor=system, course=item, results={item.enrolments.get().pk: Result.FAILED}
    )
    found = figures(
        EducationMember.objects.all(), EducationPlan.objects.all(), 2025, dt.date(2025, 12, 31)
    )
    f = found[(units["DHOP"].pk, 4)]
    assert (f.due, f.trained, f.certified, f.quota) == (2, 2, 1, 0)
    assert f.pct == Decimal("33.3")
    services.save_plan(actor=system, unit=units["DHOP"], year=2025, quotas=[0, 0, 0, 4])
    assert group4_pct(frozenset({units["DHOP"].pk}), 2025) == Decimal("25.0")
    assert group4_pct(frozenset({units["DT"].pk}), 2025) is None
    assert "education.group4_pct" in registry.sources
    assert registry.demo_steps["education"].order == 46


def test_pages_show_the_figures_and_refuse_writes_without_the_role(units, system, personas, login):
    a = member(system, units["DHOP"], "Nguyễn Văn An")
    item = course(system, units["DHOP"])
    passed(system, item, [a])
    client = login(personas["leader"])
    page = client.get(reverse("education:index") + "?year=2025")
    assert page.status_code == 200 and "Đức Hợp" in page.content.decode()
    assert client.post(reverse("education:courses"), {}).status_code == 403
    assert client.post(reverse("education:course", args=[item.public_id]), {}).status_code == 403
    other = login(personas["other_commander"])
    assert other.get(reverse("education:course", args=[item.public_id])).status_code == 404
    assert "Nguyễn Văn An" not in other.get(reverse("education:members")).content.decode()
    commander = login(personas["commune_commander"])
    response = commander.post(
        reverse("education:course", args=[item.public_id]), {"action": "issue"}
    )
    assert response.status_code == 400
    assert "No passed member" in response.content.decode() or "Không có" in (
        response.content.decode()
    )
