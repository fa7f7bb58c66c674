"""Access rows of the militia pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route, unit_kwargs

ROWS = {
    "militia:index": Route(),
    "militia:commune": Route(kwargs=unit_kwargs, scoped_object=True),
}


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
