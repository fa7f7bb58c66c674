"""Dated posts: a person holds roles in several units over time; the open post is his current
role and scope; the users of units that ended follow them to their successor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from muster.accounts.models import Post, Role
from muster.accounts.posts import post_move, posts_follow_successors, posts_of
from muster.accounts.services import user_create
from muster.audit.models import AuditEvent
from muster.geo.scope import scope_of

REFORM = dt.date(2025, 7, 1)


def _user(system, units, name, key, role=Role.COMMUNE_COMMANDER, since=dt.date(2020, 1, 1)):
    return user_create(
        actor=system,
        username=name,
        password="pass-word-123",
        role=role,
        scope_unit=units[key],
        post_from=since,
    )


def test_a_new_user_holds_one_open_post(system, units):
    user = _user(system, units, "c1", "DHOP")
    [post] = posts_of(user)
    assert (post.unit, post.role, post.valid_from, post.valid_to) == (
        units["DHOP"],
        Role.COMMUNE_COMMANDER,
        dt.date(2020, 1, 1),
        None,
    )


def test_moving_closes_the_old_post_and_the_scope_follows(system, units):
    user = _user(system, units, "c1", "DHOP")
    assert not scope_of(user).contains(units["LB25"])
    post_move(actor=system, user=user, unit=units["DHOP25"], on=REFORM, reason="reform")
    old, new = posts_of(user)
    assert old.valid_to == dt.date(2025, 6, 30) and old.unit == units["DHOP"]
    assert (new.unit, new.valid_from, new.valid_to) == (units["DHOP25"], REFORM, None)
    user.refresh_from_db()
    assert user.scope_unit == units["DHOP25"] and user.role == Role.COMMUNE_COMMANDER
    # the new commune's scope still reaches the old commune's records
    assert scope_of(user).contains(units["DHOP"]) and scope_of(user).contains(units["MD"])
    event = AuditEvent.objects.filter(action="accounts.post_move").get()
    assert event.reason == "reform"


def test_a_move_is_refused_to_a_unit_that_does_not_exist_then(system, units):
    user = _user(system, units, "c1", "DHOP")
    with pytest.raises(ValidationError, match="30/06/2025"):
        post_move(
            actor=system,
            user=user,
            unit=units["DHOP25"],
            on=REFORM - dt.timedelta(1),
            reason="too early",
        )
    assert Post.objects.filter(user=user).count() == 1


def test_a_move_must_start_after_the_current_post(system, units):
    user = _user(system, units, "c1", "DHOP25", since=dt.date(2025, 8, 1))
    with pytest.raises(ValidationError):
        post_move(actor=system, user=user, unit=units["LB25"], on=dt.date(2025, 8, 1), reason="x")


def test_only_a_user_manager_moves_users(system, units, personas):
    user = _user(system, units, "c1", "DHOP")
    with pytest.raises(PermissionDenied):
        post_move(
            actor=personas["district_officer"],
            user=user,
            unit=units["DHOP25"],
            on=REFORM,
            reason="x",
        )
    assert Post.objects.filter(user=user).count() == 1


def test_the_users_of_ended_units_follow_them_to_their_successor(system, units):
    dh = _user(system, units, "dh", "DHOP")
    dt_ = _user(system, units, "dt", "DT", role=Role.COMMUNE_CLERK)
    officer = _user(system, units, "kd", "KD", role=Role.DISTRICT_OFFICER)
    archive = _user(system, units, "kd.archive", "KD", role=Role.DISTRICT_OFFICER)
    split = _user(system, units, "nt", "NT")  # Ngọc Thanh was split: a person decides
    today_user = _user(system, units, "new", "LB25", since=REFORM)
    moved = posts_follow_successors(actor=system, on=REFORM, keep=["kd.archive"], reason="1/7")
    where = {m.user.username: m.to_unit for m in moved}
    assert where == {
        "dh": units["DHOP25"],
        "dt": units["ND25"],
        "kd": units["PTKV1"],
        "nt": None,
    }
    for user, key in ((dh, "DHOP25"), (dt_, "ND25"), (officer, "PTKV1"), (split, "NT")):
        user.refresh_from_db()
        assert user.scope_unit == units[key], user.username
    archive.refresh_from_db()
    today_user.refresh_from_db()
    assert archive.scope_unit == units["KD"] and today_user.scope_unit == units["LB25"]
    assert Post.objects.filter(user=dt_).count() == 2
    # run again: nothing left to move but the split one
    again = posts_follow_successors(actor=system, on=REFORM, keep=["kd.archive"], reason="1/7")
    assert [(m.user.username, m.to_unit) for m in again] == [("nt", None)]


def test_the_command_moves_and_reports(system, units, capsys):
    _user(system, units, "dh", "DHOP")
    call_command("move_posts", "--on", "01/07/2025")
    out = capsys.readouterr().out
    assert "dh:" in out and "1 of 1 users moved." in out


def test_a_user_whose_unit_ended_sees_which_unit_when_and_what_it_became(system, units, client):
    user = _user(system, units, "dh", "DHOP", role=Role.COMMUNE_CLERK)
    client.force_login(user)
    page = client.get("/people/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "data-ended-unit" in page
    notice = page.split("data-ended-unit", 1)[1].split("</div>", 1)[0]
    assert "Đức Hợp" in notice and "30/06/2025" in notice and "01/07/2025" in notice
    assert "đã kết thúc ngày 30/06/2025" in notice
    post_move(actor=system, user=user, unit=units["DHOP25"], on=REFORM, reason="reform")
    user.refresh_from_db()
    client.force_login(user)
    assert "data-ended-unit" not in client.get("/people/").content.decode()


def test_an_account_opened_in_a_unit_after_it_ended_stays_there(system, units):
    archive = _user(system, units, "kd.2026", "KD", role=Role.AUDITOR, since=dt.date(2026, 1, 5))
    [moved] = posts_follow_successors(actor=system, on=REFORM, reason="1/7")
    assert moved.to_unit is None and moved.why == "post began after the unit ended"
    archive.refresh_from_db()
    assert archive.scope_unit == units["KD"]


def test_no_one_is_moved_into_or_out_of_the_system_role(system, units):
    user = _user(system, units, "c1", "DHOP")
    with pytest.raises(ValidationError):
        post_move(
            actor=system, user=user, unit=units["DHOP25"], on=REFORM, role=Role.SYSTEM, reason="x"
        )
    with pytest.raises(ValidationError):
        post_move(actor=system, user=system, unit=units["DHOP25"], on=REFORM, reason="x")
    assert Post.objects.filter(user=user).count() == 1
