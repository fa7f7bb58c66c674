"""URLs of military-service registration (namespace ``people``): the steps on the person page,
the commune's April and reserve registration calls, and the printed registration forms."""

from django.urls import path

from muster.people.registration.views import calls, printed, records, reserve

urlpatterns = [
    # Additional / reserve registration, removal, Art 13 / Art 14 status (views.records).
    path("<uuid:public_id>/additional/", records.person_additional_view, name="person_additional"),
    path("<uuid:public_id>/reserve/", records.person_reserve_view, name="person_reserve"),
    path("<uuid:public_id>/removal/", records.person_removal_view, name="person_removal"),
    path("<uuid:public_id>/bar/", records.person_bar_view, name="person_bar"),
    path("bars/<uuid:public_id>/end/", records.bar_end_view, name="bar_end"),
    # The commune's April registration and reserve registration calls (views.calls, .reserve).
    path("registration/", calls.registration_index, name="registration_index"),
    path("registration/<uuid:public_id>/", calls.registration_commune, name="registration_commune"),
    path(
        "registration/<uuid:public_id>/reserve/",
        reserve.registration_reserve,
        name="registration_reserve",
    ),
    path(
        "registration/<uuid:public_id>/print/", calls.registration_print, name="registration_print"
    ),
    path(
        "registration/reports/<uuid:public_id>/",
        calls.registration_report_print,
        name="registration_report_print",
    ),
    # The other registration forms: health form, transfer letters, reserve certificates.
    path("<uuid:public_id>/health-form/", printed.person_health_form, name="person_health_form"),
    path(
        "registration/calls/<uuid:public_id>/print/",
        printed.registration_call_print,
        name="registration_call_print",
    ),
    path(
        "registration/events/<uuid:public_id>/print/",
        printed.registration_event_print,
        name="registration_event_print",
    ),
    path(
        "registration/<uuid:public_id>/forms/",
        printed.registration_forms_print,
        name="registration_forms_print",
    ),
]
