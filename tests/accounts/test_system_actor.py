"""The system actor: one reserved user that commands and the demo loader act as."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from muster.accounts.access import require_actor_area, require_cap
from muster.accounts.models import Role, User
from muster.accounts.perms import Cap, has_cap
from muster.accounts.services import SYSTEM_USERNAME, system_actor, user_create
from muster.audit.models import AuditEvent
from muster.audit.selectors import verify_chain
from muster.geo.models import Unit
from muster.geo.scope import scope_of

LOGIN = "/accounts/login/"


def test_one_reserved_row_with_an_unusable_password(db):
    first = system_actor()
    again = system_actor()
    assert first.pk == again.pk
    assert User.objects.filter(username=SYSTEM_USERNAME).count() == 1
    assert first.role == Role.SYSTEM and first.is_system_actor
    assert not first.has_usable_password()
    assert first.scope_unit_id is None


def test_it_cannot_log_in(client, db):
    actor = system_actor()
    response = client.post(LOGIN, {"username": SYSTEM_USERNAME, "password": "anything"})
    assert response.status_code == 401
    # Even with a password set by mistake, the login page refuses it.
    actor.set_password("a-password-123")
    actor.save()
    response = client.post(LOGIN, {"username": SYSTEM_USERNAME, "password": "a-password-123"})
    assert response.status_code == 401
    assert "_auth_user_id" not in client.session
    assert not AuditEvent.objects.filter(action="accounts.login").exists()


def test_it_has_every_capability_and_the_whole_system_as_its_area(units):
    actor = system_actor()
    assert all(has_cap(actor, cap) for cap in Cap)
    assert scope_of(actor).unit_ids() == frozenset(Unit.objects.values_list("pk", flat=True))
    require_cap(actor, Cap.MANAGE_USERS)
    require_actor_area(actor, units["DT"].pk)


def test_audit_names_it_like_any_actor(units):
    actor = system_actor()
    user = user_create(
        actor=actor,
        username="created.by.system",
        password="pw-123-456-789",
        role=Role.LEADER,
        scope_unit=units["KD"],
    )
    event = AuditEvent.objects.get(action="accounts.user_create", object_id=str(user.public_id))
    assert event.actor_id == actor.pk
    assert event.actor_label == "system"
    assert verify_chain()[1] is None


def test_the_demo_units_are_recorded_as_the_system(units):
    events = AuditEvent.objects.filter(action="geo.unit_create")
    assert events.exists()
    assert set(events.values_list("actor_id", flat=True)) == {system_actor().pk}


def test_the_reserved_name_held_by_another_role_is_a_configuration_error(db):
    User.objects.create(username=SYSTEM_USERNAME, role=Role.LEADER)
    with pytest.raises(ImproperlyConfigured):
        system_actor()


def test_the_role_label_is_translated():
    from django.utils import translation

    with translation.override("vi"):
        assert str(Role.SYSTEM.label) == "Hệ thống"
    with translation.override("en"):
        assert str(Role.SYSTEM.label) == "System"


def test_the_chain_holds_events_of_the_system_actor(units, capsys):
    call_command("verify_audit")
    assert "intact" in capsys.readouterr().out
