"""Public postings as dated rules (pure): windows, due dates on their boundaries, status, and
the reduction of a record to what may be public."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest

from muster.law import rulebook
from muster.law.callup import campaign as campaign_rules
from muster.law.callup.postings import book as posting_book
from muster.law.callup.postings import rows as posting_rows
from muster.law.callup.postings import schedule as posting_schedule
from muster.law.callup.postings import status as posting_status

D = dt.date
CAL = campaign_rules.Calendar(
    year=2025,
    handover=D(2025, 2, 13),
    screening_start=D(2024, 10, 7),
    screening_end=D(2024, 10, 22),
    exam_start=D(2024, 11, 1),
    exam_end=D(2024, 12, 31),
    decisions_by=D(2025, 1, 27),
)


# ----------------------------------------------------------------------------- windows


@pytest.mark.parametrize("kind", posting_book.KINDS)
def test_window_is_20_days_not_counting_the_posting_day(kind):
    window = posting_schedule.window(kind, D(2025, 12, 1))
    assert window.days == 20
    assert window.ends_on == D(2025, 12, 21)
    assert posting_schedule.in_window(window.posted_on, window.ends_on, D(2025, 12, 21))
    assert not posting_schedule.in_window(window.posted_on, window.ends_on, D(2025, 12, 22))
    assert not posting_schedule.in_window(window.posted_on, window.ends_on, D(2025, 11, 30))


def test_complaint_on_the_last_day_is_in_time_the_next_day_late():
    last = posting_schedule.window("deferral_exemption", D(2025, 12, 1)).ends_on
    assert not posting_schedule.complaint_late(last, D(2025, 12, 21))
    assert posting_schedule.complaint_late(last, D(2025, 12, 22))


def test_results_window_comes_from_the_campaign_rule():
    for day in (D(2024, 12, 1), D(2025, 7, 1), D(2026, 1, 5)):
        expected = campaign_rules.rule("campaign.posting.results", day).int_param("days")
        assert posting_schedule.window_days("exam_results", day) == expected
        assert posting_schedule.window_days("screening_results", day) == expected


def test_deferral_window_cites_the_law_of_the_posting_day():
    before = posting_schedule.window("deferral_exemption", D(2025, 6, 30))
    after = posting_schedule.window("deferral_exemption", D(2025, 7, 1))
    assert before.places == ("hq", "agencies")
    assert after.places == ("portal", "hq", "agencies", "villages")
    assert "Art 41(4)" in before.citation and "98/2025" not in before.citation
    assert "98/2025" in after.citation and "Art 5(4)" in after.citation
    assert "Luật số 98/2025/QH15" in after.citation_vi
    assert "Luật số 98/2025/QH15" not in before.citation_vi


def test_results_places_gain_the_portal_with_law_98():
    assert posting_schedule.window("exam_results", D(2025, 6, 30)).places == ("hq",)
    assert posting_schedule.window("exam_results", D(2025, 7, 1)).places == ("portal", "hq")
    assert posting_schedule.missing_places("exam_results", D(2025, 7, 1), ["hq"]) == ("portal",)
    assert posting_schedule.missing_places("exam_results", D(2025, 6, 30), ["hq"]) == ()


def test_every_rule_version_has_citations_and_vietnamese_title():
    for item in posting_book.RULES:
        assert item.citations, item.code
        assert item.title_vi, item.code
        if item.code in ("posting.deferral_exemption", "posting.results", "posting.callup_list"):
            assert str(item.param("citation_vi")), item.code
            assert set(str(item.param("places")).split(",")) <= set(posting_book.PLACES)


def test_versions_of_each_code_follow_each_other_without_gap():
    for code in {r.code for r in posting_book.RULES}:
        versions = posting_book.versions(code)
        for earlier, later in itertools.pairwise(versions):
            assert earlier.valid_to is not None
            assert later.valid_from == earlier.valid_to + dt.timedelta(days=1), code


def test_no_rule_before_coverage_raises():
    with pytest.raises(rulebook.NoRuleInForce):
        posting_schedule.window("callup_list", D(2017, 1, 1))


# ----------------------------------------------------------------------------- due dates


def test_deferral_due_within_20_days_of_signature_from_tt_68():
    due = posting_schedule.due_for(
        "deferral_exemption", calendar=CAL, first_decision=D(2025, 12, 4)
    )
    assert due is not None and due.sense == "after_decision" and due.confirmed
    assert due.due == D(2025, 12, 24)
    on_time = posting_status.status(
        required=True,
        due=due.due,
        versions=[posting_status.Version(D(2025, 12, 24), D(2026, 1, 13))],
        today=D(2026, 1, 1),
    )
    late = posting_status.status(
        required=True,
        due=due.due,
        versions=[posting_status.Version(D(2025, 12, 25), D(2026, 1, 14))],
        today=D(2026, 1, 1),
    )
    assert on_time.state == "on_time" and late.state == "late" and late.missed


def test_deferral_due_changes_with_the_day_the_decision_was_signed():
    old = posting_schedule.due_for(
        "deferral_exemption",
        calendar=CAL,
        first_decision=D(2025, 6, 30),
        first_callup=D(2026, 1, 20),
    )
    new = posting_schedule.due_for("deferral_exemption", calendar=CAL, first_decision=D(2025, 7, 1))
    assert old is not None and new is not None
    assert old.sense == "before_callup" and not old.confirmed
    assert old.due == D(2025, 12, 31)  # 20 days before the orders of 20/01
    assert new.sense == "after_decision" and new.due == D(2025, 7, 21)


def test_old_rule_posted_20_days_before_callup_orders_on_time_19_late():
    due = posting_schedule.due_for(
        "deferral_exemption",
        calendar=CAL,
        first_decision=D(2024, 12, 10),
        first_callup=D(2025, 1, 20),
    )
    assert due is not None and due.due == D(2024, 12, 31)
    assert (D(2025, 1, 20) - D(2024, 12, 31)).days == 20
    versions_late = [posting_status.Version(D(2025, 1, 1), D(2025, 1, 21))]
    assert (
        posting_status.status(
            required=True, due=due.due, versions=versions_late, today=D(2025, 2, 1)
        ).state
        == "late"
    )


def test_old_rule_without_callup_uses_the_campaign_decision_day_or_is_unknown():
    due = posting_schedule.due_for(
        "deferral_exemption", calendar=CAL, first_decision=D(2024, 12, 10)
    )
    assert due is not None and due.due == D(2025, 1, 7)  # 27/01 − 20
    bare = dataclasses.replace(CAL, decisions_by=None)
    unknown = posting_schedule.due_for(
        "deferral_exemption", calendar=bare, first_decision=D(2024, 12, 10)
    )
    assert unknown is not None and unknown.due is None
    assert posting_schedule.due_for("deferral_exemption", calendar=CAL, first_decision=None) is None


def test_results_due_15_days_after_the_window_ends():
    exam = posting_schedule.due_for("exam_results", calendar=CAL)
    screening = posting_schedule.due_for("screening_results", calendar=CAL)
    assert exam is not None and exam.due == D(2025, 1, 15) and not exam.confirmed
    assert screening is not None and screening.due == D(2024, 11, 6)
    no_screening = dataclasses.replace(CAL, screening_end=None)
    assert posting_schedule.due_for("screening_results", calendar=no_screening) is None


def test_callup_list_due_15_days_before_handover():
    due = posting_schedule.due_for("callup_list", calendar=CAL)
    assert due is not None and due.due == D(2025, 1, 29) and not due.confirmed


# ----------------------------------------------------------------------------- status


def test_status_without_posting():
    assert posting_status.status(
        required=False, due=None, versions=[], today=D(2025, 1, 1)
    ).state == ("not_required")
    pending = posting_status.status(
        required=True, due=D(2025, 1, 15), versions=[], today=D(2025, 1, 15)
    )
    assert pending.state == "pending" and pending.days_to_due == 0 and not pending.missed
    overdue = posting_status.status(
        required=True, due=D(2025, 1, 15), versions=[], today=D(2025, 1, 16)
    )
    assert overdue.state == "overdue" and overdue.days_to_due == -1 and overdue.missed
    unknown = posting_status.status(required=True, due=None, versions=[], today=D(2030, 1, 1))
    assert unknown.state == "pending"


def test_window_days_left_zero_on_the_last_day():
    v = posting_status.Version(D(2025, 12, 1), D(2025, 12, 21))
    first = posting_status.status(required=True, due=None, versions=[v], today=D(2025, 12, 1))
    last = posting_status.status(required=True, due=None, versions=[v], today=D(2025, 12, 21))
    after = posting_status.status(required=True, due=None, versions=[v], today=D(2025, 12, 22))
    assert (first.window, first.days_left) == ("open", 20)
    assert (last.window, last.days_left) == ("open", 0)
    assert (after.window, after.days_left) == ("ended", None)


def test_a_correction_keeps_the_timeliness_of_the_first_posting():
    first = posting_status.Version(D(2025, 1, 10), D(2025, 1, 30), withdrawn_on=D(2025, 1, 20))
    second = posting_status.Version(D(2025, 1, 20), D(2025, 2, 9))
    st = posting_status.status(
        required=True, due=D(2025, 1, 15), versions=[first, second], today=D(2025, 1, 25)
    )
    assert st.state == "on_time" and st.first_posted == D(2025, 1, 10)
    assert (st.window, st.days_left) == ("open", 15)
    gone = posting_status.status(
        required=True, due=D(2025, 1, 15), versions=[first], today=D(2025, 1, 25)
    )
    assert gone.window == "withdrawn"


# ----------------------------------------------------------------------------- public rows


FULL = posting_rows.SourceRecord(
    name="Nguyễn Văn An",
    born=D(2004, 5, 17),
    village="Thôn Đông",
    national_id="033204001234",
    phone="0912345678",
    decision="deferral",
    ground="41.1.g",
    ground_text="Đang học phổ thông; đang học đại học, cao đẳng hệ chính quy (một khóa)",
    health_class=4,
    exempt_illness="F20",
    concluded_on=D(2024, 11, 20),
    service="army",
    enlist_on=D(2025, 2, 13),
)


@pytest.mark.parametrize("kind", posting_book.KINDS)
def test_public_row_holds_only_the_public_keys(kind):
    row = posting_rows.public_row(kind, FULL, 1)
    assert tuple(row) == posting_rows.PUBLIC_KEYS[kind]
    text = repr(row)
    for secret in ("033204001234", "0912345678", "17/05/2004", "2004-05-17", "F20"):
        assert secret not in text
    assert row["birth_year"] == 2004
    assert "health_class" not in row and "4" not in str(row.get("result", ""))


def test_deferral_row_names_the_ground_and_its_short_text():
    row = posting_rows.public_row("deferral_exemption", FULL, 1)
    assert row["decision"] == "Tạm hoãn"
    assert row["ground"] == "41.1.g"
    assert str(row["ground_text"]).endswith("(điểm g khoản 1 Điều 41)")
    exempt = dataclasses.replace(FULL, decision="exemption", ground="41.2.đ")
    assert posting_rows.public_row("deferral_exemption", exempt, 1)["decision"] == "Miễn"
    assert posting_rows.ground_label("41.2.đ") == "điểm đ khoản 2 Điều 41"


@pytest.mark.parametrize(
    ("health_class", "illness", "fit"),
    [(1, "", True), (3, "", True), (4, "", False), (None, "", False), (2, "F20", False)],
)
def test_results_are_fit_or_unfit_only(health_class, illness, fit):
    record = dataclasses.replace(FULL, health_class=health_class, exempt_illness=illness)
    exam = posting_rows.public_row("exam_results", record, 1)
    screening = posting_rows.public_row("screening_results", record, 1)
    assert exam["result"] == ("Đủ điều kiện sức khỏe" if fit else "Không đủ điều kiện sức khỏe")
    assert screening["result"] == ("Đạt sơ tuyển" if fit else "Không đạt sơ tuyển")


def test_callup_row_has_service_and_enlistment_day():
    row = posting_rows.public_row("callup_list", FULL, 3)
    assert (row["no"], row["service"], row["enlist_on"]) == (3, "Quân đội nhân dân", "2025-02-13")
    assert posting_rows.row_cells("callup_list", row)[-1] == "13/02/2025"


def test_snapshot_orders_by_village_then_name_and_numbers_from_one():
    records = [
        dataclasses.replace(FULL, name="Trần Văn Bình", village="Thôn Đông"),
        dataclasses.replace(FULL, name="Lê Văn Cường", village="Thôn Bắc"),
        dataclasses.replace(FULL, name="Đỗ Văn An", village="Thôn Đông"),
    ]
    rows = posting_rows.snapshot("callup_list", records)
    assert [(r["no"], r["name"]) for r in rows] == [
        (1, "Lê Văn Cường"),
        (2, "Đỗ Văn An"),
        (3, "Trần Văn Bình"),
    ]


def test_row_cells_read_only_public_keys():
    row = {**posting_rows.public_row("exam_results", FULL, 1), "national_id": "033204001234"}
    assert "033204001234" not in posting_rows.row_cells("exam_results", row)
