"""Access rows of the militia pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs

ROWS = {
    "militia:index": Route(),
    "militia:commune": Route(kwargs=unit_kwargs, scoped_object=True),
}

# ----------------------------------------------------------------------------- organisation
# (branch milorg: units, cadres, strength targets)


def _org_unit_kwargs(world, side):
    from tests.militia.factories import make_militia_unit

    key = f"militia_unit_{side}"
    if key not in world:
        world[key] = make_militia_unit(world[f"unit_{side}"])
    return {"public_id": world[key].public_id}


def _org_appointment_kwargs(world, side):
    import datetime as dt

    from muster.militia.models import Appointment

    key = f"militia_appointment_{side}"
    if key in world:
        return {"public_id": world[key].public_id}
    commune = world[f"unit_{side}"]
    item = world[key] = Appointment.objects.create(
        person=world[f"person_{side}"],
        holder=commune,
        post="commander",
        appointed_on=dt.date(2025, 7, 1),
        decision_ref="1/QĐ",
        ended_on=dt.date(2025, 9, 1),
        end_reason="dismissed",
        end_decision_ref="2/QĐ",
    )
    return {"public_id": item.public_id}


#: Roles with Cap.MANAGE_MILITIA (the commune military command; the admin).
ORG_MANAGE_ROLES = frozenset({"admin", "commune_commander", "other_commander", "commune_clerk"})

ROWS.update(
    {
        "militia:organisation": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:unit_establish": Route(
            kwargs=unit_kwargs, allowed=ORG_MANAGE_ROLES, scoped_object=True
        ),
        "militia:appoint": Route(kwargs=unit_kwargs, allowed=ORG_MANAGE_ROLES, scoped_object=True),
        "militia:unit": Route(kwargs=_org_unit_kwargs, scoped_object=True),
        "militia:unit_dissolve": Route(
            kwargs=_org_unit_kwargs, allowed=ORG_MANAGE_ROLES, scoped_object=True
        ),
        "militia:unit_assign": Route(
            kwargs=_org_unit_kwargs, allowed=ORG_MANAGE_ROLES, scoped_object=True
        ),
        "militia:appointment": Route(kwargs=_org_appointment_kwargs, scoped_object=True),
        "militia:appointment_dismiss": Route(
            kwargs=_org_appointment_kwargs, allowed=ORG_MANAGE_ROLES, scoped_object=True
        ),
        "militia:appointment_document": Route(kwargs=_org_appointment_kwargs, scoped_object=True),
        "militia:targets": Route(),
    }
)
POST_ONLY = frozenset({"militia:structure_fill", "militia:appointment_review"})
