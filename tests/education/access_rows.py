"""Access rows of the defence education pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

from tests.access import Route


def _course_kwargs(world, side):
    """A group 4 course of the side's commune (made once per world)."""
    import datetime as dt

    from muster.education.models import Course

    key = f"edu_course_{side}"
    if key not in world:
        world[key] = Course.objects.create(
            unit=world[f"unit_{side}"],
            group=4,
            title="Bồi dưỡng đối tượng 4",
            convened_by="Hội đồng GDQPAN xã",
            place="Hội trường xã",
            starts_on=dt.date(2025, 5, 19),
            ends_on=dt.date(2025, 5, 23),
            hours=32,
        )
    return {"public_id": world[key].public_id}


ROWS = {
    "education:index": Route(),
    "education:due": Route(),
    "education:members": Route(),
    "education:courses": Route(),
    "education:course": Route(kwargs=_course_kwargs, scoped_object=True),
    "education:certificates": Route(),
    "education:certificates_pdf": Route(),
    "education:certificates_xlsx": Route(),
}
