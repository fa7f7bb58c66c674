"""URLs of the militia's organisation and cadres (namespace ``militia``)."""

from django.urls import path

from muster.militia.organisation import views
from muster.militia.targets import views as target_views

urlpatterns = [
    path("<uuid:public_id>/organisation/", views.organisation, name="organisation"),
    path("<uuid:public_id>/organisation/establish/", views.unit_establish, name="unit_establish"),
    path("<uuid:public_id>/organisation/standard/", views.structure_fill, name="structure_fill"),
    path("<uuid:public_id>/organisation/appoint/", views.appoint, name="appoint"),
    path("units/<uuid:public_id>/", views.unit_detail, name="unit"),
    path("units/<uuid:public_id>/dissolve/", views.unit_dissolve, name="unit_dissolve"),
    path("units/<uuid:public_id>/assign/", views.unit_assign, name="unit_assign"),
    path("appointments/<uuid:public_id>/", views.appointment_detail, name="appointment"),
    path(
        "appointments/<uuid:public_id>/dismiss/",
        views.appointment_dismiss,
        name="appointment_dismiss",
    ),
    path(
        "appointments/<uuid:public_id>/review/",
        views.appointment_review,
        name="appointment_review",
    ),
    path(
        "appointments/<uuid:public_id>/decision/",
        views.appointment_document,
        name="appointment_document",
    ),
    path("targets/", target_views.targets, name="targets"),
]
