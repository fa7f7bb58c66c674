"""The citizen registry's URLs (namespace ``people``); each sub-package adds its own patterns
here, in the order they were matched when they lived in this file."""

from django.urls import include, path

from muster.people import views

app_name = "people"
urlpatterns = [
    path("", include("muster.people.imports.urls")),
    path("", include("muster.people.police.urls")),
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create_view, name="person_create"),
    path("<uuid:public_id>/", views.person_detail, name="person_detail"),
    path("<uuid:public_id>/edit/", views.person_edit_view, name="person_edit"),
    path("<uuid:public_id>/transfer/", views.person_transfer_view, name="person_transfer"),
    path("<uuid:public_id>/absence/", views.person_absence_view, name="person_absence"),
    path("", include("muster.people.registration.urls")),
    path("", include("muster.people.changes.urls")),
    path("", include("muster.people.books.urls")),
    # The evidence attached to a citizen (views).
    path("<uuid:public_id>/evidence/", views.evidence_upload_view, name="evidence_upload"),
    path("evidence/<uuid:public_id>/", views.evidence_download_view, name="evidence_download"),
]
