from django.urls import path

from muster.people import (
    book_views,
    changes_views,
    import_views,
    police_views,
    registration_call_views,
    registration_form_views,
    registration_reserve_views,
    registration_views,
    views,
)

app_name = "people"
urlpatterns = [
    # Import and export of a commune's spreadsheet (import_views).
    path("import/", import_views.import_start, name="import_start"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("import/export/<uuid:public_id>/", import_views.import_export, name="import_export"),
    path("import/<uuid:public_id>/", import_views.import_batch, name="import_batch"),
    path("import/<uuid:public_id>/check/", import_views.import_check_view, name="import_check"),
    path("import/<uuid:public_id>/confirm/", import_views.import_confirm, name="import_confirm"),
    path("import/<uuid:public_id>/errors.xlsx", import_views.import_errors, name="import_errors"),
    # The commune police's quarterly reports (police_views).
    path("police/", police_views.police_report_list, name="police_report_list"),
    path(
        "police/<uuid:public_id>/", police_views.police_report_detail, name="police_report_detail"
    ),
    path(
        "police/items/<uuid:public_id>/apply/",
        police_views.police_item_apply,
        name="police_item_apply",
    ),
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create_view, name="person_create"),
    path("<uuid:public_id>/", views.person_detail, name="person_detail"),
    path("<uuid:public_id>/edit/", views.person_edit_view, name="person_edit"),
    path("<uuid:public_id>/transfer/", views.person_transfer_view, name="person_transfer"),
    path("<uuid:public_id>/absence/", views.person_absence_view, name="person_absence"),
    # Additional / reserve registration, removal, Art 13 / Art 14 status (registration_views).
    path(
        "<uuid:public_id>/additional/",
        registration_views.person_additional_view,
        name="person_additional",
    ),
    path(
        "<uuid:public_id>/reserve/", registration_views.person_reserve_view, name="person_reserve"
    ),
    path(
        "<uuid:public_id>/removal/", registration_views.person_removal_view, name="person_removal"
    ),
    path("<uuid:public_id>/bar/", registration_views.person_bar_view, name="person_bar"),
    path("bars/<uuid:public_id>/end/", registration_views.bar_end_view, name="bar_end"),
    # Books and lists, year roll-over, evidence (book_views).
    path("registration/", registration_call_views.registration_index, name="registration_index"),
    path(
        "registration/<uuid:public_id>/",
        registration_call_views.registration_commune,
        name="registration_commune",
    ),
    path(
        "registration/<uuid:public_id>/reserve/",
        registration_reserve_views.registration_reserve,
        name="registration_reserve",
    ),
    path(
        "registration/<uuid:public_id>/print/",
        registration_call_views.registration_print,
        name="registration_print",
    ),
    path(
        "registration/reports/<uuid:public_id>/",
        registration_call_views.registration_report_print,
        name="registration_report_print",
    ),
    # The other registration forms: health form, transfer letters, reserve certificates.
    path(
        "<uuid:public_id>/health-form/",
        registration_form_views.person_health_form,
        name="person_health_form",
    ),
    path(
        "registration/calls/<uuid:public_id>/print/",
        registration_form_views.registration_call_print,
        name="registration_call_print",
    ),
    path(
        "registration/events/<uuid:public_id>/print/",
        registration_form_views.registration_event_print,
        name="registration_event_print",
    ),
    path(
        "registration/<uuid:public_id>/forms/",
        registration_form_views.registration_forms_print,
        name="registration_forms_print",
    ),
    path(
        "changes/<uuid:public_id>/",
        changes_views.registration_changes,
        name="registration_changes",
    ),
    path("books/", book_views.book_index, name="book_index"),
    path("books/january/record/", book_views.january_record_view, name="january_record"),
    path("books/rollover/", book_views.rollover_view, name="rollover"),
    path("books/<slug:book>/export/", book_views.book_export_view, name="book_export"),
    path(
        "books/exports/<uuid:public_id>/", book_views.book_export_detail, name="book_export_detail"
    ),
    path(
        "books/exports/<uuid:public_id>/status/",
        book_views.book_export_status,
        name="book_export_status",
    ),
    path(
        "books/exports/<uuid:public_id>/download/",
        book_views.book_export_download,
        name="book_export_download",
    ),
    path("books/<slug:book>/", book_views.book_view, name="book"),
    path("<uuid:public_id>/evidence/", book_views.evidence_upload_view, name="evidence_upload"),
    path("evidence/<uuid:public_id>/", book_views.evidence_download_view, name="evidence_download"),
]
