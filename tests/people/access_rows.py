"""Access rows of the registry pages (tests/core/test_access_matrix.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.access import ALL_ROLES, EDIT_PEOPLE_ROLES, Route, person_kwargs, unit_kwargs

#: Who follows the changes after registration: not the health or service councils.
CHANGES_ROLES = ALL_ROLES - {"health_council", "service_council"}


def _evidence(world: dict[str, Any], side: str) -> dict[str, Any]:
    """An evidence document of the side's citizen (created on first use)."""
    key = f"evidence_{side}"
    if key not in world:
        from tests.people.test_evidence import make_evidence

        world[key] = make_evidence(world[f"person_{side}"])
    return {"public_id": world[key].public_id}


def _registration_bar(world: dict[str, Any], side: str) -> dict[str, Any]:
    """An open Art 13 status (không được đăng ký) of the side's citizen."""
    from muster.people.registration.models import RegistrationBar

    key = f"registration_bar_{side}"
    if key not in world:
        world[key] = RegistrationBar.objects.create(
            person=world[f"person_{side}"],
            kind="barred_art13",
            ground="x",
            legal_citation="Luật NVQS 78/2015/QH13 Điều 13(1)(a)",
            start_date=dt.date(2025, 5, 1),
        )
    return {"public_id": world[key].public_id}


def _registration_report(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A 10-day registration report of the side's commune."""
    from muster.people.registration.models import RegistrationReport

    key = f"registration_report_{side}"
    if key not in world:
        world[key] = RegistrationReport.objects.create(
            unit=world[f"unit_{side}"],
            registration_date=dt.date(2025, 4, 15),
            number="1/BC",
            reported_on=dt.date(2025, 4, 20),
            recipient="x",
            registered=1,
            due_date=dt.date(2025, 4, 25),
            legal_citation="x",
        )
    return {"public_id": world[key].public_id}


def _registration_call(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A registration call to the side's citizen."""
    from muster.people.registration.models import RegistrationCall

    key = f"registration_call_{side}"
    if key not in world:
        world[key] = RegistrationCall.objects.create(
            person=world[f"person_{side}"],
            unit=world[f"unit_{side}"],
            kind="first",
            year=2025,
            number=1,
            issued_on=dt.date(2025, 4, 1),
            signer_role="district_commander",
            signer_name="x",
            signer_citation="x",
            registration_date=dt.date(2025, 4, 15),
            registration_place="x",
            deliver_by=dt.date(2025, 4, 5),
            notice_citation="x",
        )
    return {"public_id": world[key].public_id}


def _transfer_out(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A transfer out of the side's commune (its transfer letter)."""
    from muster.people.registration.models import RegistrationEvent

    key = f"transfer_out_{side}"
    if key not in world:
        unit = world[f"unit_{side}"]
        other = world["unit_out" if side == "in" else "unit_in"]
        world[key] = RegistrationEvent.objects.create(
            person=world[f"person_{side}"],
            kind="transfer_out",
            event_date=dt.date(2025, 9, 1),
            unit=unit,
            from_unit=unit,
            to_unit=other,
        )
    return {"public_id": world[key].public_id}


def _import_batch(world: dict[str, Any], side: str) -> dict[str, Any]:
    """A pending spreadsheet upload of the side's commune."""
    from muster.people.models import ImportBatch

    key = f"import_batch_{side}"
    if key not in world:
        world[key] = ImportBatch.objects.create(
            unit=world[f"unit_{side}"], file_name="ds.csv", sha256="0" * 64, content=b"STT\n1\n"
        )
    return {"public_id": world[key].public_id}


def _police_report(world: dict[str, Any], side: str):
    """A police quarterly report of the side's commune, with one detention item."""
    from muster.people.registration.models import PoliceReport, PoliceReportItem

    key = f"police_report_{side}"
    if key not in world:
        report = PoliceReport.objects.create(
            unit=world[f"unit_{side}"], year=2025, quarter=3, received_on=dt.date(2025, 9, 29)
        )
        world[key] = report
        world[f"police_item_{side}"] = PoliceReportItem.objects.create(
            report=report,
            person=world[f"person_{side}"],
            kind="detention",
            event_date=dt.date(2025, 9, 1),
            art13_point="a",
        )
    return world[key]


def _police_report_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    return {"public_id": _police_report(world, side).public_id}


def _police_item_kwargs(world: dict[str, Any], side: str) -> dict[str, Any]:
    _police_report(world, side)
    return {"public_id": world[f"police_item_{side}"].public_id}


ROWS: dict[str, Route] = {
    # The commune police's quarterly reports (issue 21).
    "people:police_report_list": Route(),
    "people:police_report_detail": Route(kwargs=_police_report_kwargs, scoped_object=True),
    "people:police_item_apply": Route(
        kwargs=_police_item_kwargs, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:person_list": Route(),
    "people:person_detail": Route(kwargs=person_kwargs, scoped_object=True),
    "people:person_create": Route(allowed=EDIT_PEOPLE_ROLES),
    **{
        name: Route(kwargs=person_kwargs, allowed=EDIT_PEOPLE_ROLES, scoped_object=True)
        for name in (
            "people:person_edit",
            "people:person_transfer",
            "people:person_absence",
            "people:person_additional",
            "people:person_reserve",
            "people:person_removal",
            "people:person_bar",
            "people:evidence_upload",
        )
    },
    "people:book_index": Route(),
    "people:book": Route(kwargs=lambda w, side: {"book": "age17"}),
    "people:rollover": Route(),
    "people:january_record": Route(allowed=EDIT_PEOPLE_ROLES),
    "people:evidence_download": Route(kwargs=_evidence, scoped_object=True),
    "people:bar_end": Route(
        kwargs=_registration_bar, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:registration_index": Route(),
    "people:registration_commune": Route(kwargs=unit_kwargs, scoped_object=True),
    "people:registration_print": Route(kwargs=unit_kwargs, scoped_object=True),
    "people:registration_reserve": Route(kwargs=unit_kwargs, scoped_object=True),
    "people:registration_report_print": Route(kwargs=_registration_report, scoped_object=True),
    # The other registration forms (issue 21): printed by the roles that keep the register.
    "people:person_health_form": Route(
        kwargs=person_kwargs, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:registration_call_print": Route(
        kwargs=_registration_call, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:registration_event_print": Route(
        kwargs=_transfer_out, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:registration_forms_print": Route(
        kwargs=unit_kwargs, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:registration_changes": Route(
        kwargs=unit_kwargs, allowed=CHANGES_ROLES, scoped_object=True
    ),
    "people:import_start": Route(allowed=EDIT_PEOPLE_ROLES),
    "people:import_template": Route(allowed=EDIT_PEOPLE_ROLES),
    "people:import_export": Route(
        kwargs=unit_kwargs, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:import_batch": Route(
        kwargs=_import_batch, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
    "people:import_errors": Route(
        kwargs=_import_batch, allowed=EDIT_PEOPLE_ROLES, scoped_object=True
    ),
}
POST_ONLY = frozenset({"people:import_check", "people:import_confirm", "people:book_export"})
#: A book export job is its owner's alone: anyone else, whatever the role, gets a 404.
OWNER_ONLY = frozenset(
    {"people:book_export_detail", "people:book_export_status", "people:book_export_download"}
)
