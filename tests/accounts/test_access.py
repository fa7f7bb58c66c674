"""``require``: the one helper that turns a refused permission into a 403 with its message."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from muster.accounts.access import require


def test_require_passes_when_allowed():
    assert require(True) is None


@pytest.mark.parametrize(
    ("language", "default"),
    [("en", "Your role does not allow this."), ("vi", "Vai trò của bạn không được phép")],
)
def test_require_refuses_with_the_default_message(language, default):
    with translation.override(language), pytest.raises(PermissionDenied) as err:
        require(False)
    assert str(err.value).startswith(default)


def test_require_refuses_with_a_rules_own_message():
    with pytest.raises(PermissionDenied) as err:
        require(False, "Only the issuing level can change this directive.")
    assert str(err.value) == "Only the issuing level can change this directive."


def test_get_for_user_takes_a_predicate_for_a_per_object_rule(personas, units):
    from django.http import Http404

    from muster.accounts.access import get_for_user
    from muster.geo.models import Unit

    commander = personas["commune_commander"]  # scope: Đức Hợp
    dhop = units["DHOP"]

    def is_commune(user, unit):
        return unit.kind == "commune"

    def never(user, unit):
        return False

    qs = Unit.objects.all()
    assert get_for_user(commander, qs, unit_field="pk", cap=is_commune, pk=dhop.pk) == dhop
    with pytest.raises(PermissionDenied) as err:
        get_for_user(commander, qs, unit_field="pk", cap=never, message="No.", pk=dhop.pk)
    assert str(err.value) == "No."
    with pytest.raises(Http404):  # outside the scope: 404 before any rule
        get_for_user(commander, qs, unit_field="pk", cap=is_commune, pk=units["DT"].pk)
