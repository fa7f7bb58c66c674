"""Access rows of the militia pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, of_person, once, public_id_kwargs, unit_kwargs
from tests.militia.readiness.factories import callout_kwargs

ROWS = {
    "militia:index": Route(),
    "militia:commune": Route(kwargs=unit_kwargs, scoped_object=True),
}


# --- registration, membership and selection (branch milreg) -------------------------------


@once("militia_member")
def _member(world, side):
    """A serving member of the side's commune."""
    from tests.militia.factories import make_member

    return make_member(world[f"person_{side}"])


@once("militia_decision")
def _decision(world, side):
    """A deferral decision on the side's citizen."""
    import datetime as dt

    from muster.militia.models import SelectionDecision

    return of_person(
        world,
        side,
        SelectionDecision,
        kind="defer",
        ground="11.1.h",
        decided_on=dt.date(2026, 5, 4),
        authority="commune_chairman",
        citation="điểm h khoản 1 Điều 11 Luật Dân quân tự vệ 48/2019/QH14",
        decision_ref="15/QĐ-UBND",
    )


_member_kwargs = public_id_kwargs(_member)
_decision_kwargs = public_id_kwargs(_decision)


ROWS.update(
    {
        "militia:registration": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:register_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:register_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:membership": Route(kwargs=_member_kwargs, scoped_object=True),
        "militia:selection": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:decision_pdf": Route(kwargs=_decision_kwargs, scoped_object=True),
        "militia:decision_docx": Route(kwargs=_decision_kwargs, scoped_object=True),
    }
)
# ---- Readiness and allowances (branch milready, issue 17 items 7 and 8) -------------------
# Read by every role of the area; ordering a call-out needs Cap.MANAGE_MILITIA; marking
# answers and closing are POST-only (tested in tests/militia/readiness/test_callout_pages.py).

MILITIA_ROLES = frozenset({"admin", "commune_commander", "other_commander", "commune_clerk"})
ROWS.update(
    {
        "militia:readiness": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:callout_new": Route(kwargs=unit_kwargs, allowed=MILITIA_ROLES, scoped_object=True),
        "militia:callout": Route(kwargs=callout_kwargs, scoped_object=True),
        "militia:callout_live": Route(kwargs=callout_kwargs, scoped_object=True),
        "militia:allowances": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:allowances_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:allowances_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:allowance_rates": Route(kwargs=unit_kwargs, scoped_object=True),
    }
)
POST_ONLY = frozenset({"militia:callout_mark", "militia:callout_close"})
# --- the strength report (muster/militia/reports) ------------------------------------------
ROWS.update(
    {
        "militia:report": Route(),
        "militia:report_xlsx": Route(),
        "militia:report_pdf": Route(),
        "militia:report_unit": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:report_unit_xlsx": Route(kwargs=unit_kwargs, scoped_object=True),
        "militia:report_unit_pdf": Route(kwargs=unit_kwargs, scoped_object=True),
    }
)
# ----------------------------------------------------------------------------- organisation
# (branch milorg: units, cadres, strength targets)


@once("militia_unit")
def _org_unit(world, side):
    from tests.militia.factories import make_militia_unit

    return make_militia_unit(world[f"unit_{side}"])


@once("militia_appointment")
def _org_appointment(world, side):
    import datetime as dt

    from muster.militia.models import Appointment

    return Appointment.objects.create(
        person=world[f"person_{side}"],
        holder=world[f"unit_{side}"],
        post="commander",
        appointed_on=dt.date(2025, 7, 1),
        decision_ref="1/QĐ",
        ended_on=dt.date(2025, 9, 1),
        end_reason="dismissed",
        end_decision_ref="2/QĐ",
    )


_org_unit_kwargs = public_id_kwargs(_org_unit)
_org_appointment_kwargs = public_id_kwargs(_org_appointment)


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
POST_ONLY = POST_ONLY | {"militia:structure_fill", "militia:appointment_review"}


# ----------------------------------------------------------------------------- training
def _training_session_kwargs(world, side):
    """A session of a mobile-militia plan of the side's commune, made on first use (the same
    session on every call)."""
    import datetime as dt

    from muster.militia.training.models import TrainingPlan, TrainingSession

    plan, _ = TrainingPlan.objects.get_or_create(
        holder=world[f"unit_{side}"],
        year=2025,
        component="mobile",
        defaults={"first_year_days": 15, "later_days": 12},
    )
    session, _ = TrainingSession.objects.get_or_create(
        plan=plan,
        starts_on=dt.date(2025, 4, 7),
        defaults={
            "ends_on": dt.date(2025, 4, 9),
            "days": 3,
            "place": "Sân UBND",
            "subject": "Điều lệnh đội ngũ",
        },
    )
    return {"public_id": session.public_id}


ROWS |= {
    "militia:training": Route(kwargs=unit_kwargs, scoped_object=True),
    "militia:training_members": Route(kwargs=unit_kwargs, scoped_object=True),
    "militia:training_session": Route(kwargs=_training_session_kwargs, scoped_object=True),
    "militia:training_payment_pdf": Route(kwargs=_training_session_kwargs, scoped_object=True),
    "militia:training_payment_xlsx": Route(kwargs=_training_session_kwargs, scoped_object=True),
}
